// Call alerts for the public: sign-up, confirmation, preferences, unsubscribe, renewal, clicks.
import { defineWebModule } from '../../modules.ts';
import { alertRoutes } from './routes.tsx';

export const module = defineWebModule({ name: 'alerts', area: 'public', mounts: [{ path: '/avvisi', routes: alertRoutes }] });
