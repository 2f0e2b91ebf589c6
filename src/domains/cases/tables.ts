// Cases: every person the welcome team follows (from a lead, a ranked list, an alert, a webinar or
// typed in) has one case, found by email, with a timeline of everything and tasks.
import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../db/columns.ts';

export const CASE_STAGES = ['interested', 'in_contact', 'offer', 'accepted', 'arrived', 'retained', 'lost'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];
export const CASE_SOURCES = ['lead', 'ranked_list', 'alert', 'webinar', 'meeting', 'appointment', 'manual'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Lower-cased; one open case per address (duplicates are merged into it). */
    email: text('email'),
    phone: text('phone'),
    locale: text('locale').$type<'it' | 'en'>().notNull().default('it'),
    professionCode: text('profession_code'),
    stage: text('stage').$type<CaseStage>().notNull().default('interested'),
    source: text('source').$type<CaseSource>().notNull(),
    assigneeId: text('assignee_id'),
    /** Set when merged into another case: this one stays only as a pointer. */
    mergedInto: uuid('merged_into'),
    arrivedAt: tstz('arrived_at'),
    lostReason: text('lost_reason'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('cases_email_idx').on(t.email).where(sql`merged_into is null and email is not null`),
    index('cases_stage_idx').on(t.stage),
    index('cases_assignee_idx').on(t.assigneeId),
  ],
);

export const CASE_EVENT_KINDS = ['note', 'mail', 'call', 'meeting', 'offer', 'stage', 'task', 'appointment', 'registration', 'merge', 'created'] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<CaseEventKind>().notNull(),
    /** Short text shown in the timeline (already free of secrets). */
    summary: text('summary').notNull(),
    body: text('body'),
    data: jsonb('data').$type<Record<string, unknown>>(),
    at: tstz('at').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);

export const caseTasks = pgTable(
  'case_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueAt: tstz('due_at'),
    assigneeId: text('assignee_id'),
    doneAt: tstz('done_at'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('case_tasks_assignee_idx').on(t.assigneeId, t.doneAt, t.dueAt), index('case_tasks_case_idx').on(t.caseId)],
);
