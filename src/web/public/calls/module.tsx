// The public calls portal: search, a call's page, its ICS, attachments and the apply redirect.
import { defineWebModule } from '../../modules.ts';
import { publicCallRoutes } from './routes.tsx';

export const module = defineWebModule({
  name: 'calls',
  area: 'public',
  mounts: [{ path: '/bandi', routes: publicCallRoutes }],
  // Any change to calls (or the clock opening/closing one) drops the cached public pages.
  listeners: (deps) => ({
    'calls.changed': () => deps.cache.invalidate('calls'),
    'reference.changed': () => deps.cache.invalidate('calls'),
  }),
});
