// Who may see and work cases: the welcome team and HR (recruiters) and admins; editors see none.
import { definePolicies, hasRole } from '../../platform/authz/index.ts';

definePolicies({
  'cases.read': hasRole('admin', 'recruiter'),
  'cases.update': hasRole('admin', 'recruiter'),
  'cases.merge': hasRole('admin', 'recruiter'),
  // Erasing a person (GDPR art. 17) cannot be undone: admins only.
  'cases.erase': hasRole('admin'),
});
