// Who may work appointments (availability, the team's bookings, booking links): recruiters and admins.
import { definePolicies, hasRole } from '../../platform/authz/index.ts';

definePolicies({
  'appointments.manage': hasRole('admin', 'recruiter'),
});
