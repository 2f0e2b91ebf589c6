// The fan-out of a call that opens: one set-based statement matches the subscribers (an indexed
// lookup on their match keys) and writes one delivery row per (call, subscriber) — the idempotency
// key. Delivery jobs then claim rows (FOR UPDATE SKIP LOCKED, so any number of processes share
// the work without two taking the same row), send, and record each outcome. A crash leaves rows
// "sending" under a lease; the sweep puts them back after the lease (at once on the embedded
// database, which only one process can open). A resent message keeps its Message-ID.
import { and, eq, gte, inArray, isNull, lte, or, sql, min } from 'drizzle-orm';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { callAdmittedSpecialisations, callState, calls, callWorkplaces } from '../calls/index.ts';
import { alertDeliveries, alertFanouts, alertSubscribers } from './tables.ts';
import { callKeys } from './match-keys.ts';
import { loadAlertCall, type AlertCallInfo } from './alert-call.ts';
import { alertMail } from './mails.ts';
import { readClickToken } from './links.ts';

export const FANOUT_JOB = 'alerts.fanout';
export const DELIVER_JOB = 'alerts.deliver';
/** Delivery jobs started per fan-out: the work spreads over every process running jobs. */
export const DELIVER_SLOTS = 4;
export const CLAIM_BATCH = 100;
export const LEASE_MS = 2 * 60_000;
export const MAX_ATTEMPTS = 6;
/**
 * "Sent" is recorded for this many messages in one UPDATE (and at the end of every claimed batch):
 * one statement per message cost more CPU than building and sending the message. The price: after
 * a crash, up to this many messages per job (plus those in flight) that the SMTP server had
 * accepted go out again, with the same Message-ID.
 */
export const SENT_GROUP = 20;
/** Messages in flight per delivery job (the SMTP pool has mailer.bulkConnections connections). */
export const IN_FLIGHT = 8;
/** Calls opened this long ago still get their fan-out if the event was lost (crash, restart). */
const CATCH_UP_MS = 24 * 3600_000;

export type Fanout = typeof alertFanouts.$inferSelect;

type Admitted = { specialisationCode: string; kind: 'same' | 'equipollent' | 'affine' };

/**
 * The keys a call looks up, from its profession, admitted specialisations (those saved with it plus
 * its discipline's identity titles, read from the graph now) and workplaces.
 */
export async function keysForCall(deps: Pick<DomainDeps, 'db'>, callId: string) {
  const [c] = await deps.db.select().from(calls).where(eq(calls.id, callId));
  if (!c) return null;
  const [specs, workplaces] = await Promise.all([
    callAdmittedSpecialisations(deps.db, c),
    deps.db.select({ comuneCode: callWorkplaces.comuneCode, provinceCode: callWorkplaces.provinceCode }).from(callWorkplaces).where(eq(callWorkplaces.callId, callId)),
  ]);
  const admitted: Admitted[] = specs.map((s) => ({ specialisationCode: s.code, kind: s.kind }));
  return { call: c, admitted, keys: callKeys({ professionCode: c.professionCode, disciplineCode: c.disciplineCode, admitted, workplaces }) };
}

/**
 * The best reason a subscriber `s` allows for the call (same > equipollent > affine), or nulls. The
 * admitted list is the one the keys were made from, so the reason always explains the match.
 */
const reasonJoin = (admitted: Admitted[]) => sql`
    left join lateral (
      select ss.specialisation_code as code, a.kind
      from alert_subscriber_specialisations ss
      join unnest(${sql.param(admitted.map((a) => a.specialisationCode))}::text[], ${sql.param(admitted.map((a) => a.kind))}::text[]) as a(code, kind)
        on a.code = ss.specialisation_code
      where ss.subscriber_id = s.id and (s.also_related or a.kind = 'same')
      order by case a.kind when 'same' then 0 when 'equipollent' then 1 else 2 end
      limit 1
    ) r on true`;

/**
 * The matching query: subscribers whose keys meet the call's (GIN index), of the call's
 * profession and types. Its cost follows the number of matches.
 */
function matchingIds(c: { professionCode: string; type: string }, keys: string[]) {
  return sql`
    select s.id from alert_subscribers s
    where s.status = 'active'
      and s.match_keys && ${sql.param(keys)}::text[]
      and s.profession_code = ${c.professionCode}
      and (cardinality(s.call_types) = 0 or ${c.type} = any(s.call_types))`;
}

