// The weekly digest: on Monday morning each subscriber who chose "weekly" gets one mail with every
// call matched for them since the last digest that is still open. One digest row per subscriber
// and ISO week is the idempotency key: a rerun of the job sends nothing twice.
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { romeParts } from '../../platform/i18n/format.ts';
import { callState, calls } from '../calls/index.ts';
import { alertDeliveries, alertDigests, alertSubscribers } from './tables.ts';
import { loadAlertCall, type AlertCallInfo } from './alert-call.ts';
import { digestMail } from './mails.ts';

export const DIGEST_JOB = 'alerts.digest';

/** ISO 8601 week of a date in Europe/Rome, e.g. "2026-W48". */
export function isoWeek(d: Date): string {
  const p = romeParts(d);
  const day = new Date(Date.UTC(p.year, p.month - 1, p.day));
  const dow = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - dow);
  const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((day.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export async function sendDigests(deps: DomainDeps): Promise<{ digests: number; calls: number }> {
  const now = deps.now();
  const period = isoWeek(now);
  const infos = new Map<string, AlertCallInfo | null>();
  let digests = 0;
  let total = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await deps.db
      .selectDistinct({ id: alertDeliveries.subscriberId })
      .from(alertDeliveries)
      .where(and(eq(alertDeliveries.status, 'pending'), eq(alertDeliveries.mode, 'weekly'), gt(alertDeliveries.subscriberId, after)))
      .orderBy(alertDeliveries.subscriberId)
      .limit(500);
    if (!batch.length) break;
    after = batch[batch.length - 1]!.id!;
    for (const { id } of batch) {
      const n = await digestFor(deps, id!, period, now, infos);
      if (n > 0) {
        digests++;
        total += n;
      }
    }
  }
  return { digests, calls: total };
}

async function digestFor(deps: DomainDeps, subscriberId: string, period: string, now: Date, infos: Map<string, AlertCallInfo | null>): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const [s] = await tx.select().from(alertSubscribers).where(eq(alertSubscribers.id, subscriberId));
    const pending = await tx
      .select({ id: alertDeliveries.id, callId: alertDeliveries.callId, spec: alertDeliveries.reasonSpecialisation, kind: alertDeliveries.reasonKind, call: calls })
      .from(alertDeliveries)
      .innerJoin(calls, eq(calls.id, alertDeliveries.callId))
      .where(and(eq(alertDeliveries.subscriberId, subscriberId), eq(alertDeliveries.status, 'pending'), eq(alertDeliveries.mode, 'weekly')))
      .orderBy(calls.deadline)
      .for('update', { of: alertDeliveries, skipLocked: true });
    if (!pending.length) return 0;
    const stillOpen = pending.filter((p) => callState(p.call, now) === 'open');
    const closed = pending.filter((p) => callState(p.call, now) !== 'open').map((p) => p.id);
    if (!s || s.status !== 'active' || !stillOpen.length) {
      await tx.update(alertDeliveries).set({ status: 'skipped' }).where(inArray(alertDeliveries.id, pending.map((p) => p.id)));
      return 0;
    }
    const [digest] = await tx.insert(alertDigests).values({ subscriberId, period, callCount: stillOpen.length, createdAt: now }).onConflictDoNothing().returning();
    if (!digest) return 0; // this week's digest already went: these wait for next week
    if (closed.length) await tx.update(alertDeliveries).set({ status: 'skipped' }).where(inArray(alertDeliveries.id, closed));
    await tx
      .update(alertDeliveries)
      .set({ status: 'digested', digestId: digest.id, sentAt: now })
      .where(inArray(alertDeliveries.id, stillOpen.map((p) => p.id)));
    const locale = s.locale as Locale;
    const items = [];
    for (const p of stillOpen) {
      if (!infos.has(p.callId)) infos.set(p.callId, await loadAlertCall(tx, p.callId));
      const info = infos.get(p.callId);
      if (info) items.push({ deliveryId: p.id, call: info.call, reason: info.reason(locale, p.spec, p.kind) });
    }
    await deps.mailer.queue(digestMail(deps.links, { digestId: digest.id, to: { ...s, locale }, items }), tx);
    return items.length;
  });
}

/** Weekly calls waiting for the next digest of a subscriber (shown on the preferences page). */
export async function waitingForDigest(deps: DomainDeps, subscriberId: string): Promise<number> {
  const [r] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(alertDeliveries)
    .where(and(eq(alertDeliveries.subscriberId, subscriberId), eq(alertDeliveries.status, 'pending'), eq(alertDeliveries.mode, 'weekly')));
  return Number(r?.n ?? 0);
}
