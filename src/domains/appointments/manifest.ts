// The appointments capability plugs in: its rules, reminders and clean-up jobs, the appointments a
// person holds, and re-pointing them when cases merge.
import { defineManifest } from '../../platform/manifest.ts';
import { seedAppointmentsDemo } from './demo.ts';
import { appointmentJobs } from './jobs.ts';
import { appointmentHooks, appointmentsPersonalData } from './person.ts';
import { appointmentRules } from './policy.ts';

export const manifest = defineManifest({
  name: 'appointments',
  policies: [appointmentRules],
  jobs: appointmentJobs,
  hooks: appointmentHooks,
  personalData: appointmentsPersonalData,
  demo: { after: ['accounts'], seed: seedAppointmentsDemo },
});
