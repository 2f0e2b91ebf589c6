// The organisations capability plugs in: who may see and change the organisations of the network.
import { defineManifest } from '../../platform/manifest.ts';
import { seedOrganisationsDemo } from './demo.ts';
import { organisationRules } from './policy.ts';

export const manifest = defineManifest({
  name: 'organisations',
  policies: [organisationRules],
  demo: { seed: seedOrganisationsDemo },
});
