// Leads ("lascia i tuoi riferimenti"): a person with no call open for them leaves a way to be
// called back; the welcome team works them in /admin/contatti.
import { boolean, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../db/columns.ts';
import { calls } from '../calls/tables.ts';

export const LEAD_STATUSES = ['new', 'contacted', 'closed'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export const PREFERRED_TIMES = ['any', 'morning', 'lunch', 'afternoon', 'evening'] as const;
export type PreferredTime = (typeof PREFERRED_TIMES)[number];

export const leads = pgTable(
  'leads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    professionCode: text('profession_code').notNull(),
    specialisationCode: text('specialisation_code'),
    message: text('message').notNull().default(''),
    preferredTime: text('preferred_time').$type<PreferredTime>().notNull().default('any'),
    locale: text('locale').$type<'it' | 'en'>().notNull().default('it'),
    status: text('status').$type<LeadStatus>().notNull().default('new'),
    /** users.id of the team member who follows the lead. */
    assigneeId: text('assignee_id'),
    /** The closed call whose page the person came from, if any. */
    callId: uuid('call_id').references(() => calls.id, { onDelete: 'set null' }),
    source: text('source'),
    utm: jsonb('utm').$type<Record<string, string>>(),
    isDemo: boolean('is_demo').notNull().default(false),
    contactedAt: tstz('contacted_at'),
    closedAt: tstz('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('leads_status_idx').on(t.status, t.createdAt), index('leads_email_idx').on(t.email), index('leads_assignee_idx').on(t.assigneeId)],
);

export const leadNotes = pgTable(
  'lead_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    authorId: text('author_id'),
    authorLabel: text('author_label').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('lead_notes_lead_idx').on(t.leadId, t.createdAt)],
);
