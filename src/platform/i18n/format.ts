// Dates and numbers in Europe/Rome. Formatters are built once per locale: constructing
// Intl.DateTimeFormat per call costs several times the page's throughput.
import type { Locale } from './index.ts';

export const TIME_ZONE = 'Europe/Rome';

function build(locale: Locale) {
  const tag = locale === 'it' ? 'it-IT' : 'en-GB';
  return {
    date: new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }),
    dateShort: new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }),
    dateTime: new Intl.DateTimeFormat(tag, {
      timeZone: TIME_ZONE,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }),
    time: new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }),
    number: new Intl.NumberFormat(tag),
  };
}
const formatters = { it: build('it'), en: build('en') };
export const fmt = (locale: Locale) => formatters[locale];

const partsFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock parts of an instant in Europe/Rome. */
export function romeParts(d: Date) {
  const p = Object.fromEntries(partsFmt.formatToParts(d).map((x) => [x.type, x.value]));
  return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute, second: +p.second };
}

/** "2026-03-29" + "12:00" read as Europe/Rome wall time → the UTC instant (DST-correct). */
export function fromRomeLocal(dateStr: string, timeStr = '00:00'): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateStr);
  const tm = /^(\d{2}):(\d{2})$/.exec(timeStr);
  if (!m || !tm) return null;
  const [y, mo, d, h, mi] = [+m[1], +m[2], +m[3], +tm[1], +tm[2]];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // Offset of Rome at that instant (1 or 2 hours); correct once, then re-check across a DST edge.
  let ts = guess;
  for (let i = 0; i < 2; i++) {
    const p = romeParts(new Date(ts));
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    ts = ts - (asUtc - guess);
  }
  const check = romeParts(new Date(ts));
  if (check.year !== y || check.month !== mo || check.day !== d) return null;
  return new Date(ts);
}

/** The instant as "YYYY-MM-DD" and "HH:MM" in Europe/Rome, for form fields. */
export function toRomeLocal(d: Date): { date: string; time: string } {
  const p = romeParts(d);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}
