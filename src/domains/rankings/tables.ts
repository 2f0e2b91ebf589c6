// Ranked lists (graduatorie) of closed calls and the desk that works them down: openings of posts,
// candidates in rank order, contact attempts, offers with a deadline, outcomes and reasons.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, numeric, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../db/columns.ts';
import { calls } from '../calls/tables.ts';
import { cases } from '../cases/tables.ts';

export const LIST_KINDS = ['main', 'residents'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export const rankedLists = pgTable(
  'ranked_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    kind: text('kind').$type<ListKind>().notNull().default('main'),
    title: text('title').notNull(),
    /** Official act approving the list (delibera/determina), shown when published. */
    actRef: text('act_ref'),
    approvedOn: date('approved_on'),
    publishedAt: tstz('published_at'),
    validUntil: tstz('valid_until'),
    /** Days a candidate has to answer an offer (configurable per list). */
    answerDays: integer('answer_days').notNull().default(7),
    /** Reminder this many days before an offer's deadline. */
    reminderDays: integer('reminder_days').notNull().default(2),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('ranked_lists_call_kind_key').on(t.callId, t.kind)],
);

export const CANDIDATE_STATES = ['waiting', 'proposed', 'offered', 'accepted', 'renounced', 'expired', 'not_eligible'] as const;
export type CandidateState = (typeof CANDIDATE_STATES)[number];

export const rankedCandidates = pgTable(
  'ranked_candidates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listId: uuid('list_id')
      .notNull()
      .references(() => rankedLists.id, { onDelete: 'cascade' }),
    rank: integer('rank').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    pec: text('pec'),
    phone: text('phone'),
    score: numeric('score', { precision: 8, scale: 3 }),
    /** Preference titles (DPR 487/1994 art. 5) and reserved posts (e.g. armed forces, L. 68/1999). */
    preference: boolean('preference').notNull().default(false),
    reserve: boolean('reserve').notNull().default(false),
    locale: text('locale').$type<'it' | 'en'>().notNull().default('it'),
    state: text('state').$type<CandidateState>().notNull().default('waiting'),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'set null' }),
    proposedAt: tstz('proposed_at'),
    firstContactAt: tstz('first_contact_at'),
    /** The staff member who works this candidate (figures per team member). */
    handledBy: text('handled_by'),
    /** A turn closed before any offer (renounced on the phone, found not eligible): why and when. */
    closedReason: text('closed_reason').$type<RenunciationReason>(),
    closedText: text('closed_text'),
    closedAt: tstz('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('ranked_candidates_list_rank_key').on(t.listId, t.rank), index('ranked_candidates_state_idx').on(t.listId, t.state)],
);

/** "Open N posts": the desk proposes that many candidates (plus replacements) in rank order. */
export const listOpenings = pgTable('list_openings', {
  id: uuid('id').primaryKey().defaultRandom(),
  listId: uuid('list_id')
    .notNull()
    .references(() => rankedLists.id, { onDelete: 'cascade' }),
  posts: integer('posts').notNull(),
  note: text('note'),
  openedBy: text('opened_by'),
  openedAt: tstz('opened_at').notNull(),
});

export const CONTACT_CHANNELS = ['email', 'pec', 'phone'] as const;
export const CONTACT_OUTCOMES = ['reached', 'no_answer', 'left_message', 'wrong_contact', 'sent'] as const;

export const contactAttempts = pgTable(
  'contact_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => rankedCandidates.id, { onDelete: 'cascade' }),
    channel: text('channel').$type<(typeof CONTACT_CHANNELS)[number]>().notNull(),
    outcome: text('outcome').$type<(typeof CONTACT_OUTCOMES)[number]>().notNull(),
    notes: text('notes'),
    at: tstz('at').notNull(),
    byId: text('by_id'),
    byLabel: text('by_label').notNull(),
  },
  (t) => [index('contact_attempts_candidate_idx').on(t.candidateId, t.at)],
);

export const OFFER_OUTCOMES = ['accepted', 'renounced', 'expired', 'not_eligible'] as const;
export type OfferOutcome = (typeof OFFER_OUTCOMES)[number];
/** Why people renounce: the taxonomy the agency measures. */
export const RENUNCIATION_REASONS = ['housing', 'distance_family', 'pay', 'other_offer', 'working_conditions', 'personal', 'no_answer'] as const;
export type RenunciationReason = (typeof RENUNCIATION_REASONS)[number];

export const offers = pgTable(
  'offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => rankedCandidates.id, { onDelete: 'cascade' }),
    listId: uuid('list_id')
      .notNull()
      .references(() => rankedLists.id, { onDelete: 'cascade' }),
    sentAt: tstz('sent_at').notNull(),
    deadline: tstz('deadline').notNull(),
    reminderAt: tstz('reminder_at'),
    reminderSentAt: tstz('reminder_sent_at'),
    outcome: text('outcome').$type<OfferOutcome>(),
    reason: text('reason').$type<RenunciationReason>(),
    reasonText: text('reason_text'),
    answeredAt: tstz('answered_at'),
    byId: text('by_id'),
    createdAt: createdAt(),
  },
  (t) => [index('offers_candidate_idx').on(t.candidateId), index('offers_open_idx').on(t.deadline).where(sql`outcome is null`)],
);
