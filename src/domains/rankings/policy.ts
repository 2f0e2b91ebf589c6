// Who may read and work the ranked lists (candidates' personal data: never editors).
import { definePolicy, staff } from '../../platform/authz/index.ts';

export const rankingRules = definePolicy('rankings', {
  read: staff('admin', 'recruiter'),
  manage: staff('admin', 'recruiter'),
  desk: staff('admin', 'recruiter'),
});
