// The subscriber's side: sign up (double opt-in), confirm, change preferences, pause, unsubscribe
// (one click, RFC 8058), renew consent, download and erase their data. No account: a signed link.
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, lt, lte, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { randomToken } from '../../platform/http/signing.ts';
import { consentHistory, eraseConsents, recordConsent, PRIVACY_NOTICE_VERSION } from '../../platform/consent/index.ts';
import { consentRecords } from '../../platform/consent/tables.ts';
import { forgetMail } from '../../platform/mail/index.ts';
import { invalid, notFound, ok, type DomainError, type Result } from '../../platform/result.ts';
import { provinces, comuni } from '../reference/index.ts';
import { calls } from '../calls/index.ts';
import { parseForm, type FormValues } from '../../platform/forms/index.ts';
import {
  alertDeliveries,
  alertSignups,
  alertSubscriberAreas,
  alertSubscribers,
  alertSubscriberSpecialisations,
  type SubscriptionPrefs,
} from './tables.ts';
import { prefsSchema, resolvePrefs, signupSchema } from './input.ts';
import { subscriberKeys } from './match-keys.ts';
import { readSubscriberToken, type LinkPurpose } from './links.ts';
import { confirmationMail, renewalMail } from './mails.ts';

export const SIGNUP_TTL_DAYS = 7;
export const CONSENT_MONTHS = 24;
export const RENEWAL_NOTICE_DAYS = 30;
/** An unsubscribed person can undo it from their preferences link for this long, then is erased. */
export const UNSUBSCRIBED_GRACE_DAYS = 30;
const DAY = 86_400_000;

export type Subscriber = typeof alertSubscribers.$inferSelect;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const normaliseEmail = (e: string) => e.trim().toLowerCase();

export function addMonths(d: Date, months: number): Date {
  const out = new Date(d);
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
}

export interface SignupContext {
  source?: string | null;
  utm?: Record<string, string> | null;
}

/**
 * A sign-up: stored as asked, and a confirmation link mailed. Nothing else is sent until the link
 * is followed. The answer is the same whether or not the address is known (no enumeration).
 */
export async function requestSubscription(
  deps: DomainDeps,
  values: FormValues,
  ctx: SignupContext,
): Promise<Result<{ signupId: string }, DomainError>> {
  const parsed = parseForm(signupSchema, values);
  if (!parsed.ok) return invalid(parsed.errors);
  const prefs = await resolvePrefs(deps.db, parsed.data);
  if (!prefs.ok) return prefs;
  const email = normaliseEmail(parsed.data.email);
  const now = deps.now();
  const token = randomToken(32);
  return deps.db.transaction(async (tx) => {
    // At most three sign-ups wait per address: a flood of forms cannot grow the table.
    const waiting = await tx.select({ id: alertSignups.id }).from(alertSignups).where(eq(alertSignups.email, email)).orderBy(desc(alertSignups.createdAt));
    if (waiting.length >= 3) await tx.delete(alertSignups).where(inArray(alertSignups.id, waiting.slice(2).map((w) => w.id)));
    const [signup] = await tx
      .insert(alertSignups)
      .values({
        email,
        prefs: prefs.value,
        tokenHash: hashToken(token),
        noticeVersion: PRIVACY_NOTICE_VERSION,
        source: ctx.source ?? null,
        utm: ctx.utm ?? null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + SIGNUP_TTL_DAYS * DAY),
      })
      .returning({ id: alertSignups.id });
    const [known] = await tx.select({ id: alertSubscribers.id }).from(alertSubscribers).where(eq(alertSubscribers.email, email));
    await deps.mailer.queue(confirmationMail(deps.links.baseUrl, { signupId: signup!.id, email, token, prefs: prefs.value, known: !!known }), tx);
    return ok({ signupId: signup!.id });
  });
}

async function writePrefs(tx: Tx, subscriberId: string, prefs: SubscriptionPrefs): Promise<void> {
  await tx.delete(alertSubscriberSpecialisations).where(eq(alertSubscriberSpecialisations.subscriberId, subscriberId));
  await tx.delete(alertSubscriberAreas).where(eq(alertSubscriberAreas.subscriberId, subscriberId));
  if (prefs.specialisations.length) {
    await tx
      .insert(alertSubscriberSpecialisations)
      .values(prefs.specialisations.map((s) => ({ subscriberId, specialisationCode: s.code, inTraining: s.inTraining, trainingYear: s.trainingYear })));
  }
  const areas: (typeof alertSubscriberAreas.$inferInsert)[] = prefs.provinces.map((code) => ({ subscriberId, kind: 'province' as const, code, provinceCode: code }));
  if (prefs.comuni.length) {
    const rows = await tx.select({ code: comuni.code, provinceCode: comuni.provinceCode }).from(comuni).where(inArray(comuni.code, prefs.comuni));
    for (const r of rows) areas.push({ subscriberId, kind: 'comune', code: r.code, provinceCode: r.provinceCode });
  }
  if (areas.length) await tx.insert(alertSubscriberAreas).values(areas);
}

