// Alerts (talent pool): people who asked to hear of every call they can enter, and the record of
// each call's fan-out to them. A subscriber exists only after the double opt-in; before that the
// sign-up waits in alert_signups (7 days).
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../db/columns.ts';
import { calls } from '../calls/tables.ts';

export const FREQUENCIES = ['immediate', 'weekly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const SUBSCRIBER_STATUSES = ['active', 'paused', 'unsubscribed'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

/** What a sign-up asked for, kept as sent until the confirmation link is followed. */
export interface SubscriptionPrefs {
  name: string;
  professionCode: string;
  specialisations: { code: string; inTraining: boolean; trainingYear: number | null }[];
  /** Province codes and ISTAT comune codes; both empty = anywhere. */
  provinces: string[];
  comuni: string[];
  callTypes: string[];
  alsoRelated: boolean;
  frequency: Frequency;
  locale: 'it' | 'en';
}

export const alertSignups = pgTable(
  'alert_signups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    prefs: jsonb('prefs').$type<SubscriptionPrefs>().notNull(),
    /** sha256 of the token in the confirmation link. */
    tokenHash: text('token_hash').notNull().unique(),
    noticeVersion: text('notice_version').notNull(),
    source: text('source'),
    utm: jsonb('utm').$type<Record<string, string>>(),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [index('alert_signups_email_idx').on(t.email), index('alert_signups_expires_idx').on(t.expiresAt)],
);

export const alertSubscribers = pgTable(
  'alert_subscribers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    locale: text('locale').$type<'it' | 'en'>().notNull().default('it'),
    professionCode: text('profession_code').notNull(),
    alsoRelated: boolean('also_related').notNull().default(true),
    /** Empty: every call type. */
    callTypes: text('call_types').array().notNull().default(sql`'{}'::text[]`),
    frequency: text('frequency').$type<Frequency>().notNull().default('immediate'),
    status: text('status').$type<SubscriberStatus>().notNull().default('active'),
    /**
     * What the subscriber matches, as keys a call looks up (see match.ts): the matching query is a
     * GIN index lookup whose cost follows the number of matches, not of subscribers.
     */
    matchKeys: text('match_keys').array().notNull(),
    /** Bumped to invalidate every signed link sent so far (after an erasure request is refused…). */
    linkVersion: integer('link_version').notNull().default(1),
    confirmedAt: tstz('confirmed_at').notNull(),
    consentAt: tstz('consent_at').notNull(),
    consentExpiresAt: tstz('consent_expires_at').notNull(),
    renewalSentAt: tstz('renewal_sent_at'),
    pausedAt: tstz('paused_at'),
    unsubscribedAt: tstz('unsubscribed_at'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('alert_subscribers_keys_idx').using('gin', t.matchKeys).where(sql`status = 'active'`),
    index('alert_subscribers_profession_idx').on(t.professionCode),
    index('alert_subscribers_consent_idx').on(t.consentExpiresAt),
  ],
);

export const alertSubscriberSpecialisations = pgTable(
  'alert_subscriber_specialisations',
  {
    subscriberId: uuid('subscriber_id')
      .notNull()
      .references(() => alertSubscribers.id, { onDelete: 'cascade' }),
    specialisationCode: text('specialisation_code').notNull(),
    inTraining: boolean('in_training').notNull().default(false),
    trainingYear: integer('training_year'),
  },
  (t) => [primaryKey({ columns: [t.subscriberId, t.specialisationCode] }), index('alert_sub_specs_code_idx').on(t.specialisationCode)],
);

export const alertSubscriberAreas = pgTable(
  'alert_subscriber_areas',
  {
    subscriberId: uuid('subscriber_id')
      .notNull()
      .references(() => alertSubscribers.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'province' | 'comune'>().notNull(),
    code: text('code').notNull(),
    /** The province of the area (itself for a province): counts by province. */
    provinceCode: text('province_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subscriberId, t.kind, t.code] }), index('alert_sub_areas_province_idx').on(t.provinceCode)],
);

export const FANOUT_STATUSES = ['matching', 'sending', 'done'] as const;

/** One per call: created when the call opens, matched in one statement, then delivered. */
export const alertFanouts = pgTable('alert_fanouts', {
  id: uuid('id').primaryKey().defaultRandom(),
  callId: uuid('call_id')
    .notNull()
    .unique()
    .references(() => calls.id, { onDelete: 'cascade' }),
  status: text('status').$type<(typeof FANOUT_STATUSES)[number]>().notNull().default('matching'),
  matched: integer('matched').notNull().default(0),
  startedAt: tstz('started_at').notNull(),
  matchedAt: tstz('matched_at'),
  finishedAt: tstz('finished_at'),
});

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped', 'digested'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One row per (call, subscriber): the idempotency key of an alert. An immediate alert is sent by
 * the delivery job that claims the row; a weekly one waits for the subscriber's digest.
 */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fanoutId: uuid('fanout_id')
      .notNull()
      .references(() => alertFanouts.id, { onDelete: 'cascade' }),
    callId: uuid('call_id').notNull(),
    /** Null once the subscriber erased their data: the counts stay, the person goes. */
    subscriberId: uuid('subscriber_id').references(() => alertSubscribers.id, { onDelete: 'set null' }),
    mode: text('mode').$type<Frequency>().notNull(),
    status: text('status').$type<DeliveryStatus>().notNull().default('pending'),
    /** Why it matched: the subscriber's specialisation and how the call admits it. */
    reasonSpecialisation: text('reason_specialisation'),
    reasonKind: text('reason_kind').$type<'same' | 'equipollent' | 'affine'>(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at'),
    leaseUntil: tstz('lease_until'),
    error: text('error'),
    sentAt: tstz('sent_at'),
    digestId: uuid('digest_id'),
    clicks: integer('clicks').notNull().default(0),
    firstClickAt: tstz('first_click_at'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('alert_deliveries_call_subscriber_key').on(t.callId, t.subscriberId),
    index('alert_deliveries_fanout_idx').on(t.fanoutId, t.status),
    index('alert_deliveries_claim_idx').on(t.fanoutId, t.nextAttemptAt).where(sql`status = 'pending' and mode = 'immediate'`),
    index('alert_deliveries_digest_idx').on(t.subscriberId).where(sql`status = 'pending' and mode = 'weekly'`),
  ],
);

/** One weekly digest per subscriber and ISO week: the digest's idempotency key. */
export const alertDigests = pgTable(
  'alert_digests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subscriberId: uuid('subscriber_id').references(() => alertSubscribers.id, { onDelete: 'set null' }),
    period: text('period').notNull(),
    callCount: integer('call_count').notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('alert_digests_subscriber_period_key').on(t.subscriberId, t.period)],
);
