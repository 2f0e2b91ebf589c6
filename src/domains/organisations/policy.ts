// Who may see and manage organisations: admins manage them, recruiters read them (calls need employers).
import { authorize, definePolicies, hasRole } from '../../platform/authz/index.ts';
import type { Actor } from '../../platform/audit/index.ts';

definePolicies({
  'organisations.view': hasRole('admin', 'recruiter'),
  'organisations.manage': hasRole('admin'),
});

export const canManageOrganisations = (actor: Actor) => authorize(actor, 'organisations.manage');
