// Who may manage staff accounts and read the records only administrators see.
import { definePolicies, hasRole } from '../../platform/authz/index.ts';

definePolicies({
  'users.manage': hasRole('admin'),
  'audit.read': hasRole('admin'),
  'outbox.read': hasRole('admin'),
  'api_tokens.manage': hasRole('admin'),
});
