// Recurrence: rules parsed strictly, built from a form, expanded so that 18:00 in Rome stays 18:00
// across the March and October clock changes (whatever the machine's zone), exclusions, words.
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecurrence, describeRecurrence, formatRule, formOf, occurrences, parseRule, type Recurrence, type RecurrenceForm } from './index.ts';

const iso = (ds: Date[]) => ds.map((d) => d.toISOString());
function parsed(text: string): Recurrence {
  const r = parseRule(text);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
function built(form: RecurrenceForm, start: Date): Recurrence {
  const r = buildRecurrence(form, start);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
/** The Rome wall-clock time of an instant, "HH:MM". */
const romeTime = (d: Date) => new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit' }).format(d);

// 2026: summer time starts on Sunday 29 March (02:00 → 03:00), ends on Sunday 25 October (03:00 → 02:00).
const THURSDAY_18_WINTER = new Date('2026-03-19T17:00:00Z'); // Thu 19 March, 18:00 CET (UTC+1)
const THURSDAY_18_SUMMER = new Date('2026-10-15T16:00:00Z'); // Thu 15 October, 18:00 CEST (UTC+2)

describe('occurrences across daylight-saving changes', () => {
  const weekly = () => built({ frequency: 'weekly' }, THURSDAY_18_WINTER);

  it('keeps a weekly 18:00 at 18:00 in Rome through the March change (17:00Z, then 16:00Z)', () => {
    const got = occurrences(weekly(), THURSDAY_18_WINTER, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-15T00:00:00Z') });
    expect(iso(got)).toEqual(['2026-03-19T17:00:00.000Z', '2026-03-26T17:00:00.000Z', '2026-04-02T16:00:00.000Z', '2026-04-09T16:00:00.000Z']);
    expect(got.map(romeTime)).toEqual(['18:00', '18:00', '18:00', '18:00']);
  });

  it('and through the October change (16:00Z, then 17:00Z)', () => {
    const r = built({ frequency: 'weekly' }, THURSDAY_18_SUMMER);
    const got = occurrences(r, THURSDAY_18_SUMMER, { from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-11-10T00:00:00Z') });
    expect(iso(got)).toEqual(['2026-10-15T16:00:00.000Z', '2026-10-22T16:00:00.000Z', '2026-10-29T17:00:00.000Z', '2026-11-05T17:00:00.000Z']);
    expect(got.map(romeTime)).toEqual(['18:00', '18:00', '18:00', '18:00']);
  });

  it('on the change days themselves: 02:30 skipped in March is 03:30; 02:30 twice in October is the first', () => {
    const sundayMarch = new Date('2026-03-22T01:30:00Z'); // Sun 22 March 02:30 CET
    const march = occurrences(built({ frequency: 'weekly' }, sundayMarch), sundayMarch, { from: sundayMarch, to: new Date('2026-04-06T00:00:00Z') });
    expect(iso(march)).toEqual(['2026-03-22T01:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-04-05T00:30:00.000Z']);
    expect(march.map(romeTime)).toEqual(['02:30', '03:30', '02:30']);

    const sundayOctober = new Date('2026-10-18T00:30:00Z'); // Sun 18 October 02:30 CEST
    const october = occurrences(built({ frequency: 'weekly' }, sundayOctober), sundayOctober, { from: sundayOctober, to: new Date('2026-11-06T00:00:00Z') });
    // 25 October 00:30Z is 02:30 CEST, the first of the two 02:30s (01:30Z would be the second, CET).
    expect(iso(october)).toEqual(['2026-10-18T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-11-01T01:30:00.000Z']);
  });

  it('a monthly last Friday and a monthly day keep their hour too', () => {
    const lastFriday = occurrences(parsed('FREQ=MONTHLY;BYDAY=-1FR'), THURSDAY_18_WINTER, { from: THURSDAY_18_WINTER, to: new Date('2026-11-30T00:00:00Z') });
    expect(iso(lastFriday)).toEqual([
      '2026-03-27T17:00:00.000Z', '2026-04-24T16:00:00.000Z', '2026-05-29T16:00:00.000Z', '2026-06-26T16:00:00.000Z',
      '2026-07-31T16:00:00.000Z', '2026-08-28T16:00:00.000Z', '2026-09-25T16:00:00.000Z', '2026-10-30T17:00:00.000Z', '2026-11-27T17:00:00.000Z',
    ]);
    // The 31st: months without one are skipped (RFC 5545), not moved to the 30th.
    const start = new Date('2026-01-31T17:00:00Z');
    const thirtyFirst = occurrences(built({ frequency: 'monthly' }, start), start, { from: start, to: new Date('2026-08-01T00:00:00Z') });
    expect(iso(thirtyFirst)).toEqual(['2026-01-31T17:00:00.000Z', '2026-03-31T16:00:00.000Z', '2026-05-31T16:00:00.000Z', '2026-07-31T16:00:00.000Z']);
  });

  describe('whatever the machine zone', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      process.env.TZ = saved;
    });
    for (const tz of ['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Rome']) {
      it(`gives the same instants with TZ=${tz}`, () => {
        process.env.TZ = tz;
        const got = occurrences(weekly(), THURSDAY_18_WINTER, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-15T00:00:00Z') });
        expect(iso(got)).toEqual(['2026-03-19T17:00:00.000Z', '2026-03-26T17:00:00.000Z', '2026-04-02T16:00:00.000Z', '2026-04-09T16:00:00.000Z']);
      });
    }
  });
});

describe('occurrences: window, exclusions, end', () => {
  it('leaves out EXDATEs, and keeps the window edges inclusive', () => {
    const r = built({ frequency: 'weekly' }, THURSDAY_18_WINTER);
    const got = occurrences(r, THURSDAY_18_WINTER, { from: new Date('2026-03-26T17:00:00Z'), to: new Date('2026-04-09T16:00:00Z') }, { exdates: [new Date('2026-04-02T16:00:00Z')] });
    expect(iso(got)).toEqual(['2026-03-26T17:00:00.000Z', '2026-04-09T16:00:00.000Z']);
  });

  it('stops at UNTIL (the whole Rome day) and at COUNT, counting from the start not the window', () => {
    const until = built({ frequency: 'weekly', until: '2026-04-02' }, THURSDAY_18_WINTER);
    expect(formatRule(until)).toBe('FREQ=WEEKLY;UNTIL=20260402T215959Z');
    expect(iso(occurrences(until, THURSDAY_18_WINTER, { from: new Date('2026-01-01'), to: new Date('2027-01-01') }))).toEqual([
      '2026-03-19T17:00:00.000Z', '2026-03-26T17:00:00.000Z', '2026-04-02T16:00:00.000Z',
    ]);
    const count = built({ frequency: 'weekly', count: 3 }, THURSDAY_18_WINTER);
    expect(iso(occurrences(count, THURSDAY_18_WINTER, { from: new Date('2026-03-25'), to: new Date('2027-01-01') }))).toEqual(['2026-03-26T17:00:00.000Z', '2026-04-02T16:00:00.000Z']);
  });

  it('never goes past the limit, and nothing comes before the start', () => {
    const r = built({ frequency: 'weekly', weekdays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] }, THURSDAY_18_WINTER);
    const got = occurrences(r, THURSDAY_18_WINTER, { from: new Date('2020-01-01'), to: new Date('2100-01-01') }, { limit: 10 });
    expect(got).toHaveLength(10);
    expect(got[0]!.toISOString()).toBe('2026-03-19T17:00:00.000Z');
    expect(occurrences(r, THURSDAY_18_WINTER, { from: new Date('2020-01-01'), to: new Date('2100-01-01') }).length).toBe(5000);
  });
});

describe('buildRecurrence and formOf', () => {
  it('writes the RRULE a calendar program would, and reads back the same form', () => {
    const cases: [RecurrenceForm, string][] = [
      [{ frequency: 'weekly' }, 'FREQ=WEEKLY'],
      [{ frequency: 'weekly', weekdays: ['TH'] }, 'FREQ=WEEKLY'],
      [{ frequency: 'weekly', interval: 2, weekdays: ['WE', 'MO', 'MO'] }, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE'],
      [{ frequency: 'monthly' }, 'FREQ=MONTHLY'],
      [{ frequency: 'monthly', monthlyBy: 'weekday_of_month', count: 6 }, 'FREQ=MONTHLY;BYDAY=3TH;COUNT=6'],
      [{ frequency: 'monthly', interval: 3, until: '2026-12-31' }, 'FREQ=MONTHLY;INTERVAL=3;UNTIL=20261231T225959Z'],
    ];
    for (const [form, text] of cases) {
      const r = built(form, THURSDAY_18_WINTER);
      expect(formatRule(r)).toBe(text);
      expect(parseRule(text)).toEqual({ ok: true, value: r });
      expect(built(formOf(r), THURSDAY_18_WINTER)).toEqual(r);
    }
  });

  it('a fifth weekday of the month becomes "the last"', () => {
    const fifthThursday = new Date('2026-04-30T16:00:00Z');
    expect(formatRule(built({ frequency: 'monthly', monthlyBy: 'weekday_of_month' }, fifthThursday))).toBe('FREQ=MONTHLY;BYDAY=-1TH');
  });

  it('names the field that is wrong', () => {
    const bad: [RecurrenceForm, string][] = [
      [{ frequency: 'weekly', interval: 0 }, 'interval'],
      [{ frequency: 'weekly', interval: 1.5 }, 'interval'],
      [{ frequency: 'weekly', until: '2026-02-30' }, 'until'],
      [{ frequency: 'weekly', until: '2026-03-01' }, 'until'],
      [{ frequency: 'weekly', count: 0 }, 'count'],
      [{ frequency: 'weekly', count: 3, until: '2026-12-01' }, 'count'],
      [{ frequency: 'weekly', weekdays: ['XX' as 'MO'] }, 'weekdays'],
      [{ frequency: 'daily' as 'weekly' }, 'frequency'],
    ];
    for (const [form, field] of bad) expect(buildRecurrence(form, THURSDAY_18_WINTER), JSON.stringify(form)).toMatchObject({ ok: false, error: { code: 'invalid_rule', field } });
  });
});

describe('parseRule', () => {
  it('accepts the supported shapes, with or without RRULE:, in any case and order', () => {
    expect(parsed('rrule:byday=we,mo;freq=weekly;interval=2')).toMatchObject({ frequency: 'weekly', interval: 2, weekdays: ['MO', 'WE'] });
    expect(parsed('FREQ=MONTHLY;BYMONTHDAY=15;WKST=SU')).toMatchObject({ monthly: { kind: 'day_of_month', day: 15 }, weekStart: 'SU' });
    expect(parsed('FREQ=WEEKLY;UNTIL=20260630')).toMatchObject({ until: new Date('2026-06-30T21:59:59Z') });
  });

  it('refuses what is invalid, with the field', () => {
    const bad: [string, string][] = [
      ['', 'rule'], ['garbage', 'rule'], ['FREQ=WEEKLY;;', 'rule'], ['FREQ=WEEKLY;FREQ=MONTHLY', 'rule'], ['INTERVAL=2', 'frequency'],
      ['FREQ=FOO', 'frequency'], ['FREQ=WEEKLY;INTERVAL=abc', 'interval'], ['FREQ=WEEKLY;INTERVAL=0', 'interval'], ['FREQ=WEEKLY;COUNT=-3', 'count'],
      ['FREQ=WEEKLY;COUNT=5000', 'count'], ['FREQ=WEEKLY;UNTIL=2026-06-30', 'until'], ['FREQ=WEEKLY;UNTIL=20260231T000000Z', 'until'],
      ['FREQ=WEEKLY;COUNT=3;UNTIL=20260630T000000Z', 'until'], ['FREQ=WEEKLY;BYDAY=XX', 'weekdays'], ['FREQ=MONTHLY;BYMONTHDAY=32', 'monthly'],
    ];
    for (const [text, field] of bad) expect(parseRule(text), text).toMatchObject({ ok: false, error: { code: 'invalid_rule', field } });
  });

  it('says "unsupported" for valid RFC 5545 the form cannot show', () => {
    for (const text of ['FREQ=DAILY', 'FREQ=YEARLY', 'FREQ=WEEKLY;BYHOUR=9', 'FREQ=MONTHLY;BYDAY=MO,TU', 'FREQ=MONTHLY;BYDAY=MO', 'FREQ=MONTHLY;BYDAY=5MO', 'FREQ=MONTHLY;BYMONTHDAY=-1', 'FREQ=WEEKLY;BYDAY=1MO', 'FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=1', 'FREQ=WEEKLY;BYSETPOS=1', 'RRULE:FREQ=WEEKLY\nEXDATE:20260101T000000Z']) {
      expect(parseRule(text), text).toMatchObject({ ok: false, error: { code: 'unsupported_rule' } });
    }
  });
});

describe('describeRecurrence', () => {
  const cases: [string, Date, string, string][] = [
    ['FREQ=WEEKLY', THURSDAY_18_WINTER, 'ogni giovedì alle 18:00', 'every Thursday at 18:00'],
    ['FREQ=WEEKLY;BYDAY=MO,WE,FR', THURSDAY_18_WINTER, 'ogni lunedì, mercoledì e venerdì alle 18:00', 'every Monday, Wednesday and Friday at 18:00'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;COUNT=10', THURSDAY_18_WINTER, 'ogni 2 settimane il lunedì e la domenica alle 18:00, per 10 volte', 'every 2 weeks on Monday and Sunday at 18:00, 10 times'],
    ['FREQ=MONTHLY', THURSDAY_18_WINTER, 'ogni mese il giorno 19 alle 18:00', 'every month on the 19th at 18:00'],
    ['FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1;COUNT=1', THURSDAY_18_WINTER, 'ogni 3 mesi il giorno 1 alle 18:00, una volta', 'every 3 months on the 1st at 18:00, once'],
    ['FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20260630T215959Z', THURSDAY_18_WINTER, "ogni mese l'ultimo venerdì alle 18:00, fino al 30 giugno 2026", 'every month on the last Friday at 18:00, until 30 June 2026'],
    ['FREQ=MONTHLY;BYDAY=1SU;UNTIL=20260308T225959Z', THURSDAY_18_WINTER, 'ogni mese la prima domenica alle 18:00, fino all\'8 marzo 2026', 'every month on the first Sunday at 18:00, until 8 March 2026'],
    ['FREQ=MONTHLY;BYDAY=-1SU;UNTIL=20260701T120000Z', THURSDAY_18_WINTER, "ogni mese l'ultima domenica alle 18:00, fino al 1° luglio 2026", 'every month on the last Sunday at 18:00, until 1 July 2026'],
    // The time is read in Rome: 16:00Z in summer is 18:00.
    ['FREQ=MONTHLY;BYDAY=2TU', THURSDAY_18_SUMMER, 'ogni mese il secondo martedì alle 18:00', 'every month on the second Tuesday at 18:00'],
  ];
  for (const [text, start, it_, en] of cases) {
    it(text, () => {
      expect(describeRecurrence(parsed(text), start, 'it')).toBe(it_);
      expect(describeRecurrence(parsed(text), start, 'en')).toBe(en);
    });
  }
});
