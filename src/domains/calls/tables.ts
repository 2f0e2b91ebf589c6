// Calls (bandi): what an employer publishes and professionals look for.
import { sql } from 'drizzle-orm';
import { customType, index, integer, pgTable, primaryKey, text, uuid, date, boolean } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../db/columns.ts';
import { organisations } from '../organisations/tables.ts';

export const CALL_TYPES = [
  'concorso_pubblico',
  'avviso_tempo_determinato',
  'incarico_libero_professionale',
  'mobilita',
  'zona_carente',
  'continuita_assistenziale',
  'borsa_di_studio',
] as const;
export type CallType = (typeof CALL_TYPES)[number];

export const CONTRACT_TERMS = ['indeterminato', 'determinato', 'libero_professionale', 'convenzione', 'borsa'] as const;
export const CONTRACT_HOURS = ['full_time', 'part_time'] as const;

/** Stored status; the visible state (scheduled/open/closed) also depends on the clock, see state.ts. */
export const CALL_STATUSES = ['draft', 'published', 'archived'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    type: text('type').$type<CallType>().notNull(),
    status: text('status').$type<CallStatus>().notNull().default('draft'),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => organisations.id),
    professionCode: text('profession_code').notNull(),
    disciplineCode: integer('discipline_code'),
    posts: integer('posts').notNull().default(1),
    contractTerm: text('contract_term').$type<(typeof CONTRACT_TERMS)[number]>().notNull(),
    contractHours: text('contract_hours').$type<(typeof CONTRACT_HOURS)[number]>().notNull().default('full_time'),
    descriptionMd: text('description_md').notNull().default(''),
    requirementsMd: text('requirements_md').notNull().default(''),
    publishAt: tstz('publish_at'),
    deadline: tstz('deadline'),
    /** Set by the lifecycle job when the call first opens (issue 3 fans out alerts from here). */
    openedAt: tstz('opened_at'),
    closedAt: tstz('closed_at'),
    archivedAt: tstz('archived_at'),
    officialRef: text('official_ref'),
    applicationUrl: text('application_url'),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('italian', coalesce(title, '')), 'A') || setweight(to_tsvector('italian', coalesce(official_ref, '')), 'B') || setweight(to_tsvector('italian', coalesce(description_md, '') || ' ' || coalesce(requirements_md, '')), 'C')`,
    ),
  },
  (t) => [
    index('calls_status_deadline_idx').on(t.status, t.deadline),
    index('calls_profession_idx').on(t.professionCode),
    index('calls_discipline_idx').on(t.disciplineCode),
    index('calls_employer_idx').on(t.employerId),
    index('calls_search_idx').using('gin', t.searchVector),
  ],
);

/** Specialisations admitted for a call: proposed from the relation graph, editable per call. */
export const callSpecialisations = pgTable(
  'call_specialisations',
  {
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    specialisationCode: text('specialisation_code').notNull(),
    kind: text('kind').$type<'same' | 'equipollent' | 'affine'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.callId, t.specialisationCode] }), index('call_specialisations_spec_idx').on(t.specialisationCode)],
);

export const callWorkplaces = pgTable(
  'call_workplaces',
  {
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    comuneCode: text('comune_code').notNull(),
    provinceCode: text('province_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.callId, t.comuneCode] }), index('call_workplaces_province_idx').on(t.provinceCode)],
);

export const callAttachments = pgTable(
  'call_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    title: text('title'),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('call_attachments_call_idx').on(t.callId)],
);

/** Outbound clicks to the official application portal, per call and day. */
export const callClicks = pgTable(
  'call_clicks',
  {
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    clicks: integer('clicks').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.callId, t.day] })],
);
