// The meetings capability plugs in: its rules, reminders, the registrations a person holds, and
// re-pointing them when cases merge.
import { defineManifest } from '../../platform/manifest.ts';
import { seedMeetingsDemo } from './demo.ts';
import { meetingJobs } from './jobs.ts';
import { meetingHooks, meetingsPersonalData } from './person.ts';
import { meetingRules } from './policy.ts';

export const manifest = defineManifest({
  name: 'meetings',
  policies: [meetingRules],
  jobs: meetingJobs,
  hooks: meetingHooks,
  personalData: meetingsPersonalData,
  demo: { after: ['accounts'], seed: seedMeetingsDemo },
});
