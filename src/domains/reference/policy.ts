// Every staff member reads the reference data; only admins correct the relation graph.
import { definePolicy, staff } from '../../platform/authz/index.ts';

export const referenceRules = definePolicy('reference', {
  view: staff('admin', 'recruiter', 'editor'),
  edit: staff('admin'),
});
