// The organisations capability: what other parts of the app may use.
export * from './organisations.ts';
export { ORGANISATION_KINDS, type OrganisationKind } from './tables.ts';
export { organisationRules } from './policy.ts';
export { organisations } from './tables.ts';
