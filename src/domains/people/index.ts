// The people capability: what spans every capability that holds a person (their erasure, retention).
// The action it checks, cases.erase, is registered by the cases policy (imported through cases).
export * from './erase.ts';
export { PEOPLE_RETENTION_JOB } from './jobs.ts';
