// Who may see the talent pool: the welcome team (recruiters) and admins; editors see none of it.
import { definePolicies, hasRole } from '../../platform/authz/index.ts';

definePolicies({
  'alerts.subscribers.read': hasRole('admin', 'recruiter'),
  'alerts.subscribers.export': hasRole('admin', 'recruiter'),
  'alerts.stats': hasRole('admin', 'recruiter'),
});
