// Leave your references (/contatti).
import { defineWebModule } from '../../modules.ts';
import { leadRoutes } from './routes.tsx';

export const module = defineWebModule({ name: 'leads', area: 'public', mounts: [{ path: '/contatti', routes: leadRoutes }] });
