// The cases capability: one case per person the welcome team follows, with timeline and tasks.
export * from './timeline.ts';
export { CASE_STAGES, CASE_SOURCES, CASE_EVENT_KINDS, type CaseStage, type CaseSource, type CaseEventKind } from './tables.ts';
export * from './work.ts';
export { CASE_RETENTION_CHECK_JOB } from './jobs.ts';
export { caseSummary, quietCases } from './person.ts';
export { caseRules } from './policy.ts';
