// The calls capability plugs in: its rules and the lifecycle tick that opens and closes calls.
import { defineManifest } from '../../platform/manifest.ts';
import { seedCallsDemo } from './demo.ts';
import { callJobs } from './jobs.ts';
import { callRules } from './policy.ts';

export const manifest = defineManifest({
  name: 'calls',
  policies: [callRules],
  jobs: callJobs,
  demo: { after: ['organisations', 'alerts'], seed: seedCallsDemo },
});
