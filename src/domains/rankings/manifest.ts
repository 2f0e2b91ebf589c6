// The ranked lists plug in: their rules, the offer sweep and minimisation jobs, the candidacies a
// person holds (kept by law), and re-pointing them when cases merge.
import { defineManifest } from '../../platform/manifest.ts';
import { seedRankingsDemo } from './demo.ts';
import { rankingJobs } from './jobs.ts';
import { rankingHooks, rankingsPersonalData } from './person.ts';
import { rankingRules } from './policy.ts';

export const manifest = defineManifest({
  name: 'rankings',
  policies: [rankingRules],
  jobs: rankingJobs,
  hooks: rankingHooks,
  personalData: rankingsPersonalData,
  demo: { after: ['accounts', 'calls'], seed: seedRankingsDemo },
});
