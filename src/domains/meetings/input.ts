// The meeting form, the lever form and the public registration form, parsed with zod; messages
// are i18n keys shown at the fields.
import { z } from 'zod';
import { f, parseForm, type FormValues } from '../../platform/forms/index.ts';
import { fromRomeLocal } from '../../platform/i18n/format.ts';
import type { Result } from '../../platform/result.ts';
import { LEVER_KINDS, MEETING_KINDS } from './tables.ts';

export const DESCRIPTION_MAX = 20_000;
/** A meeting over more days (a study visit, a two-day open house) still ends within a month. */
export const MAX_SPAN_DAYS = 31;

const optionalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? undefined : typeof v === 'string' && /^\d{1,9}$/.test(v.trim()) ? Number(v) : NaN),
    z.number({ error: 'common.forms.invalid_number' }).int('common.forms.invalid_number').min(min, 'common.forms.invalid_number').max(max, 'common.forms.invalid_number').optional(),
  );

const meetingSchema = z.object({
  kind: f.choice(MEETING_KINDS),
  title: f.text(200),
  descriptionMd: f.optionalText(DESCRIPTION_MAX),
  disciplineCode: optionalInt(1, 99_999),
  callId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid('common.forms.invalid_choice').optional()),
  date: f.date(),
  startTime: f.time(),
  // Empty: the meeting ends on the day it starts.
  endDate: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), f.date().optional()),
  endTime: f.time(),
  mode: f.choice(['video', 'in_person'] as const),
  location: f.text(500),
  capacity: optionalInt(1, 100_000),
  registrationOpen: f.checkbox(),
});

export interface MeetingInput {
  kind: (typeof MEETING_KINDS)[number];
  title: string;
  descriptionMd: string;
  disciplineCode: number | null;
  callId: string | null;
  startsAt: Date;
  endsAt: Date;
  mode: 'video' | 'in_person';
  location: string;
  capacity: number | null;
  registrationOpen: boolean;
}

export function parseMeetingInput(values: FormValues): Result<MeetingInput, Record<string, string>> {
  const p = parseForm(meetingSchema, values);
  if (!p.ok) return { ok: false, error: p.errors };
  const d = p.data;
  const errors: Record<string, string> = {};
  const endDate = d.endDate ?? d.date;
  const startsAt = fromRomeLocal(d.date, d.startTime);
  const endsAt = fromRomeLocal(endDate, d.endTime);
  if (!startsAt) errors.date = 'common.forms.invalid_date';
  else if (!endsAt) errors.endDate = 'common.forms.invalid_date';
  // A meeting may span days: the message goes to the field that is wrong (the day, else the hour).
  else if (endDate < d.date) errors.endDate = 'meetings_admin.errors.end_date_before_start';
  else if (endsAt <= startsAt) errors.endTime = 'meetings_admin.errors.end_before_start';
  else if (endsAt.getTime() - startsAt.getTime() > MAX_SPAN_DAYS * 86_400_000) errors.endDate = 'meetings_admin.errors.too_long';
  if (d.kind === 'directors' && !d.disciplineCode) errors.disciplineCode = 'meetings_admin.errors.discipline_required';
  if (d.kind === 'candidates' && !d.callId) errors.callId = 'meetings_admin.errors.call_required';
  if (d.mode === 'video') {
    // A video link is clicked from mails and pages: https only (hono/jsx does not stop javascript:).
    const u = f.httpsUrl().safeParse(d.location);
    if (!u.success || !u.data) errors.location = 'meetings_admin.errors.https_link';
  }
  if (Object.keys(errors).length) return { ok: false, error: errors };
  return {
    ok: true,
    value: {
      kind: d.kind,
      title: d.title,
      descriptionMd: d.descriptionMd ?? '',
      disciplineCode: d.kind === 'directors' ? (d.disciplineCode ?? null) : null,
      callId: d.kind === 'candidates' ? (d.callId ?? null) : null,
      startsAt: startsAt!,
      endsAt: endsAt!,
      mode: d.mode,
      location: d.location,
      capacity: d.capacity ?? null,
      registrationOpen: d.kind === 'webinar' && d.registrationOpen,
    },
  };
}

export const leverSchema = z.object({
  kind: f.choice(LEVER_KINDS),
  description: f.text(1000),
  owner: f.optionalText(200),
});

export const registrationSchema = z.object({
  name: f.text(200),
  email: f.email(),
  locale: f.choice(['it', 'en'] as const),
  consent: z.literal('on', { error: 'meetings.errors.consent_required' }),
});
export type RegistrationInput = z.output<typeof registrationSchema>;

/** A person the staff registers by hand (they agreed by phone or at the desk: no consent box here). */
export const staffRegistrationSchema = z.object({
  name: f.text(200),
  email: f.email(),
  locale: f.choice(['it', 'en'] as const),
});
