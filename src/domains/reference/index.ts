// The reference-data capability: what other parts of the app may use.
export * from './queries.ts';
export * from './edges.ts';
export { matchKey, sentenceCase, slugify as referenceSlug } from './names.ts';
export { RELATION_KINDS, PROFESSION_CATEGORIES, type RelationKind } from './tables.ts';
export { referenceRules } from './policy.ts';
export { comuni, disciplineSpecialisations, disciplines, professions, provinces, specialisations } from './tables.ts';
