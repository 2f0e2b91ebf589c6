// Who may follow the people the welcome team looks after.
import { definePolicy, staff } from '../../platform/authz/index.ts';

export const caseRules = definePolicy('cases', {
  read: staff('admin', 'recruiter'),
  update: staff('admin', 'recruiter'),
  merge: staff('admin', 'recruiter'),
  // Erasing a person (GDPR art. 17) cannot be undone: admins only.
  erase: staff('admin'),
});
