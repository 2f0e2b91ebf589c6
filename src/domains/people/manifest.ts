// The people capability plugs in: the daily retention run over every capability's personal data.
import { defineManifest } from '../../platform/manifest.ts';
import { peopleJobs } from './jobs.ts';

export const manifest = defineManifest({
  name: 'people',
  jobs: peopleJobs,
});
