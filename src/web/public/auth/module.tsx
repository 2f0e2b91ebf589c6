// Signing in and out, sign-in links, password reset: the same pages for staff and for the network.
import { defineWebModule } from '../../modules.ts';
import { authPageRoutes } from './auth.tsx';

export const module = defineWebModule({ name: 'auth', area: 'public', mounts: [{ path: '/', routes: authPageRoutes }], order: 10 });