const prefColumns = (prefs: SubscriptionPrefs) => ({
  name: prefs.name,
  locale: prefs.locale,
  professionCode: prefs.professionCode,
  alsoRelated: prefs.alsoRelated,
  callTypes: prefs.callTypes,
  frequency: prefs.frequency,
  matchKeys: subscriberKeys(prefs),
});

/** The signup a confirmation token names, if it is still waiting. */
export async function findSignup(deps: DomainDeps, token: string) {
  if (!/^[\w-]{20,64}$/.test(token)) return null;
  const [s] = await deps.db.select().from(alertSignups).where(eq(alertSignups.tokenHash, hashToken(token)));
  return s && s.expiresAt > deps.now() ? s : null;
}

/** Creates the subscriber (or replaces their preferences) and records the consent. */
async function upsertSubscriber(
  tx: Tx,
  email: string,
  prefs: SubscriptionPrefs,
  now: Date,
  consent: { event: string; noticeVersion?: string; source?: string | null; utm?: Record<string, string> | null },
  opts: { isDemo?: boolean } = {},
): Promise<Subscriber> {
  const values = {
    ...prefColumns(prefs),
    status: 'active' as const,
    confirmedAt: now,
    consentAt: now,
    consentExpiresAt: addMonths(now, CONSENT_MONTHS),
    renewalSentAt: null,
    pausedAt: null,
    unsubscribedAt: null,
    updatedAt: now,
  };
  const [row] = await tx
    .insert(alertSubscribers)
    .values({ email, ...values, createdAt: now, isDemo: opts.isDemo ?? false })
    .onConflictDoUpdate({ target: alertSubscribers.email, set: values })
    .returning();
  await writePrefs(tx, row!.id, prefs);
  await recordConsent(tx, { subjectType: 'alert_subscriber', subjectId: row!.id, purpose: 'alerts', givenAt: now, locale: prefs.locale, ...consent });
  return row!;
}

/** The double opt-in's second step: the subscriber exists (or their preferences are replaced) from here. */
export async function confirmSubscription(deps: DomainDeps, token: string): Promise<Result<Subscriber, DomainError>> {
  const signup = await findSignup(deps, token);
  if (!signup) return notFound();
  const now = deps.now();
  const subscriber = await deps.db.transaction(async (tx) => {
    const gone = await tx.delete(alertSignups).where(eq(alertSignups.id, signup.id)).returning({ id: alertSignups.id });
    if (!gone.length) return null; // confirmed by a concurrent request
    return upsertSubscriber(tx, signup.email, signup.prefs, now, {
      event: 'signup',
      noticeVersion: signup.noticeVersion,
      source: signup.source,
      utm: signup.utm,
    });
  });
  return subscriber ? ok(subscriber) : notFound();
}

/**
 * A confirmed subscriber without the mail round trip: the demo seed (labelled demo) and tests.
 * Never reachable from the web: people always go through the double opt-in.
 */
export async function createConfirmedSubscriber(
  deps: Pick<DomainDeps, 'db' | 'now'>,
  email: string,
  prefs: SubscriptionPrefs,
  opts: { isDemo?: boolean; source?: string } = {},
): Promise<Subscriber> {
  return deps.db.transaction((tx) =>
    upsertSubscriber(tx, normaliseEmail(email), prefs, deps.now(), { event: opts.isDemo ? 'demo' : 'signup', source: opts.source ?? null }, opts),
  );
}

/** The subscriber a signed link names (any status), or null for a forged, old or erased link. */
export async function subscriberFromToken(deps: DomainDeps, purpose: LinkPurpose, token: string): Promise<Subscriber | null> {
  const t = readSubscriberToken(deps.links.secret, purpose, token);
  if (!t) return null;
  const [s] = await deps.db.select().from(alertSubscribers).where(eq(alertSubscribers.id, t.id));
  return s && s.linkVersion === t.version ? s : null;
}

