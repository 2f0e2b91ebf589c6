// Webinars: the list, registration and cancelling a registration.
import { defineWebModule } from '../../modules.ts';
import { webinarRoutes } from './routes.tsx';

export const module = defineWebModule({ name: 'meetings', area: 'public', mounts: [{ path: '/webinar', routes: webinarRoutes }] });
