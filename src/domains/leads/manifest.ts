// The leads capability plugs in: its rules, the retention run, and the leads a person left.
import { defineManifest } from '../../platform/manifest.ts';
import { leadJobs } from './jobs.ts';
import { leadRules } from './policy.ts';
import { leadContact, leadsPersonalData } from './work-lead.ts';

export const manifest = defineManifest({
  name: 'leads',
  policies: [leadRules],
  jobs: leadJobs,
  personalData: leadsPersonalData,
  provides: { 'leads.contact': leadContact },
});