/** The subscriber's preferences as stored, in the shape of the sign-up form. */
export async function subscriberPrefs(db: DbOrTx, s: Subscriber): Promise<SubscriptionPrefs> {
  const [specs, areas] = await Promise.all([
    db.select().from(alertSubscriberSpecialisations).where(eq(alertSubscriberSpecialisations.subscriberId, s.id)),
    db.select().from(alertSubscriberAreas).where(eq(alertSubscriberAreas.subscriberId, s.id)),
  ]);
  return {
    name: s.name,
    professionCode: s.professionCode,
    specialisations: specs.map((x) => ({ code: x.specialisationCode, inTraining: x.inTraining, trainingYear: x.trainingYear })),
    provinces: areas.filter((a) => a.kind === 'province').map((a) => a.code),
    comuni: areas.filter((a) => a.kind === 'comune').map((a) => a.code),
    callTypes: s.callTypes,
    alsoRelated: s.alsoRelated,
    frequency: s.frequency,
    locale: s.locale,
  };
}

/** Preferences changed from the signed link: the person is already confirmed, the change applies now. */
export async function updatePreferences(deps: DomainDeps, s: Subscriber, values: FormValues): Promise<Result<Subscriber, DomainError>> {
  const parsed = parseForm(prefsSchema, values);
  if (!parsed.ok) return invalid(parsed.errors);
  const prefs = await resolvePrefs(deps.db, parsed.data);
  if (!prefs.ok) return prefs;
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(alertSubscribers)
      .set({ ...prefColumns(prefs.value), updatedAt: now })
      .where(eq(alertSubscribers.id, s.id))
      .returning();
    if (!row) return notFound();
    await writePrefs(tx, s.id, prefs.value);
    return ok(row);
  });
}

export type StatusChange = 'pause' | 'resume' | 'unsubscribe';

/** Pause, resume or unsubscribe. Unsubscribing withdraws the consent; the data goes after a grace period. */
export async function changeStatus(deps: DomainDeps, s: Subscriber, change: StatusChange): Promise<Subscriber> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const set: Partial<Subscriber> =
      change === 'pause'
        ? { status: 'paused', pausedAt: now }
        : change === 'resume'
          ? { status: 'active', pausedAt: null, unsubscribedAt: null }
          : { status: 'unsubscribed', unsubscribedAt: now };
    const [row] = await tx
      .update(alertSubscribers)
      .set({ ...set, updatedAt: now })
      .where(eq(alertSubscribers.id, s.id))
      .returning();
    if (change === 'unsubscribe') {
      await tx
        .update(consentRecords)
        .set({ withdrawnAt: now })
        .where(and(eq(consentRecords.subjectType, 'alert_subscriber'), eq(consentRecords.subjectId, s.id), isNull(consentRecords.withdrawnAt)));
    }
    if (change === 'resume' && s.status === 'unsubscribed') {
      await recordConsent(tx, { subjectType: 'alert_subscriber', subjectId: s.id, purpose: 'alerts', event: 'resubscribe', givenAt: now, locale: s.locale });
    }
    return row ?? s;
  });
}

/** One-click unsubscribe (RFC 8058) from a signed link; idempotent. */
export async function unsubscribeByToken(deps: DomainDeps, token: string): Promise<Subscriber | null> {
  const s = await subscriberFromToken(deps, 'unsub', token);
  if (!s) return null;
  if (s.status === 'unsubscribed') return s;
  return changeStatus(deps, s, 'unsubscribe');
}

/** Consent renewed for another 24 months from the renewal mail's link. */
export async function renewConsent(deps: DomainDeps, s: Subscriber): Promise<Subscriber> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(alertSubscribers)
      .set({ consentAt: now, consentExpiresAt: addMonths(now, CONSENT_MONTHS), renewalSentAt: null, updatedAt: now })
      .where(eq(alertSubscribers.id, s.id))
      .returning();
    await recordConsent(tx, { subjectType: 'alert_subscriber', subjectId: s.id, purpose: 'alerts', event: 'renewal', givenAt: now, locale: s.locale });
    return row ?? s;
  });
}

