// Test data builders for the talent pool. Subscribers go through the domain's operations
// (`buildSubscriber`, `subscribe`, `signUp`; the clock they are given dates the consent).
// `buildFanout` records a call's fan-out and deliveries as given (alerts/testing.ts), for tests of
// what reads them (statistics, failures, clicks): states that only real SMTP traffic would make.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import type { DomainDeps } from '../../src/platform/domain-deps.ts';
import { mailsTo } from '../../src/platform/mail/index.ts';
import {
  changeStatus,
  confirmSubscription,
  createConfirmedSubscriber,
  getSubscriber,
  requestSubscription,
  type SignupContext,
  type SubscriptionPrefs,
} from '../../src/domains/alerts/index.ts';
import { ADMIN_ACTOR } from './index.ts';
import type { alertSubscribers } from '../../src/domains/alerts/tables.ts';
import { recordFanout, type DeliverySpec, type FanoutSpec } from '../../src/domains/alerts/testing.ts';
import { prefs } from '../support/alerts.ts';

export type SubscriberOverrides = Partial<typeof alertSubscribers.$inferInsert> & {
  /** Specialisation codes held, or with the training details. */
  specialisations?: (string | { code: string; inTraining?: boolean; trainingYear?: number | null })[];
  /** Province codes (ISTAT, e.g. "022" for Trento). */
  provinces?: string[];
  /** ISTAT comune codes; their province is read from the reference data. */
  comuni?: string[];
};

export type Subscriber = typeof alertSubscribers.$inferSelect;

/**
 * A subscriber who has confirmed (double opt-in done), made by the domain (createConfirmedSubscriber,
 * at `confirmedAt`), then paused or unsubscribed (changeStatus) when `status` says so: with their
 * specialisations, areas, consent record and match keys, as a real sign-up leaves them. Only the
 * columns a sign-up sets can be given; consentAt and consentExpiresAt, when given, must be what the
 * domain derives from confirmedAt (the confirmation, and 24 months later).
 */
export async function buildSubscriber(db: Db, over: SubscriberOverrides = {}): Promise<Subscriber> {
  const {
    specialisations = [],
    provinces = [],
    comuni: comuneCodes = [],
    email,
    name,
    professionCode,
    frequency,
    locale,
    callTypes,
    alsoRelated,
    status,
    confirmedAt,
    consentAt,
    consentExpiresAt,
    ...rest
  } = over;
  const unsupported = Object.keys(rest);
  if (unsupported.length) throw new Error(`buildSubscriber: ${unsupported.join(', ')} cannot be set through the alerts domain`);
  const at = confirmedAt ?? new Date();
  const deps = { db, now: () => at } as Pick<DomainDeps, 'db' | 'now'>;
  const suffix = randomBytes(4).toString('hex');
  let s = await createConfirmedSubscriber(
    deps,
    email ?? `iscritto-${suffix}@example.test`,
    alertPrefs({
      name: name ?? `Iscritto ${suffix}`,
      professionCode: professionCode ?? 'medico_chirurgo',
      specialisations: specialisations.map((x) =>
        typeof x === 'string' ? { code: x, inTraining: false, trainingYear: null } : { code: x.code, inTraining: x.inTraining ?? false, trainingYear: x.trainingYear ?? null },
      ),
      provinces,
      comuni: comuneCodes,
      callTypes: callTypes ?? [],
      alsoRelated: alsoRelated ?? true,
      frequency: frequency ?? 'immediate',
      locale: locale ?? 'it',
    }),
  );
  if (comuneCodes.length) {
    const kept = (await subscriberOf(deps, s.id))!.areas.filter((a) => a.kind === 'comune').length;
    if (kept !== comuneCodes.length) throw new Error(`buildSubscriber: unknown comuni among ${comuneCodes.join(', ')}`);
  }
  if (consentAt && consentAt.getTime() !== s.consentAt.getTime()) throw new Error('buildSubscriber: consentAt is the confirmation time');
  if (consentExpiresAt && consentExpiresAt.getTime() !== s.consentExpiresAt.getTime()) throw new Error('buildSubscriber: consent lasts 24 months from the confirmation');
  // changeStatus reads only the database and the clock.
  if (status === 'paused') s = await changeStatus(deps as DomainDeps, s, 'pause');
  else if (status === 'unsubscribed') s = await changeStatus(deps as DomainDeps, s, 'unsubscribe');
  return s;
}

