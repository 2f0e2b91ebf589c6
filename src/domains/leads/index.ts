// The leads capability ("lascia i tuoi riferimenti"): what other parts of the app may use.
export * from './create-lead.ts';
export * from './work-lead.ts';
export * from './queries.ts';
export { leadSchema, parseLeadInput, MESSAGE_MAX, type LeadInput } from './input.ts';
export { LEAD_RETENTION_JOB } from './jobs.ts';
export { LEAD_STATUSES, PREFERRED_TIMES, type LeadStatus, type PreferredTime } from './tables.ts';
export { leadRules } from './policy.ts';
export { leads } from './tables.ts';
