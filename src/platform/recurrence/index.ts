// Repeating events as RFC 5545 RRULEs (weekly and monthly, the shapes a form offers): parsed and
// validated into a typed value, built from a form, expanded in Europe/Rome so that 18:00 stays
// 18:00 on the wall clock across daylight-saving changes, with exclusions, and described in words.
import * as rruleModule from 'rrule';
import { fmt, romeParts } from '../i18n/format.ts';
import type { Locale } from '../i18n/index.ts';
import { err, ok, type Result } from '../result.ts';

// rrule's Node entry is a UMD bundle: under ESM its exports sit on `default` (its types describe the
// named exports, which is what bundlers see).
const { RRule } = (rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule;

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type Frequency = 'weekly' | 'monthly';
/** 1–4: the first to fourth of the month; -1: the last. */
export type WeekOfMonth = 1 | 2 | 3 | 4 | -1;

export type MonthlyBy = { kind: 'day_of_month'; day: number } | { kind: 'weekday_of_month'; nth: WeekOfMonth; weekday: Weekday };

/** A parsed rule. Fields left to the start date (RFC 5545 §3.3.10) are null and read from it. */
export interface Recurrence {
  frequency: Frequency;
  interval: number;
  /** Weekly: the days; empty means the start's day of the week. */
  weekdays: Weekday[];
  /** Monthly: which day; null means the start's day of the month. */
  monthly: MonthlyBy | null;
  /** The last instant an occurrence may start at (inclusive). */
  until: Date | null;
  count: number | null;
  weekStart: Weekday;
}

/** What a form asks: the day or the weekday of a monthly event come from the start date. */
export interface RecurrenceForm {
  frequency: Frequency;
  /** Every n weeks or months; default 1. */
  interval?: number;
  /** Weekly only; default the start's day. */
  weekdays?: Weekday[];
  /** Monthly only: the same day of the month (default) or the same weekday ("the second Tuesday"). */
  monthlyBy?: 'day_of_month' | 'weekday_of_month';
  /** "YYYY-MM-DD" in Rome, inclusive; or count, not both. */
  until?: string;
  count?: number;
}

export type RecurrenceField = 'rule' | 'frequency' | 'interval' | 'weekdays' | 'monthly' | 'until' | 'count';
export interface RecurrenceError {
  code: 'invalid_rule' | 'unsupported_rule';
  field: RecurrenceField;
  message: string;
}

export const MAX_INTERVAL = 99;
export const MAX_COUNT = 1000;
/** Expansion never returns more than this many occurrences, whatever the window. */
export const MAX_OCCURRENCES = 5000;

const invalid = (field: RecurrenceField, message: string) => err<RecurrenceError>({ code: 'invalid_rule', field, message });
const unsupported = (field: RecurrenceField, message: string) => err<RecurrenceError>({ code: 'unsupported_rule', field, message });
const isWeekday = (s: string): s is Weekday => (WEEKDAYS as readonly string[]).includes(s);
const weekdayIndex = (d: Weekday) => WEEKDAYS.indexOf(d);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

// ——— Rome wall clock ⇄ instants ——————————————————————————————————————————————————————————————
// rrule has no time zones worth trusting (its tzid support depends on the machine's zone): we expand
// in "floating" time — the Rome wall-clock reading written into a UTC Date — and convert each result
// back to a real instant here, deliberately.

/** The Rome wall-clock reading of an instant, as a floating Date. */
function toFloating(instant: Date): Date {
  const p = romeParts(instant);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

/**
 * The instant Rome's clocks show a floating reading. RFC 5545 §3.3.5: a time skipped by the spring
 * change (02:30 on the last Sunday of March) is read with the offset before the gap (→ 03:30 CEST);
 * a time that happens twice in autumn (02:30 on the last Sunday of October) is the first of the two.
 */
function fromFloating(floating: Date): Date {
  const wall = floating.getTime();
  let ts = wall;
  for (let i = 0; i < 2; i++) ts -= toFloating(new Date(ts)).getTime() - wall;
  // The offset found is the one in force at ts; an hour earlier may show the same reading (autumn).
  const hour = 3_600_000;
  if (toFloating(new Date(ts - hour)).getTime() === wall) ts -= hour;
  return new Date(ts);
}

/** End of a Rome day ("2026-06-30" → 23:59:59 that evening), as an instant. */
function endOfRomeDay(date: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const f = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, 23, 59, 59));
  if (f.getUTCMonth() !== +m[2]! - 1 || f.getUTCDate() !== +m[3]!) return null;
  return fromFloating(f);
}

