// The ranked lists capability (graduatorie and moving down the list): what other parts of the app may use.
export * from './lists.ts';
export * from './import.ts';
export * from './desk.ts';
export { OFFER_SWEEP_JOB, LIST_MINIMISE_JOB } from './jobs.ts';
export { minimiseExpiredLists } from './retention.ts';
export { CANDIDATE_STATES, CONTACT_CHANNELS, CONTACT_OUTCOMES, LIST_KINDS, OFFER_OUTCOMES, RENUNCIATION_REASONS, type CandidateState, type ListKind } from './tables.ts';
export { rankingRules } from './policy.ts';
export { parseFigureQuery, rankingFigures, REASON_KEYS, type Durations, type FigureFilter, type Figures, type FiguresReport } from './figures.ts';
