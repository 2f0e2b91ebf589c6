// The privacy notice.
import { defineWebModule } from '../../modules.ts';
import { privacyRoutes } from './privacy.tsx';

export const module = defineWebModule({ name: 'privacy', area: 'public', mounts: [{ path: '/', routes: privacyRoutes }], order: 90 });
