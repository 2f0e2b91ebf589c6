// Meetings and webinars: with the unit directors of a discipline (to agree the attraction levers
// to offer), with a call's candidates, and public webinars with registration, capacity, reminders
// and attendance.
import { boolean, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../db/columns.ts';
import { calls } from '../calls/tables.ts';
import { cases } from '../cases/tables.ts';

export const MEETING_KINDS = ['directors', 'candidates', 'webinar'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<MeetingKind>().notNull(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    descriptionMd: text('description_md').notNull().default(''),
    disciplineCode: integer('discipline_code'),
    callId: uuid('call_id').references(() => calls.id, { onDelete: 'set null' }),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at').notNull(),
    mode: text('mode').$type<'in_person' | 'video'>().notNull().default('video'),
    location: text('location').notNull(),
    capacity: integer('capacity'),
    /** Webinars: a public registration page while open. */
    registrationOpen: boolean('registration_open').notNull().default(false),
    minutesMd: text('minutes_md').notNull().default(''),
    status: text('status').$type<'scheduled' | 'held' | 'cancelled'>().notNull().default('scheduled'),
    sequence: integer('sequence').notNull().default(0),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('meetings_starts_idx').on(t.startsAt)],
);

export const LEVER_KINDS = ['career', 'training', 'research', 'technology', 'schedule', 'housing', 'pay', 'family', 'mobility', 'other'] as const;
export type LeverKind = (typeof LEVER_KINDS)[number];

/** An attraction lever agreed in a meeting with the unit directors. */
export const meetingLevers = pgTable(
  'meeting_levers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<LeverKind>().notNull(),
    description: text('description').notNull(),
    owner: text('owner'),
    createdAt: createdAt(),
  },
  (t) => [index('meeting_levers_meeting_idx').on(t.meetingId)],
);

export const meetingRegistrations = pgTable(
  'meeting_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    locale: text('locale').$type<'it' | 'en'>().notNull().default('it'),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'set null' }),
    status: text('status').$type<'registered' | 'cancelled'>().notNull().default('registered'),
    attended: boolean('attended'),
    reminderSentAt: tstz('reminder_sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('meeting_registrations_email_key').on(t.meetingId, t.email)],
);
