// The reference-data capability plugs in: who may read and correct the reference data.
import { defineManifest } from '../../platform/manifest.ts';
import { referenceRules } from './policy.ts';

export const manifest = defineManifest({
  name: 'reference',
  policies: [referenceRules],
});
