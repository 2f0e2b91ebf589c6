// The schema barrel: every table of every domain, for Drizzle and drizzle-kit.
export * from '../domains/accounts/tables.ts';
export * from '../domains/organisations/tables.ts';
export * from '../domains/reference/tables.ts';
export * from '../domains/calls/tables.ts';
export * from '../platform/audit/tables.ts';
export * from '../platform/mail/tables.ts';
export * from '../platform/consent/tables.ts';
export * from '../platform/import/tables.ts';
export * from '../domains/alerts/tables.ts';
export * from '../domains/leads/tables.ts';
export * from '../domains/cases/tables.ts';
export * from '../domains/rankings/tables.ts';
export * from '../domains/appointments/tables.ts';
export * from '../domains/meetings/tables.ts';