const romeWeekday = (instant: Date): Weekday => WEEKDAYS[(toFloating(instant).getUTCDay() + 6) % 7]!;

// ——— Text ⇄ value —————————————————————————————————————————————————————————————————————————————

const SUPPORTED_KEYS = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'UNTIL', 'COUNT', 'WKST']);

/** UNTIL as RFC 5545 writes it: a UTC date-time ("20260630T215959Z") or a date ("20260630", end of that Rome day). */
function parseUntil(v: string): Date | null {
  let m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  if (m) {
    const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
    return d.getUTCDate() === +m[3]! && +m[4]! < 24 && +m[5]! < 60 && +m[6]! < 61 ? d : null;
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  return m ? endOfRomeDay(`${m[1]}-${m[2]}-${m[3]}`) : null;
}

/**
 * Parses the value of an RRULE property ("FREQ=WEEKLY;BYDAY=MO,WE", with or without "RRULE:").
 * Only what the form can show back is accepted: anything else is `unsupported_rule`, not guessed at.
 */
export function parseRule(text: string): Result<Recurrence, RecurrenceError> {
  const value = text.trim().replace(/^RRULE:/i, '');
  if (!value) return invalid('rule', 'empty');
  if (/[\r\n]/.test(value)) return unsupported('rule', 'one RRULE value only (DTSTART and EXDATE are kept apart)');
  const parts = new Map<string, string>();
  for (const part of value.split(';')) {
    const m = /^([A-Za-z]+)=([^=;]+)$/.exec(part.trim());
    if (!m) return invalid('rule', `not KEY=VALUE: "${part}"`);
    const key = m[1]!.toUpperCase();
    if (parts.has(key)) return invalid('rule', `${key} twice`);
    if (!SUPPORTED_KEYS.has(key)) return unsupported('rule', `${key} is not supported`);
    parts.set(key, m[2]!.toUpperCase());
  }

  const freq = parts.get('FREQ');
  if (!freq) return invalid('frequency', 'FREQ is required');
  if (freq !== 'WEEKLY' && freq !== 'MONTHLY') {
    return ['YEARLY', 'DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY'].includes(freq) ? unsupported('frequency', `FREQ=${freq}`) : invalid('frequency', `FREQ=${freq}`);
  }
  const frequency: Frequency = freq === 'WEEKLY' ? 'weekly' : 'monthly';

  let interval = 1;
  if (parts.has('INTERVAL')) {
    if (!/^\d{1,3}$/.test(parts.get('INTERVAL')!)) return invalid('interval', 'not a whole number');
    interval = Number(parts.get('INTERVAL'));
    if (interval < 1 || interval > MAX_INTERVAL) return invalid('interval', `1–${MAX_INTERVAL}`);
  }

  let count: number | null = null;
  if (parts.has('COUNT')) {
    if (!/^\d{1,4}$/.test(parts.get('COUNT')!)) return invalid('count', 'not a whole number');
    count = Number(parts.get('COUNT'));
    if (count < 1 || count > MAX_COUNT) return invalid('count', `1–${MAX_COUNT}`);
  }
  let until: Date | null = null;
  if (parts.has('UNTIL')) {
    until = parseUntil(parts.get('UNTIL')!);
    if (!until) return invalid('until', 'not a date-time like 20260630T215959Z');
  }
  if (until && count !== null) return invalid('until', 'UNTIL and COUNT together');

  const weekStart = parts.get('WKST') ?? 'MO';
  if (!isWeekday(weekStart)) return invalid('rule', `WKST=${weekStart}`);

  const weekdays: Weekday[] = [];
  let monthly: MonthlyBy | null = null;
  const byday = parts.get('BYDAY');
  const bymonthday = parts.get('BYMONTHDAY');
  if (frequency === 'weekly') {
    if (bymonthday) return unsupported('monthly', 'BYMONTHDAY in a weekly rule');
    for (const d of byday ? byday.split(',') : []) {
      if (!isWeekday(d)) return /^[+-]?\d/.test(d) ? unsupported('weekdays', `BYDAY=${d} in a weekly rule`) : invalid('weekdays', `BYDAY=${d}`);
      if (!weekdays.includes(d)) weekdays.push(d);
    }
    weekdays.sort((a, b) => weekdayIndex(a) - weekdayIndex(b));
  } else {
    if (byday && bymonthday) return unsupported('monthly', 'BYDAY and BYMONTHDAY together');
    if (bymonthday) {
      if (!/^\d{1,2}$/.test(bymonthday) || +bymonthday < 1 || +bymonthday > 31) {
        // Counting from the end (-1) or several days are valid RFC 5545 the form cannot show.
        const days = bymonthday.split(',');
        const rfcValid = days.every((d) => /^[+-]?\d{1,2}$/.test(d) && Math.abs(+d) >= 1 && Math.abs(+d) <= 31);
        return rfcValid ? unsupported('monthly', `BYMONTHDAY=${bymonthday}`) : invalid('monthly', `BYMONTHDAY=${bymonthday}`);
      }
      monthly = { kind: 'day_of_month', day: Number(bymonthday) };
    }
    if (byday) {
      const m = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(byday);
      if (!m) return /^([+-]?\d+)?[A-Z]{2}(,([+-]?\d+)?[A-Z]{2})+$/.test(byday) ? unsupported('monthly', `BYDAY=${byday}`) : invalid('monthly', `BYDAY=${byday}`);
      const nth = m[1] === undefined ? NaN : Number(m[1]);
      if (![1, 2, 3, 4, -1].includes(nth)) return unsupported('monthly', `BYDAY=${byday}: only 1–4 or -1 before the day`);
      monthly = { kind: 'weekday_of_month', nth: nth as WeekOfMonth, weekday: m[2] as Weekday };
    }
  }
  return ok({ frequency, interval, weekdays, monthly, until, count, weekStart });
}

const untilText = (d: Date) =>
  `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;

/** The RRULE value of a recurrence, keys in a fixed order ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=…Z"). */
export function formatRule(r: Recurrence): string {
  const out = [`FREQ=${r.frequency.toUpperCase()}`];
  if (r.interval !== 1) out.push(`INTERVAL=${r.interval}`);
  if (r.frequency === 'weekly' && r.weekdays.length) out.push(`BYDAY=${r.weekdays.join(',')}`);
  if (r.frequency === 'monthly' && r.monthly?.kind === 'day_of_month') out.push(`BYMONTHDAY=${r.monthly.day}`);
  if (r.frequency === 'monthly' && r.monthly?.kind === 'weekday_of_month') out.push(`BYDAY=${r.monthly.nth}${r.monthly.weekday}`);
  if (r.count !== null) out.push(`COUNT=${r.count}`);
  if (r.until) out.push(`UNTIL=${untilText(r.until)}`);
  if (r.weekStart !== 'MO') out.push(`WKST=${r.weekStart}`);
  return out.join(';');
}

/** Which of its weekday the day is in its month: 1–4, or -1 for a fifth one ("the last"). */
function weekOfMonth(floating: Date): WeekOfMonth {
  const nth = Math.ceil(floating.getUTCDate() / 7);
  return nth >= 5 ? -1 : (nth as WeekOfMonth);
}

/** A recurrence from a form, with the start it repeats from; field errors name the form field. */
export function buildRecurrence(form: RecurrenceForm, start: Date): Result<Recurrence, RecurrenceError> {
  if (form.frequency !== 'weekly' && form.frequency !== 'monthly') return invalid('frequency', 'weekly or monthly');
  const interval = form.interval ?? 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > MAX_INTERVAL) return invalid('interval', `1–${MAX_INTERVAL}`);
  if (form.until !== undefined && form.count !== undefined) return invalid('count', 'until or count, not both');
  let until: Date | null = null;
  if (form.until !== undefined) {
    until = endOfRomeDay(form.until);
    if (!until) return invalid('until', 'not a date');
    if (until.getTime() < start.getTime()) return invalid('until', 'before the start');
  }
  const count = form.count ?? null;
  if (count !== null && (!Number.isInteger(count) || count < 1 || count > MAX_COUNT)) return invalid('count', `1–${MAX_COUNT}`);

  const weekdays: Weekday[] = [];
  let monthly: MonthlyBy | null = null;
  if (form.frequency === 'weekly') {
    for (const d of form.weekdays ?? []) {
      if (!isWeekday(d)) return invalid('weekdays', `unknown day ${String(d)}`);
      if (!weekdays.includes(d)) weekdays.push(d);
    }
    weekdays.sort((a, b) => weekdayIndex(a) - weekdayIndex(b));
    // Only the start's own day: leave it implied, as calendar programs write it.
    if (weekdays.length === 1 && weekdays[0] === romeWeekday(start)) weekdays.length = 0;
  } else {
    const by = form.monthlyBy ?? 'day_of_month';
    if (by !== 'day_of_month' && by !== 'weekday_of_month') return invalid('monthly', 'day_of_month or weekday_of_month');
    if (by === 'weekday_of_month') monthly = { kind: 'weekday_of_month', nth: weekOfMonth(toFloating(start)), weekday: romeWeekday(start) };
  }
  return ok({ frequency: form.frequency, interval, weekdays, monthly, until, count, weekStart: 'MO' });
}

/** The form values that show a recurrence again (for editing). */
export function formOf(r: Recurrence): RecurrenceForm {
  const form: RecurrenceForm = { frequency: r.frequency, interval: r.interval };
  if (r.frequency === 'weekly' && r.weekdays.length) form.weekdays = [...r.weekdays];
  if (r.frequency === 'monthly') form.monthlyBy = r.monthly?.kind === 'weekday_of_month' ? 'weekday_of_month' : 'day_of_month';
  if (r.until) {
    const p = romeParts(r.until);
    form.until = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  }
  if (r.count !== null) form.count = r.count;
  return form;
}

// ——— Expansion —————————————————————————————————————————————————————————————————————————————————

export interface ExpandOptions {
  /** Occurrences starting at these instants are left out (EXDATE). */
  exdates?: readonly Date[];
  /** Default and ceiling MAX_OCCURRENCES. */
  limit?: number;
}

const byWeekday = (d: Weekday, n?: number) => {
  const w = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU][weekdayIndex(d)]!;
  return n === undefined ? w : w.nth(n);
};

function ruleFor(r: Recurrence, start: Date) {
  return new RRule({
    freq: r.frequency === 'weekly' ? RRule.WEEKLY : RRule.MONTHLY,
    interval: r.interval,
    dtstart: toFloating(start),
    wkst: weekdayIndex(r.weekStart),
    count: r.count,
    until: r.until ? toFloating(r.until) : null,
    byweekday:
      r.frequency === 'weekly'
        ? (r.weekdays.length ? r.weekdays : [romeWeekday(start)]).map((d) => byWeekday(d))
        : r.monthly?.kind === 'weekday_of_month'
          ? [byWeekday(r.monthly.weekday, r.monthly.nth)]
          : null,
    bymonthday: r.frequency === 'monthly' && r.monthly?.kind !== 'weekday_of_month' ? (r.monthly?.day ?? toFloating(start).getUTCDate()) : null,
  });
}

/**
 * The instants the event starts at within [from, to] (both inclusive), in order. The start itself is
 * an occurrence when the rule matches it (RFC 5545 counts DTSTART as the first when it does).
 */
export function occurrences(r: Recurrence, start: Date, window: { from: Date; to: Date }, o: ExpandOptions = {}): Date[] {
  const limit = Math.min(o.limit ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
  // Floating times carry whole seconds: instants are compared at that precision.
  const second = (d: Date) => Math.floor(d.getTime() / 1000) * 1000;
  const excluded = new Set((o.exdates ?? []).map(second));
  const first = second(start);
  // The floating window is widened by a day each side: wall-clock and real time differ by up to two
  // hours, and the exact edges are applied to the real instants below.
  const day = 86_400_000;
  const after = new Date(Math.max(toFloating(window.from).getTime(), toFloating(start).getTime()) - day);
  const before = new Date(toFloating(window.to).getTime() + day);
  const out: Date[] = [];
  ruleFor(r, start).between(after, before, true, (floating) => {
    const instant = fromFloating(floating);
    const t = instant.getTime();
    if (instant >= window.from && instant <= window.to && t >= first && !excluded.has(t)) out.push(instant);
    return out.length < limit;
  });
  return out;
}

// ——— Words ——————————————————————————————————————————————————————————————————————————————————

const DAY_NAMES: Record<Locale, Record<Weekday, string>> = {
  it: { MO: 'lunedì', TU: 'martedì', WE: 'mercoledì', TH: 'giovedì', FR: 'venerdì', SA: 'sabato', SU: 'domenica' },
  en: { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' },
};
const ORDINALS_IT: Record<WeekOfMonth, [string, string]> = { 1: ['primo', 'prima'], 2: ['secondo', 'seconda'], 3: ['terzo', 'terza'], 4: ['quarto', 'quarta'], [-1]: ['ultimo', 'ultima'] };
const ORDINALS_EN: Record<WeekOfMonth, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' };

function list(items: string[], and: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}
/** "il lunedì", "la domenica": domenica is the one feminine day. */
const itDay = (d: Weekday) => `${d === 'SU' ? 'la' : 'il'} ${DAY_NAMES.it[d]}`;
const enOrdinal = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
/** "al 30 giugno 2026", "all'8 marzo 2026", "al 1° luglio 2026". */
function itUntil(d: Date): string {
  const text = fmt('it').date.format(d);
  if (/^1 /.test(text)) return `al 1° ${text.slice(2)}`;
  return /^(8|11) /.test(text) ? `all'${text}` : `al ${text}`;
}

