// The cases capability plugs in: its rules, the 12-month check, and the case as the person's
// identity across capabilities (resolved first, erased last).
import { defineManifest } from '../../platform/manifest.ts';
import { caseJobs } from './jobs.ts';
import { casesPersonalData } from './person.ts';
import { caseRules } from './policy.ts';

export const manifest = defineManifest({
  name: 'cases',
  policies: [caseRules],
  jobs: caseJobs,
  personalData: casesPersonalData,
});
