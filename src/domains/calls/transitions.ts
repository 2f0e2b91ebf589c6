// Lifecycle moves a person makes: publish (now or at a scheduled time), close early, archive,
// back to draft. The clock does the rest (open at publishAt, closed at the deadline).
import { and, eq, isNull, lte, gt } from 'drizzle-orm';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { audit } from '../../platform/audit/index.ts';
import { can, SYSTEM_ACTOR, type Actor } from '../../platform/authz/index.ts';
import { callRules } from './policy.ts';
import { err, forbidden, invalid, notFound, ok, type Result } from '../../platform/result.ts';
import { calls } from './tables.ts';
import { publishProblems } from './input.ts';
import { callState } from './state.ts';
import type { Call } from './save-call.ts';

type Move = 'publish' | 'close' | 'archive' | 'unpublish';

async function move(
  deps: DomainDeps,
  actor: Actor,
  id: string,
  kind: Move,
  apply: (c: Call, now: Date) => Result<Partial<Call>>,
): Promise<Result<Call>> {
  const rule = kind === 'unpublish' || kind === 'publish' ? callRules.publish : kind === 'close' ? callRules.close : callRules.archive;
  if (!can(actor, rule)) return forbidden();
  const result = await deps.db.transaction(async (tx): Promise<Result<Call & { justOpened: boolean }>> => {
    const [c] = await tx.select().from(calls).where(eq(calls.id, id)).for('update');
    if (!c) return notFound();
    const now = deps.now();
    const change = apply(c, now);
    if (!change.ok) return change;
    const [after] = await tx
      .update(calls)
      .set({ ...change.value, version: c.version + 1, updatedAt: now, updatedBy: actor.id })
      .where(eq(calls.id, id))
      .returning();
    await audit(tx, actor, {
      action: `call.${kind === 'publish' && after.publishAt && after.publishAt > now ? 'scheduled' : kind === 'publish' ? 'published' : kind === 'close' ? 'closed' : kind === 'archive' ? 'archived' : 'unpublished'}`,
      entityType: 'call',
      entityId: id,
      summary: after.title,
      changes: { state: { from: callState(c, now), to: callState(after, now) } },
    });
    return ok({ ...after, justOpened: !c.openedAt && !!after.openedAt });
  });
  if (!result.ok) return result;
  deps.events.emit('calls.changed', { id });
  const { justOpened, ...call } = result.value;
  if (justOpened) deps.events.emit('calls.opened', { id });
  return ok(call);
}

/** Publish now (publishAt empty or past) or schedule (publishAt ahead). */
export function publishCall(deps: DomainDeps, actor: Actor, id: string, publishAt?: Date | null) {
  return move(deps, actor, id, 'publish', (c, now) => {
    const state = callState(c, now);
    if (state !== 'draft' && state !== 'scheduled') return err({ code: 'invalid_state', message: 'calls.errors.not_publishable' });
    const when = publishAt === undefined ? (c.publishAt && c.publishAt > now ? c.publishAt : now) : publishAt && publishAt > now ? publishAt : now;
    const problems = publishProblems({ ...c, publishAt: when }, now);
    if (Object.keys(problems).length) return invalid(problems);
    return ok({ status: 'published' as const, publishAt: when, closedAt: null, openedAt: when <= now ? now : null });
  });
}

export function closeCall(deps: DomainDeps, actor: Actor, id: string) {
  return move(deps, actor, id, 'close', (c, now) => {
    if (callState(c, now) !== 'open') return err({ code: 'invalid_state', message: 'calls.errors.not_open' });
    return ok({ closedAt: now });
  });
}

export function archiveCall(deps: DomainDeps, actor: Actor, id: string) {
  return move(deps, actor, id, 'archive', (c, now) => {
    const state = callState(c, now);
    if (state !== 'closed' && state !== 'draft') return err({ code: 'invalid_state', message: 'calls.errors.not_archivable' });
    return ok({ status: 'archived' as const, archivedAt: now });
  });
}

/** A scheduled call goes back to draft before it opens. */
export function unpublishCall(deps: DomainDeps, actor: Actor, id: string) {
  return move(deps, actor, id, 'unpublish', (c, now) => {
    if (callState(c, now) !== 'scheduled') return err({ code: 'invalid_state', message: 'calls.errors.not_scheduled' });
    return ok({ status: 'draft' as const });
  });
}

/**
 * The clock's part, run every minute by a job: record when scheduled calls opened and when open
 * calls reached their deadline, so later capabilities (alerts) can react once per call.
 */
export async function advanceLifecycle(deps: DomainDeps): Promise<{ opened: string[]; closed: string[] }> {
  const now = deps.now();
  const system = SYSTEM_ACTOR;
  const out = await deps.db.transaction(async (tx) => {
    const opened = await tx
      .update(calls)
      .set({ openedAt: now })
      .where(and(eq(calls.status, 'published'), isNull(calls.openedAt), lte(calls.publishAt, now), gt(calls.deadline, now)))
      .returning({ id: calls.id, title: calls.title });
    const closed = await tx
      .update(calls)
      .set({ closedAt: calls.deadline })
      .where(and(eq(calls.status, 'published'), isNull(calls.closedAt), lte(calls.deadline, now)))
      .returning({ id: calls.id, title: calls.title });
    for (const c of opened) await audit(tx, system, { action: 'call.opened', entityType: 'call', entityId: c.id, summary: c.title });
    for (const c of closed) await audit(tx, system, { action: 'call.closed_at_deadline', entityType: 'call', entityId: c.id, summary: c.title });
    return { opened: opened.map((c) => c.id), closed: closed.map((c) => c.id) };
  });
  if (out.opened.length || out.closed.length) deps.events.emit('calls.changed', out);
  for (const id of out.opened) deps.events.emit('calls.opened', { id });
  return out;
}