/**
 * The rule in words, with the time in Rome: "ogni 2 settimane il lunedì e il mercoledì alle 18:00,
 * fino al 30 giugno 2026" / "every 2 weeks on Monday and Wednesday at 18:00, until 30 June 2026".
 */
export function describeRecurrence(r: Recurrence, start: Date, locale: Locale): string {
  const time = fmt(locale).time.format(start);
  const days = r.weekdays.length ? r.weekdays : [romeWeekday(start)];
  const f = toFloating(start);
  const monthly: MonthlyBy = r.monthly ?? { kind: 'day_of_month', day: f.getUTCDate() };
  let text: string;
  if (locale === 'it') {
    if (r.frequency === 'weekly') {
      text = r.interval === 1 ? `ogni ${list(days.map((d) => DAY_NAMES.it[d]), 'e')}` : `ogni ${r.interval} settimane ${list(days.map(itDay), 'e')}`;
    } else {
      const every = r.interval === 1 ? 'ogni mese' : `ogni ${r.interval} mesi`;
      if (monthly.kind === 'day_of_month') text = `${every} il giorno ${monthly.day}`;
      else {
        const feminine = monthly.weekday === 'SU';
        const ord = ORDINALS_IT[monthly.nth][feminine ? 1 : 0];
        const article = monthly.nth === -1 ? "l'" : feminine ? 'la ' : 'il ';
        text = `${every} ${article}${ord} ${DAY_NAMES.it[monthly.weekday]}`;
      }
    }
    text += ` alle ${time}`;
    if (r.until) text += `, fino ${itUntil(r.until)}`;
    if (r.count !== null) text += r.count === 1 ? ', una volta' : `, per ${r.count} volte`;
  } else {
    if (r.frequency === 'weekly') {
      text = r.interval === 1 ? `every ${list(days.map((d) => DAY_NAMES.en[d]), 'and')}` : `every ${r.interval} weeks on ${list(days.map((d) => DAY_NAMES.en[d]), 'and')}`;
    } else {
      const every = r.interval === 1 ? 'every month' : `every ${r.interval} months`;
      text = monthly.kind === 'day_of_month' ? `${every} on the ${enOrdinal(monthly.day)}` : `${every} on the ${ORDINALS_EN[monthly.nth]} ${DAY_NAMES.en[monthly.weekday]}`;
    }
    text += ` at ${time}`;
    if (r.until) text += `, until ${fmt('en').date.format(r.until)}`;
    if (r.count !== null) text += r.count === 1 ? ', once' : `, ${r.count} times`;
  }
  return text;
}