/** Only the matching, for measurements: how many subscribers a call reaches. */
export async function countMatches(deps: Pick<DomainDeps, 'db'>, callId: string): Promise<number> {
  const k = await keysForCall(deps, callId);
  if (!k) return 0;
  const res = await deps.db.execute<{ n: number }>(sql`select count(*)::int as n from (${matchingIds(k.call, k.keys)}) m`);
  return Number(res.rows[0]!.n);
}

/** Delivery rows written per transaction: short enough that the web's queries pass in between. */
export const MATCH_CHUNK = 2000;

/**
 * Matches the call's subscribers once. Runs when the call opens (published now, or its scheduled
 * time arrives). The matched ids are read with one indexed query, then written as delivery rows in
 * short transactions (on the embedded database a single 100,000-row insert would hold the only
 * connection for seconds); delivery starts after the first chunk. Interrupted, it is run again by
 * the sweep and adds only what is missing (the unique (call, subscriber) row). A fan-out that is
 * past matching is never redone: null.
 */
export async function startFanout(deps: DomainDeps, callId: string): Promise<Fanout | null> {
  const k = await keysForCall(deps, callId);
  if (!k || !k.call.openedAt) return null;
  const now = deps.now();
  let [fanout] = await deps.db.insert(alertFanouts).values({ callId, startedAt: now }).onConflictDoNothing({ target: alertFanouts.callId }).returning();
  if (!fanout) {
    [fanout] = await deps.db.select().from(alertFanouts).where(eq(alertFanouts.callId, callId));
    if (!fanout || fanout.status !== 'matching') return null;
  } else if (callState(k.call, now) !== 'open') {
    // Closed (or withdrawn) before its fan-out ran: nobody is told about a call they cannot enter.
    const [done] = await deps.db.update(alertFanouts).set({ status: 'done', matchedAt: now, finishedAt: now }).where(eq(alertFanouts.id, fanout.id)).returning();
    return done!;
  }
  const ids = (await deps.db.execute<{ id: string }>(matchingIds(k.call, k.keys))).rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += MATCH_CHUNK) {
    await deps.db.execute(sql`
      insert into alert_deliveries (fanout_id, call_id, subscriber_id, mode, reason_specialisation, reason_kind)
      select ${fanout.id}::uuid, ${callId}::uuid, s.id, s.frequency, r.code, r.kind
      from alert_subscribers s ${reasonJoin(k.admitted)}
      where s.id = any(${sql.param(ids.slice(i, i + MATCH_CHUNK))}::uuid[]) and s.status = 'active'
      on conflict do nothing`);
    if (i === 0) await kickDelivery(deps, fanout.id);
  }
  const [{ matched }] = await deps.db.select({ matched: sql<number>`count(*)::int` }).from(alertDeliveries).where(eq(alertDeliveries.fanoutId, fanout.id));
  const [row] = await deps.db
    .update(alertFanouts)
    .set({ matched: Number(matched), status: Number(matched) ? 'sending' : 'done', matchedAt: deps.now(), finishedAt: Number(matched) ? null : deps.now() })
    .where(and(eq(alertFanouts.id, fanout.id), eq(alertFanouts.status, 'matching')))
    .returning();
  if (row?.status === 'sending') await kickDelivery(deps, fanout.id);
  return row ?? null;
}

/** Starts the delivery jobs of a fan-out (several, so several processes share it). */
export async function kickDelivery(deps: DomainDeps, fanoutId: string, startAfter?: Date): Promise<void> {
  for (let slot = 0; slot < DELIVER_SLOTS; slot++) await deps.jobs.send(DELIVER_JOB, { fanoutId }, startAfter ? { startAfter } : {});
}

const backoffMs = (attempts: number) => Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));

