// Who may work leads ("lascia i tuoi riferimenti"): the welcome team (recruiters) and admins.
import { definePolicies, hasRole } from '../../platform/authz/index.ts';

definePolicies({
  'leads.read': hasRole('admin', 'recruiter'),
  'leads.update': hasRole('admin', 'recruiter'),
  'leads.erase': hasRole('admin'),
});
