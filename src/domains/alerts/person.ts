// What the alerts capability holds of a person: their subscription (preferences, consents, pending
// sign-ups, alert mails). It has its own consent lifecycle, so erasing a person through their case
// takes it only when asked (an optional part); the person can always erase it from their
// preferences page. Delivery counts stay without the person.
import { inArray, sql } from 'drizzle-orm';
import { countMail, mailsTo } from '../../platform/mail/index.ts';
import type { PersonalData, PersonCounts } from '../../platform/manifest.ts';
import { eraseSubscriber, exportSubscriberData } from './subscriptions.ts';
import { alertSignups, alertSubscribers } from './tables.ts';

const subscribersOf = (emails: string[]) => inArray(sql`lower(${alertSubscribers.email})`, emails);

export const alertsPersonalData: PersonalData = {
  optional: true,
  async count(q, person) {
    if (!person.emails.length) return { erase: {} as PersonCounts };
    const subs = await q.select({ id: alertSubscribers.id }).from(alertSubscribers).where(subscribersOf(person.emails));
    const signups = await q.select({ id: alertSignups.id }).from(alertSignups).where(inArray(sql`lower(${alertSignups.email})`, person.emails));
    return { erase: { subscriptions: subs.length, signups: signups.length, mails: await countMail(q, 'alerts', person.emails) } };
  },
  async export(q, person, now) {
    if (!person.emails.length) return { subscriptions: [], mails: [] };
    const subs = await q.select().from(alertSubscribers).where(subscribersOf(person.emails));
    return { subscriptions: await Promise.all(subs.map((s) => exportSubscriberData(q, s, now))), mails: await mailsTo(q, 'alerts', person.emails) };
  },
  async erase(tx, person) {
    if (!person.emails.length) return {} as PersonCounts;
    const subs = await tx.select({ id: alertSubscribers.id, email: alertSubscribers.email }).from(alertSubscribers).where(subscribersOf(person.emails));
    const out = { subscriptions: 0, consents: 0, signups: 0, mails: 0 };
    for (const s of subs) {
      const r = await eraseSubscriber(tx, s);
      out.subscriptions++;
      out.consents += r.consents;
      out.signups += r.signups;
      out.mails += r.mails;
    }
    return out;
  },
};