/** SMTP 5xx is a permanent refusal (RFC 5321 §4.2.1): no retry. */
const isPermanent = (e: unknown) => {
  const code = (e as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export interface DeliveryRun {
  sent: number;
  failed: number;
  retry: number;
  skipped: number;
}

/**
 * A delivery job: claims due immediate deliveries of the fan-out in batches and sends them, until
 * none is left to claim. Several runs (jobs, processes) can work the same fan-out at once.
 */
export async function deliverPending(deps: DomainDeps, fanoutId: string): Promise<DeliveryRun> {
  const out: DeliveryRun = { sent: 0, failed: 0, retry: 0, skipped: 0 };
  const [fanout] = await deps.db.select().from(alertFanouts).where(eq(alertFanouts.id, fanoutId));
  if (!fanout || fanout.status === 'done') return out;
  let info: AlertCallInfo | null = null;
  for (;;) {
    const now = deps.now();
    const due = deps.db
      .select({ id: alertDeliveries.id })
      .from(alertDeliveries)
      .where(
        and(
          eq(alertDeliveries.fanoutId, fanoutId),
          eq(alertDeliveries.status, 'pending'),
          eq(alertDeliveries.mode, 'immediate'),
          or(isNull(alertDeliveries.nextAttemptAt), lte(alertDeliveries.nextAttemptAt, now)),
        ),
      )
      .limit(CLAIM_BATCH)
      .for('update', { skipLocked: true });
    const claimed = await deps.db
      .update(alertDeliveries)
      .set({ status: 'sending', leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: sql`${alertDeliveries.attempts} + 1` })
      .where(inArray(alertDeliveries.id, due))
      .returning();
    if (!claimed.length) break;
    info ??= await loadAlertCall(deps.db, fanout.callId);
    const ids = claimed.map((d) => d.subscriberId).filter((x): x is string => !!x);
    const people = ids.length
      ? await deps.db
          .select({ id: alertSubscribers.id, email: alertSubscribers.email, name: alertSubscribers.name, locale: alertSubscribers.locale, linkVersion: alertSubscribers.linkVersion, status: alertSubscribers.status })
          .from(alertSubscribers)
          .where(inArray(alertSubscribers.id, ids))
      : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    const sentIds: string[] = [];
    const flushSent = async () => {
      if (!sentIds.length) return;
      const ids = sentIds.splice(0);
      await deps.db.update(alertDeliveries).set({ status: 'sent', sentAt: deps.now(), leaseUntil: null, error: null }).where(inArray(alertDeliveries.id, ids));
    };
    await mapLimit(claimed, IN_FLIGHT, async (d) => {
      const person = d.subscriberId ? byId.get(d.subscriberId) : undefined;
      // Unsubscribed, paused or erased since the match: nothing goes out.
      if (!person || person.status !== 'active' || !info) {
        await deps.db.update(alertDeliveries).set({ status: 'skipped', leaseUntil: null }).where(eq(alertDeliveries.id, d.id));
        out.skipped++;
        return;
      }
      const locale = person.locale as Locale;
      const mail = alertMail(deps.links, { deliveryId: d.id, to: { ...person, locale }, call: info.call, reason: info.reason(locale, d.reasonSpecialisation, d.reasonKind) });
      try {
        await deps.mailer.sendNow(mail, `<alert-${d.id}@approdo>`);
        sentIds.push(d.id);
        out.sent++;
        if (sentIds.length >= SENT_GROUP) await flushSent();
      } catch (e) {
        const error = String((e as Error).message ?? e).slice(0, 500);
        if (isPermanent(e) || d.attempts >= MAX_ATTEMPTS) {
          await deps.db.update(alertDeliveries).set({ status: 'failed', error, leaseUntil: null }).where(eq(alertDeliveries.id, d.id));
          out.failed++;
        } else {
          await deps.db
            .update(alertDeliveries)
            .set({ status: 'pending', error, leaseUntil: null, nextAttemptAt: new Date(deps.now().getTime() + backoffMs(d.attempts)) })
            .where(eq(alertDeliveries.id, d.id));
          out.retry++;
        }
      }
    });
    await flushSent();
  }
  await settleFanout(deps, fanoutId);
  return out;
}

/** Done when nothing immediate is left; otherwise a job waits for the earliest retry. */
async function settleFanout(deps: DomainDeps, fanoutId: string): Promise<void> {
  const [left] = await deps.db
    .select({
      open: sql<number>`count(*) filter (where ${alertDeliveries.status} in ('pending', 'sending'))::int`,
      sending: sql<number>`count(*) filter (where ${alertDeliveries.status} = 'sending')::int`,
      nextRetry: min(alertDeliveries.nextAttemptAt),
    })
    .from(alertDeliveries)
    .where(and(eq(alertDeliveries.fanoutId, fanoutId), eq(alertDeliveries.mode, 'immediate'), inArray(alertDeliveries.status, ['pending', 'sending'])));
  if (!left || Number(left.open) === 0) {
    await deps.db.update(alertFanouts).set({ status: 'done', finishedAt: deps.now() }).where(and(eq(alertFanouts.id, fanoutId), eq(alertFanouts.status, 'sending')));
    return;
  }
  if (Number(left.sending) === 0 && left.nextRetry) {
    const at = new Date(Math.max(left.nextRetry.getTime(), deps.now().getTime()));
    await deps.jobs.send(DELIVER_JOB, { fanoutId }, { startAfter: at, singletonKey: `retry:${fanoutId}:${at.toISOString()}` });
  }
}

/**
 * The minute sweep: rows whose lease ran out go back to pending (a process died while sending),
 * calls opened in the last day without a fan-out get one (an event lost in a crash), and fan-outs
 * with due work get delivery jobs. `exclusive`: this process alone uses the database (embedded
 * default at boot), so every "sending" row is an orphan.
 */
export async function sweepFanouts(deps: DomainDeps, opts: { exclusive?: boolean } = {}): Promise<{ reclaimed: number; started: number; kicked: number }> {
  const now = deps.now();
  const reclaimed = await deps.db
    .update(alertDeliveries)
    .set({ status: 'pending', leaseUntil: null })
    .where(and(eq(alertDeliveries.status, 'sending'), opts.exclusive ? undefined : lte(alertDeliveries.leaseUntil, now)))
    .returning({ id: alertDeliveries.id });
  const missing = await deps.db
    .select({ id: calls.id })
    .from(calls)
    .leftJoin(alertFanouts, eq(alertFanouts.callId, calls.id))
    .where(and(isNull(alertFanouts.id), eq(calls.status, 'published'), gte(calls.openedAt, new Date(now.getTime() - CATCH_UP_MS)), isNull(calls.closedAt)));
  for (const c of missing) await deps.jobs.send(FANOUT_JOB, { callId: c.id }, { singletonKey: `fanout:${c.id}` });
  // Matching interrupted by a crash: run it again (it adds only the missing rows).
  const interrupted = await deps.db
    .select({ callId: alertFanouts.callId })
    .from(alertFanouts)
    .where(and(eq(alertFanouts.status, 'matching'), opts.exclusive ? undefined : lte(alertFanouts.startedAt, new Date(now.getTime() - LEASE_MS))));
  for (const f of interrupted) await deps.jobs.send(FANOUT_JOB, { callId: f.callId }, { singletonKey: `fanout:${f.callId}` });
  const active = await deps.db
    .selectDistinct({ id: alertDeliveries.fanoutId })
    .from(alertDeliveries)
    .innerJoin(alertFanouts, eq(alertFanouts.id, alertDeliveries.fanoutId))
    .where(
      and(
        eq(alertFanouts.status, 'sending'),
        eq(alertDeliveries.status, 'pending'),
        eq(alertDeliveries.mode, 'immediate'),
        or(isNull(alertDeliveries.nextAttemptAt), lte(alertDeliveries.nextAttemptAt, now)),
      ),
    );
  for (const f of active) await kickDelivery(deps, f.id);
  // Fan-outs whose last rows were settled by a process that died before settling the fan-out.
  const stale = await deps.db.select({ id: alertFanouts.id }).from(alertFanouts).where(eq(alertFanouts.status, 'sending'));
  for (const f of stale) if (!active.some((a) => a.id === f.id)) await settleFanout(deps, f.id);
  return { reclaimed: reclaimed.length, started: missing.length + interrupted.length, kicked: active.length };
}

/** A click on an alert's link (a signed redirect, no pixel): counted, then the call's page. */
export async function recordAlertClick(deps: DomainDeps, token: string): Promise<{ slug: string } | null> {
  const id = readClickToken(deps.links.secret, token);
  if (!id) return null;
  const [row] = await deps.db
    .update(alertDeliveries)
    .set({ clicks: sql`${alertDeliveries.clicks} + 1`, firstClickAt: sql`coalesce(${alertDeliveries.firstClickAt}, ${deps.now().toISOString()}::timestamptz)` })
    .where(eq(alertDeliveries.id, id))
    .returning({ callId: alertDeliveries.callId });
  if (!row) return null;
  const [c] = await deps.db.select({ slug: calls.slug }).from(calls).where(eq(calls.id, row.callId));
  return c ?? null;
}
