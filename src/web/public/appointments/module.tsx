// Booking a talk with the welcome team from a signed link, and moving or cancelling it.
import { defineWebModule } from '../../modules.ts';
import { appointmentRoutes } from './routes.tsx';

export const module = defineWebModule({ name: 'appointments', area: 'public', mounts: [{ path: '/appuntamento', routes: appointmentRoutes }] });
