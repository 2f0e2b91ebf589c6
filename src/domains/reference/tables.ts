// Reference data: professions, ECM disciplines, specialisations, the equipollent/affine relation,
// and the ISTAT territory. Loaded by seeds/reference (idempotent); every dataset records its source.
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../db/columns.ts';

export const referenceSources = pgTable('reference_sources', {
  dataset: text('dataset').primaryKey(),
  file: text('file').notNull(),
  source: text('source').notNull(),
  licence: text('licence'),
  rows: integer('rows').notNull(),
  sha256: text('sha256').notNull(),
  /** shipped: the project's copy; operator: a newer file loaded by hand, kept until replaced. */
  origin: text('origin').$type<'shipped' | 'operator'>().notNull().default('shipped'),
  loadedAt: tstz('loaded_at').notNull().defaultNow(),
});

export const regions = pgTable('regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

export const provinces = pgTable(
  'provinces',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    abbreviation: text('abbreviation').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
  },
  (t) => [uniqueIndex('provinces_abbr_idx').on(t.abbreviation)],
);

export const comuni = pgTable(
  'comuni',
  {
    code: text('code').primaryKey(), // ISTAT alphanumeric code, e.g. 022205
    name: text('name').notNull(),
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
    cadastralCode: text('cadastral_code'),
    active: boolean('active').notNull().default(true),
  },
  (t) => [index('comuni_province_idx').on(t.provinceCode), index('comuni_name_idx').on(t.name)],
);

export const PROFESSION_CATEGORIES = ['dirigenza', 'health_profession', 'other'] as const;

export const professions = pgTable('professions', {
  code: text('code').primaryKey(), // slug, e.g. medico_chirurgo, infermiere
  name: text('name').notNull(),
  nameEn: text('name_en'),
  category: text('category').$type<(typeof PROFESSION_CATEGORIES)[number]>().notNull(),
  ecmCode: integer('ecm_code'),
  /** Posts for this profession are bound to a discipline (dirigenza: doctors, pharmacists…). */
  hasDisciplines: boolean('has_disciplines').notNull().default(false),
  sortOrder: integer('sort_order').notNull().default(0),
  source: text('source').notNull(),
});

export const disciplines = pgTable(
  'disciplines',
  {
    code: integer('code').primaryKey(), // AGENAS ECM discipline code
    name: text('name').notNull(),
    professionCode: text('profession_code')
      .notNull()
      .references(() => professions.code),
    area: text('area'),
    source: text('source').notNull(),
  },
  (t) => [index('disciplines_profession_idx').on(t.professionCode)],
);

export const specialisations = pgTable('specialisations', {
  code: text('code').primaryKey(), // slug of the name
  name: text('name').notNull(),
  area: text('area'),
  schoolClass: text('school_class'),
  source: text('source').notNull(),
});

export const RELATION_KINDS = ['same', 'equipollent', 'affine'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

/**
 * Directed edge: for a post in `disciplineCode`, the specialisation `specialisationCode` is admitted
 * as the same title, an equipollent one (DM 30-1-1998 Tab. B) or an affine one (DM 31-1-1998).
 */
export const disciplineSpecialisations = pgTable(
  'discipline_specialisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    disciplineCode: integer('discipline_code')
      .notNull()
      .references(() => disciplines.code),
    specialisationCode: text('specialisation_code')
      .notNull()
      .references(() => specialisations.code),
    kind: text('kind').$type<RelationKind>().notNull(),
    source: text('source').notNull(),
    sourceUrl: text('source_url'),
    note: text('note'),
    /** seed (from shared data) or admin (added or corrected in the back office). */
    origin: text('origin').$type<'seed' | 'admin'>().notNull().default('seed'),
    active: boolean('active').notNull().default(true),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('discipline_specialisations_edge_idx').on(t.disciplineCode, t.specialisationCode),
    index('discipline_specialisations_spec_idx').on(t.specialisationCode),
  ],
);

