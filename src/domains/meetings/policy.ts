// Who may hold meetings and webinars and see who registered.
import { definePolicy, staff } from '../../platform/authz/index.ts';

export const meetingRules = definePolicy('meetings', {
  manage: staff('admin', 'recruiter'),
});
