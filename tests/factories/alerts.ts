// Test data builders for the talent pool. `subscribe`, `signUp` and `subscriberOf` go through the
// domain's operations (the clock they are given dates the consent); `buildSubscriber` and
// `buildFanout` write straight into the tables, for volume tests of what reads them (back-office
// lists, counts, statistics) that need states no operation makes quickly.
import { subscriberKeys } from '../../src/domains/alerts/match-keys.ts';
import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import type { DomainDeps } from '../../src/platform/domain-deps.ts';
import { mailsTo } from '../../src/platform/mail/index.ts';
import {
  confirmSubscription,
  createConfirmedSubscriber,
  getSubscriber,
  requestSubscription,
  type SignupContext,
  type SubscriptionPrefs,
} from '../../src/domains/alerts/index.ts';
import { ADMIN_ACTOR } from './index.ts';
import { comuni } from '../../src/domains/reference/tables.ts';
import {
  alertDeliveries,
  alertFanouts,
  alertSubscriberAreas,
  alertSubscribers,
  alertSubscriberSpecialisations,
} from '../../src/domains/alerts/tables.ts';

const DAY = 86_400_000;

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
 * A subscriber who has confirmed (double opt-in done), with specialisations and areas, and the
 * match keys the alerts domain would compute for them (so they also match calls).
 */
export async function buildSubscriber(db: Db, over: SubscriberOverrides = {}): Promise<Subscriber> {
  const { specialisations = [], provinces = [], comuni: comuneCodes = [], ...columns } = over;
  const suffix = randomBytes(4).toString('hex');
  const confirmedAt = columns.confirmedAt ?? new Date();
  const consentAt = columns.consentAt ?? confirmedAt;
  const [s] = await db
    .insert(alertSubscribers)
    .values({
      email: `iscritto-${suffix}@example.test`,
      name: `Iscritto ${suffix}`,
      professionCode: 'medico_chirurgo',
      matchKeys: subscriberKeys({
        professionCode: columns.professionCode ?? 'medico_chirurgo',
        specialisations: specialisations.map((x) => ({ code: typeof x === 'string' ? x : x.code, inTraining: false, trainingYear: null })),
        provinces,
        comuni: comuneCodes,
        alsoRelated: columns.alsoRelated ?? true,
      }),
      confirmedAt,
      consentAt,
      consentExpiresAt: new Date(consentAt.getTime() + 730 * DAY),
      createdAt: confirmedAt,
      ...columns,
    })
    .returning();
  if (specialisations.length)
    await db.insert(alertSubscriberSpecialisations).values(
      specialisations.map((x) =>
        typeof x === 'string'
          ? { subscriberId: s!.id, specialisationCode: x }
          : { subscriberId: s!.id, specialisationCode: x.code, inTraining: x.inTraining ?? false, trainingYear: x.trainingYear ?? null },
      ),
    );
  const areas: (typeof alertSubscriberAreas.$inferInsert)[] = provinces.map((code) => ({ subscriberId: s!.id, kind: 'province', code, provinceCode: code }));
  if (comuneCodes.length) {
    const found = await db.select({ code: comuni.code, provinceCode: comuni.provinceCode }).from(comuni).where(inArray(comuni.code, comuneCodes));
    if (found.length !== comuneCodes.length) throw new Error(`buildSubscriber: unknown comuni among ${comuneCodes.join(', ')}`);
    for (const c of found) areas.push({ subscriberId: s!.id, kind: 'comune', code: c.code, provinceCode: c.provinceCode });
  }
  if (areas.length) await db.insert(alertSubscriberAreas).values(areas);
  return s!;
}

export type DeliverySpec = Partial<Omit<typeof alertDeliveries.$inferInsert, 'fanoutId' | 'callId'>>;

/**
 * A call's fan-out and its deliveries as given (matched = their number). Status "done" unless a
 * delivery is still pending or sending; override with `fanout`.
 */
export async function buildFanout(
  db: Db,
  callId: string,
  deliveries: DeliverySpec[],
  fanout: Partial<Omit<typeof alertFanouts.$inferInsert, 'callId'>> = {},
) {
  const startedAt = fanout.startedAt ?? new Date();
  const running = deliveries.some((d) => d.status === undefined || d.status === 'pending' || d.status === 'sending');
  const [f] = await db
    .insert(alertFanouts)
    .values({
      callId,
      startedAt,
      matchedAt: startedAt,
      matched: deliveries.length,
      status: running ? 'sending' : 'done',
      finishedAt: running ? null : startedAt,
      ...fanout,
    })
    .returning();
  const rows = deliveries.length
    ? await db
        .insert(alertDeliveries)
        .values(deliveries.map((d) => ({ mode: 'immediate' as const, ...d, fanoutId: f!.id, callId })))
        .returning()
    : [];
  return { fanout: f!, deliveries: rows };
}

// ---------- through the domain's operations ----------

let seq = 0;
/** A fresh address for a test: `<tag>-<n>-<random>@example.org`. */
export const alertEmail = (tag = 'iscritto') => `${tag}-${++seq}-${randomBytes(2).toString('hex')}@example.org`;

/** Subscription preferences with defaults (a doctor, anywhere, immediate alerts, Italian). */
export const alertPrefs = (over: Partial<SubscriptionPrefs> = {}): SubscriptionPrefs => ({
  name: 'Giulia Bianchi',
  professionCode: 'medico_chirurgo',
  specialisations: [],
  provinces: [],
  comuni: [],
  callTypes: [],
  alsoRelated: true,
  frequency: 'immediate',
  locale: 'it',
  ...over,
});

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
