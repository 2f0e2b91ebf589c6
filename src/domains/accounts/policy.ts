// Who may manage staff accounts and read the records only administrators see.
import { definePolicy, staff } from '../../platform/authz/index.ts';

export const accountRules = definePolicy('accounts', {
  manageUsers: staff('admin'),
  readAudit: staff('admin'),
  readOutbox: staff('admin'),
  manageApiTokens: staff('admin'),
});
