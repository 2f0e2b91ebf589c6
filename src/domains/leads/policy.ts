// Who may work the references people leave (personal data: never editors).
import { definePolicy, staff } from '../../platform/authz/index.ts';

export const leadRules = definePolicy('leads', {
  read: staff('admin', 'recruiter'),
  update: staff('admin', 'recruiter'),
  erase: staff('admin'),
});
