// Who may organise meetings and webinars and see their registrants: the welcome team and admins.
import { definePolicies, hasRole } from '../../platform/authz/index.ts';

definePolicies({
  'meetings.manage': hasRole('admin', 'recruiter'),
});
