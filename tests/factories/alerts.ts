// Test data builders for the talent pool: confirmed subscribers and fan-outs written straight into
// their tables, for tests of what reads them (back-office lists, counts, statistics).
import { subscriberKeys } from '../../src/domains/alerts/match-keys.ts';
import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
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
