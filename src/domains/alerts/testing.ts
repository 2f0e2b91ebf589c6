// Test support for the alerts capability: the few reads no page needs (a call's delivery rows as
// stored, the sign-ups waiting for an address) and the states only a crash or a lost event leaves
// behind. Imported by tests only — not exported from index.ts, never reachable from the web or jobs.
import { count, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { alertDeliveries, alertFanouts, alertSignups, alertSubscribers } from './tables.ts';

/** A call's deliveries as stored (the idempotency rows the fan-out writes), oldest first. */
export async function callDeliveries(db: DbOrTx, callId: string) {
  return db
    .select({
      id: alertDeliveries.id,
      fanoutId: alertDeliveries.fanoutId,
      subscriberId: alertDeliveries.subscriberId,
      mode: alertDeliveries.mode,
      status: alertDeliveries.status,
      reasonKind: alertDeliveries.reasonKind,
      attempts: alertDeliveries.attempts,
      nextAttemptAt: alertDeliveries.nextAttemptAt,
      error: alertDeliveries.error,
      clicks: alertDeliveries.clicks,
      firstClickAt: alertDeliveries.firstClickAt,
    })
    .from(alertDeliveries)
    .where(eq(alertDeliveries.callId, callId))
    .orderBy(alertDeliveries.createdAt, alertDeliveries.id);
}

/** How many sign-ups wait for confirmation at this address (stored lower case). */
export async function waitingSignups(db: DbOrTx, email: string): Promise<number> {
  const [r] = await db.select({ n: count() }).from(alertSignups).where(eq(alertSignups.email, email.toLowerCase()));
  return Number(r?.n ?? 0);
}

/** Invalidates every signed link of the subscriber (what a new link version does). */
export async function revokeSubscriberLinks(db: DbOrTx, subscriberId: string): Promise<void> {
  await db
    .update(alertSubscribers)
    .set({ linkVersion: sql`${alertSubscribers.linkVersion} + 1` })
    .where(eq(alertSubscribers.id, subscriberId));
}

/**
 * A process that died while sending: every delivery of the fan-out claimed under a lease until
 * `leaseUntil` and never settled, and the fan-out back to "sending".
 */
export async function simulateDeadSender(db: DbOrTx, fanoutId: string, leaseUntil: Date): Promise<void> {
  await db.update(alertDeliveries).set({ status: 'sending', leaseUntil }).where(eq(alertDeliveries.fanoutId, fanoutId));
  await db.update(alertFanouts).set({ status: 'sending', finishedAt: null }).where(eq(alertFanouts.id, fanoutId));
}

/** A lost "call opened" event: the call's fan-out (and its deliveries) as if never started. */
export async function forgetFanout(db: DbOrTx, callId: string): Promise<void> {
  await db.delete(alertFanouts).where(eq(alertFanouts.callId, callId));
}

/**
 * A matching interrupted by a crash: the fan-out started at `startedAt`, still "matching", with
 * immediate deliveries written only for these subscribers.
 */
export async function interruptedFanout(db: DbOrTx, callId: string, startedAt: Date, subscriberIds: string[]) {
  const [f] = await db.insert(alertFanouts).values({ callId, startedAt }).returning();
  if (subscriberIds.length)
    await db.insert(alertDeliveries).values(subscriberIds.map((subscriberId) => ({ fanoutId: f!.id, callId, subscriberId, mode: 'immediate' as const })));
  return f!;
}

export type DeliverySpec = Partial<Omit<typeof alertDeliveries.$inferInsert, 'fanoutId' | 'callId'>>;
export type FanoutSpec = Partial<Omit<typeof alertFanouts.$inferInsert, 'callId'>>;

/**
 * A call's fan-out and its deliveries exactly as given (matched = their number; "done" unless a
 * delivery is still pending or sending), for tests of the statistics and pages that read them.
 */
export async function recordFanout(db: DbOrTx, callId: string, deliveries: DeliverySpec[], fanout: FanoutSpec = {}) {
  const startedAt = fanout.startedAt ?? new Date();
  const running = deliveries.some((d) => d.status === undefined || d.status === 'pending' || d.status === 'sending');
  const [f] = await db
    .insert(alertFanouts)
    .values({ callId, startedAt, matchedAt: startedAt, matched: deliveries.length, status: running ? 'sending' : 'done', finishedAt: running ? null : startedAt, ...fanout })
    .returning();
  const rows = deliveries.length
    ? await db
        .insert(alertDeliveries)
        .values(deliveries.map((d) => ({ mode: 'immediate' as const, ...d, fanoutId: f!.id, callId })))
        .returning()
    : [];
  return { fanout: f!, deliveries: rows };
}

/**
 * The subscriber with this address as stored (with its link version, which signed links carry), or
 * null: what a test holds to build the links a mail would carry. No page looks a person up by address.
 */
export async function storedSubscriber(db: DbOrTx, email: string) {
  const [s] = await db.select().from(alertSubscribers).where(eq(alertSubscribers.email, email.toLowerCase()));
  return s ?? null;
}

/** The sign-ups waiting for confirmation at this address, with the preferences they will confirm. */
export async function pendingSignups(db: DbOrTx, email: string) {
  return db.select().from(alertSignups).where(eq(alertSignups.email, email.toLowerCase()));
}
