// Appointments: team members publish availability (weekly hours, slot length, buffer, in person or
// video); a person books, moves or cancels a slot from a signed link, without an account.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../db/columns.ts';
import { cases } from '../cases/tables.ts';

export const APPOINTMENT_MODES = ['in_person', 'video'] as const;
export type AppointmentMode = (typeof APPOINTMENT_MODES)[number];

/** A recurring weekly window of availability, in Europe/Rome wall time. */
export const availabilityRules = pgTable(
  'availability_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id').notNull(),
    /** ISO weekday 1 (Monday) … 7. */
    weekday: integer('weekday').notNull(),
    /** "HH:MM" Europe/Rome. */
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    slotMinutes: integer('slot_minutes').notNull().default(30),
    bufferMinutes: integer('buffer_minutes').notNull().default(10),
    mode: text('mode').$type<AppointmentMode>().notNull().default('video'),
    /** Video link or address. */
    location: text('location').notNull(),
    validFrom: tstz('valid_from'),
    validUntil: tstz('valid_until'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('availability_rules_user_idx').on(t.userId)],
);

export const APPOINTMENT_STATUSES = ['booked', 'cancelled', 'done', 'no_show'] as const;

export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hostId: text('host_id').notNull(),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at').notNull(),
    mode: text('mode').$type<AppointmentMode>().notNull(),
    location: text('location').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    topic: text('topic'),
    locale: text('locale').$type<'it' | 'en'>().notNull().default('it'),
    status: text('status').$type<(typeof APPOINTMENT_STATUSES)[number]>().notNull().default('booked'),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'set null' }),
    /** Bumped on every move: the ICS SEQUENCE, and old links stop working. */
    sequence: integer('sequence').notNull().default(0),
    reminderSentAt: tstz('reminder_sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One live booking per host and start: two people cannot take the same slot.
    uniqueIndex('appointments_slot_idx').on(t.hostId, t.startsAt).where(sql`status = 'booked'`),
    index('appointments_starts_idx').on(t.startsAt),
  ],
);
