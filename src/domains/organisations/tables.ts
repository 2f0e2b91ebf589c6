// Organisations: the agency, the employers of its territory and (later) partners. One table, with
// kinds and capabilities, so a tourism board or a school is a row, not a schema change.
import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../db/columns.ts';

export const ORGANISATION_KINDS = [
  'health_agency',
  'public_hospital',
  'private_hospital',
  'nursing_home',
  'municipality',
  'tourism_board',
  'housing_service',
  'school',
  'employment_agency',
  'employer',
  'third_sector',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind').$type<OrganisationKind>().notNull(),
    /** What the organisation does on the platform: employer (owns calls), partner (receives referrals). */
    isEmployer: boolean('is_employer').notNull().default(false),
    isPartner: boolean('is_partner').notNull().default(false),
    /** The agency that runs this installation. Exactly one row has it. */
    isHost: boolean('is_host').notNull().default(false),
    taxCode: text('tax_code'),
    website: text('website'),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    postalCode: text('postal_code'),
    comuneCode: text('comune_code'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('organisations_kind_idx').on(t.kind),
    // At most one host: ensureHostOrganisation relies on it when two processes boot together.
    uniqueIndex('organisations_host_idx').on(t.isHost).where(sql`${t.isHost}`),
  ],
);

/** Which staff or partner users belong to which organisation (partners later; staff of the host). */
export const organisationMembers = pgTable('organisation_members', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  userId: text('user_id').notNull(),
  role: text('role').notNull().default('member'),
  createdAt: createdAt(),
});
