// Who may see and change the organisations of the network.
import { definePolicy, staff } from '../../platform/authz/index.ts';

export const organisationRules = definePolicy('organisations', {
  view: staff('admin', 'recruiter'),
  manage: staff('admin'),
});
