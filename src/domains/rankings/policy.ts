// Who may work ranked lists: recruiters (HR, the welcome team) and admins; editors see no candidate data.
import { definePolicies, hasRole } from '../../platform/authz/index.ts';

definePolicies({
  'rankings.read': hasRole('admin', 'recruiter'),
  'rankings.manage': hasRole('admin', 'recruiter'),
  'rankings.desk': hasRole('admin', 'recruiter'),
});
