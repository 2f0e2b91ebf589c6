// The accounts capability plugs in: staff and network accounts, their rules, the nightly purge of
// expired sessions and tokens, and the personal data an account holds.
import { defineManifest } from '../../platform/manifest.ts';
import { seedAccountsDemo } from './demo.ts';
import { accountJobs } from './jobs.ts';
import { accountsPersonalData } from './person.ts';
import { accountRules } from './policy.ts';

export const manifest = defineManifest({
  name: 'accounts',
  policies: [accountRules],
  jobs: accountJobs,
  personalData: accountsPersonalData,
  demo: { after: ['organisations'], seed: seedAccountsDemo },
});
