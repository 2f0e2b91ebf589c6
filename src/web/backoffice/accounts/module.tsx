// The accounts pages of the back office: staff users, API tokens, the audit log and the outbox.
import { accountRules } from '../../../domains/accounts/index.ts';
import { defineWebModule } from '../../modules.ts';
import { apiTokenRoutes } from './api-tokens.tsx';
import { auditRoutes } from './audit.tsx';
import { outboxRoutes } from './outbox.tsx';
import { usersRoutes } from './users.tsx';

export const module = defineWebModule({
  name: 'accounts',
  area: 'backoffice',
  mounts: [
    { path: '/utenti', routes: usersRoutes },
    { path: '/token-api', routes: apiTokenRoutes },
    { path: '/audit', routes: auditRoutes },
    { path: '/outbox', routes: outboxRoutes },
  ],
  nav: [
    { path: '/utenti', label: 'admin.nav.users', rule: accountRules.manageUsers, order: 100 },
    { path: '/token-api', label: 'admin.nav.api_tokens', rule: accountRules.manageApiTokens, order: 101 },
    { path: '/audit', label: 'admin.nav.audit', rule: accountRules.readAudit, order: 102 },
    { path: '/outbox', label: 'admin.nav.outbox', rule: accountRules.readOutbox, order: 103 },
  ],
});