/** Everything stored about the subscriber, as the JSON they can download (GDPR art. 15 and 20). */
export async function exportSubscriberData(db: DbOrTx, s: Subscriber, now: Date) {
  const [prefs, consents, deliveries] = await Promise.all([
    subscriberPrefs(db, s),
    consentHistory(db, 'alert_subscriber', s.id),
    db
      .select({ call: calls.title, slug: calls.slug, mode: alertDeliveries.mode, status: alertDeliveries.status, sentAt: alertDeliveries.sentAt, clicks: alertDeliveries.clicks })
      .from(alertDeliveries)
      .innerJoin(calls, eq(calls.id, alertDeliveries.callId))
      .where(eq(alertDeliveries.subscriberId, s.id))
      .orderBy(alertDeliveries.createdAt),
  ]);
  const provinceNames = prefs.provinces.length
    ? await db.select({ code: provinces.code, name: provinces.name }).from(provinces).where(inArray(provinces.code, prefs.provinces))
    : [];
  return {
    exportedAt: now.toISOString(),
    subscriber: {
      email: s.email,
      name: s.name,
      language: s.locale,
      status: s.status,
      frequency: s.frequency,
      profession: s.professionCode,
      specialisations: prefs.specialisations,
      provinces: provinceNames,
      comuni: prefs.comuni,
      callTypes: s.callTypes,
      alsoEquipollentOrAffine: s.alsoRelated,
      confirmedAt: s.confirmedAt.toISOString(),
      consentAt: s.consentAt.toISOString(),
      consentExpiresAt: s.consentExpiresAt.toISOString(),
      pausedAt: s.pausedAt?.toISOString() ?? null,
      unsubscribedAt: s.unsubscribedAt?.toISOString() ?? null,
    },
    consents: consents.map((c) => ({
      event: c.event,
      noticeVersion: c.noticeVersion,
      givenAt: c.givenAt.toISOString(),
      withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
      source: c.source,
      utm: c.utm,
    })),
    alerts: deliveries.map((d) => ({ ...d, sentAt: d.sentAt?.toISOString() ?? null })),
  };
}

/**
 * Erasure (GDPR art. 17): the subscriber, their preferences, consents, pending sign-ups and every
 * stored alerts mail to the address go; alert counts stay without the person (subscriber_id set null).
 */
export async function eraseSubscriber(db: DbOrTx, s: Pick<Subscriber, 'id' | 'email'>): Promise<{ consents: number; signups: number; mails: number }> {
  return db.transaction(async (tx) => {
    const consents = await eraseConsents(tx, 'alert_subscriber', s.id);
    const signups = await tx.delete(alertSignups).where(eq(alertSignups.email, s.email)).returning({ id: alertSignups.id });
    const mails = await forgetMail(tx, 'alerts', { to: [s.email.toLowerCase()] });
    await tx.delete(alertSubscribers).where(eq(alertSubscribers.id, s.id));
    return { consents, signups: signups.length, mails };
  });
}

/**
 * The daily consent upkeep: expired sign-ups go; a renewal mail 30 days before consent ends;
 * subscribers whose consent ended, or who unsubscribed more than 30 days ago, are erased.
 */
export async function consentUpkeep(deps: DomainDeps): Promise<{ signupsPurged: number; renewalsSent: number; erased: number }> {
  const now = deps.now();
  const purged = await deps.db.delete(alertSignups).where(lte(alertSignups.expiresAt, now)).returning({ id: alertSignups.id });
  let renewalsSent = 0;
  const due = await deps.db
    .select()
    .from(alertSubscribers)
    .where(
      and(
        isNull(alertSubscribers.renewalSentAt),
        sql`${alertSubscribers.status} <> 'unsubscribed'`,
        lte(alertSubscribers.consentExpiresAt, new Date(now.getTime() + RENEWAL_NOTICE_DAYS * DAY)),
        sql`${alertSubscribers.consentExpiresAt} > ${now.toISOString()}::timestamptz`,
      ),
    )
    .limit(5000);
  for (const s of due) {
    await deps.db.transaction(async (tx) => {
      await tx.update(alertSubscribers).set({ renewalSentAt: now }).where(eq(alertSubscribers.id, s.id));
      await deps.mailer.queue(renewalMail(deps.links, s), tx);
    });
    renewalsSent++;
  }
  const expired = await deps.db
    .select({ id: alertSubscribers.id, email: alertSubscribers.email })
    .from(alertSubscribers)
    .where(
      or(
        lte(alertSubscribers.consentExpiresAt, now),
        and(eq(alertSubscribers.status, 'unsubscribed'), lt(alertSubscribers.unsubscribedAt, new Date(now.getTime() - UNSUBSCRIBED_GRACE_DAYS * DAY))),
      ),
    )
    .limit(5000);
  for (const s of expired) await eraseSubscriber(deps.db, s);
  return { signupsPurged: purged.length, renewalsSent, erased: expired.length };
}