export type { DeliverySpec };

/**
 * A call's fan-out and its deliveries as given (matched = their number). Status "done" unless a
 * delivery is still pending or sending; override with `fanout`. Written by alerts/testing.ts
 * (recordFanout): sent, failed, digested and clicked deliveries are what SMTP traffic and people
 * leave behind, which no operation makes on demand.
 */
export async function buildFanout(db: Db, callId: string, deliveries: DeliverySpec[], fanout: FanoutSpec = {}) {
  return recordFanout(db, callId, deliveries, fanout);
}

// ---------- through the domain's operations ----------

let seq = 0;
/** A fresh address for a test: `<tag>-<n>-<random>@example.org`. */
export const alertEmail = (tag = 'iscritto') => `${tag}-${++seq}-${randomBytes(2).toString('hex')}@example.org`;

/** Subscription preferences with defaults (a doctor, anywhere, immediate alerts, Italian). */
export const alertPrefs = prefs;

/**
 * A confirmed subscriber made by the domain (createConfirmedSubscriber: consent recorded, match
 * keys computed). `at` dates the confirmation and the consent (an expired consent: a date in the past).
 */
export async function subscribe(
  deps: Pick<DomainDeps, 'db' | 'now'>,
  over: { email?: string; prefs?: Partial<SubscriptionPrefs>; at?: Date; source?: string } = {},
) {
  const at = over.at;
  return createConfirmedSubscriber(at ? { db: deps.db, now: () => at } : deps, over.email ?? alertEmail(), alertPrefs(over.prefs), { source: over.source });
}

/** The sign-up form's values as the web layer sends them (a doctor in the given provinces). */
export const signupForm = (over: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  name: 'Marco Rossi',
  email: alertEmail('signup'),
  professionCode: 'medico_chirurgo',
  specialisations: [],
  provinces: [],
  frequency: 'immediate',
  locale: 'it',
  alsoRelated: 'on',
  consent: 'on',
  ...over,
});

/** The confirmation token in the latest confirmation mail stored for the address. */
export async function confirmationToken(db: Db, email: string): Promise<string> {
  const mails = await mailsTo(db, 'alerts', [email.toLowerCase()]);
  for (const m of [...mails].reverse()) {
    const t = /\/avvisi\/conferma\/([\w-]+)/.exec(m.text)?.[1];
    if (t) return t;
  }
  throw new Error(`no confirmation mail to ${email}`);
}

/** The double opt-in, both steps: the form sent, then the mailed link followed. */
export async function signUp(deps: DomainDeps, form: Record<string, string | string[]> = {}, ctx: SignupContext = {}) {
  const values = signupForm(form);
  const r = await requestSubscription(deps, values, ctx);
  if (!r.ok) throw new Error(`requestSubscription: ${JSON.stringify(r.error)}`);
  const c = await confirmSubscription(deps, await confirmationToken(deps.db, values.email as string));
  if (!c.ok) throw new Error(`confirmSubscription: ${JSON.stringify(c.error)}`);
  return c.value;
}

/** The subscriber as the back office reads it, or null once erased. */
export async function subscriberOf(deps: Pick<DomainDeps, 'db'>, id: string) {
  const r = await getSubscriber(deps, ADMIN_ACTOR, id);
  if (r.ok) return r.value;
  if (r.error.code === 'not_found') return null;
  throw new Error(`getSubscriber: ${JSON.stringify(r.error)}`);
}
