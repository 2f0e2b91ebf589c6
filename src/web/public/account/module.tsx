// A person's own page: account, memberships, their data, erasing their account.
import { defineWebModule } from '../../modules.ts';
import { accountRoutes } from './account.tsx';

export const module = defineWebModule({ name: 'account', area: 'public', mounts: [{ path: '/area-personale', routes: accountRoutes }] });
