// Consent given by people without an account (subscribers, people who leave their references,
// registrants): when, to which version of the privacy notice, from which page and campaign.
// Erasing the person erases these rows too (see docs/decisions/007-talent-pool.md).
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from '../../db/columns.ts';

export const CONSENT_PURPOSES = ['alerts', 'contact'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const consentRecords = pgTable(
  'consent_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Whose consent this is: a kind the capability recording it names (e.g. `lead`). */
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    purpose: text('purpose').$type<ConsentPurpose>().notNull(),
    noticeVersion: text('notice_version').notNull(),
    givenAt: tstz('given_at').notNull(),
    /** signup, renewal, preferences… */
    event: text('event').notNull(),
    /** The page the form was on (avvisi, bandi-empty, call…). */
    source: text('source'),
    /** utm_source/medium/campaign/content/term of the visit, when present. */
    utm: jsonb('utm').$type<Record<string, string>>(),
    locale: text('locale').notNull(),
    withdrawnAt: tstz('withdrawn_at'),
  },
  (t) => [index('consent_records_subject_idx').on(t.subjectType, t.subjectId)],
);
