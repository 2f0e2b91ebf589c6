// Who may do what with calls: recruiters and admins manage them; editors can look, not change.
import { definePolicy, staff } from '../../platform/authz/index.ts';

export const callRules = definePolicy('calls', {
  readAdmin: staff('admin', 'recruiter', 'editor'),
  create: staff('admin', 'recruiter'),
  update: staff('admin', 'recruiter'),
  publish: staff('admin', 'recruiter'),
  close: staff('admin', 'recruiter'),
  archive: staff('admin', 'recruiter'),
  import: staff('admin', 'recruiter'),
  attachments: staff('admin', 'recruiter'),
  stats: staff('admin', 'recruiter'),
});
