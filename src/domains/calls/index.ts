// The calls capability: what other parts of the app may use.
export * from './state.ts';
export * from './input.ts';
export * from './save-call.ts';
export * from './transitions.ts';
export * from './queries.ts';
export * from './attachments.ts';
export * from './staff-views.ts';
export { slugify } from './slug.ts';
export { CALL_TYPES, CONTRACT_TERMS, CONTRACT_HOURS, type CallType } from './tables.ts';
export { callRules } from './policy.ts';
export { IMPORT_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, REQUIRED_COLUMNS, confirmImport, getImport, importTemplateExample, previewImport, templateCsv, templateXlsx, type ImportPreview, type StoredImport } from './import.ts';
export { adminStateCounts, callFormOptions, callHistory, disciplineOptions, employerOptions, findComuni, resolveWorkplaces, specialisationCandidates, splitWorkplaces, type CallFormOptions, type CallHistoryEntry, type SpecialisationCandidate, type WorkplaceProblem, workplacesText } from './admin-options.ts';
export { callWorkplaces } from './tables.ts';
export { calls } from './tables.ts';
