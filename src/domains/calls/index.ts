// The calls capability: what other parts of the app may use.
export * from './state.ts';
export * from './input.ts';
export * from './save-call.ts';
export * from './transitions.ts';
export * from './queries.ts';
export * from './attachments.ts';
export { slugify } from './slug.ts';
export { CALL_TYPES, CONTRACT_TERMS, CONTRACT_HOURS, type CallType } from './tables.ts';
export { callRules } from './policy.ts';
