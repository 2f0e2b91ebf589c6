// Who may do what with calls: recruiters and admins manage them; editors can look, not change.
import { definePolicies, hasRole } from '../../platform/authz/index.ts';

definePolicies({
  'calls.read_admin': hasRole('admin', 'recruiter', 'editor'),
  'calls.create': hasRole('admin', 'recruiter'),
  'calls.update': hasRole('admin', 'recruiter'),
  'calls.publish': hasRole('admin', 'recruiter'),
  'calls.close': hasRole('admin', 'recruiter'),
  'calls.archive': hasRole('admin', 'recruiter'),
  'calls.import': hasRole('admin', 'recruiter'),
  'calls.attachments': hasRole('admin', 'recruiter'),
  'calls.stats': hasRole('admin', 'recruiter'),
});
