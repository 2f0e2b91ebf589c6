// Who may see the talent pool: subscribers are personal data, so editors never do.
import { definePolicy, staff } from '../../platform/authz/index.ts';

export const alertRules = definePolicy('alerts', {
  readSubscribers: staff('admin', 'recruiter'),
  exportSubscribers: staff('admin', 'recruiter'),
  stats: staff('admin', 'recruiter'),
});
