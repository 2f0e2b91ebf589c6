// Who may set the welcome team's availability and see the booked talks.
import { definePolicy, staff } from '../../platform/authz/index.ts';

export const appointmentRules = definePolicy('appointments', {
  manage: staff('admin', 'recruiter'),
});
