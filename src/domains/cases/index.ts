// The cases capability: one case per person the welcome team follows, with timeline and tasks.
import './policy.ts';
export * from './timeline.ts';
export { CASE_STAGES, CASE_SOURCES, CASE_EVENT_KINDS, type CaseStage, type CaseSource, type CaseEventKind } from './tables.ts';
export * from './work.ts';
export { registerCaseJobs, CASE_RETENTION_CHECK_JOB } from './jobs.ts';
export * from './erase-person.ts';
