// Who may read and change reference data: every staff role reads it; only admins change the relation.
import { definePolicies, hasRole } from '../../platform/authz/index.ts';
import type { Actor } from '../../platform/audit/index.ts';
import { authorize } from '../../platform/authz/index.ts';

definePolicies({
  'reference.view': hasRole('admin', 'recruiter', 'editor'),
  'reference.edit': hasRole('admin'),
});

/** For pages that show admin-only forms beside data every staff member reads. */
export const canEditReference = (actor: Actor) => authorize(actor, 'reference.edit');
