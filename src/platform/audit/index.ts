// Records who changed what and when; called by domain operations inside their transaction.
import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../authz/index.ts';
import { auditLog } from './tables.ts';


export async function audit(
  q: DbOrTx,
  actor: Actor,
  entry: { action: string; entityType: string; entityId?: string | null; summary?: string; changes?: Record<string, unknown> },
): Promise<void> {
  await q.insert(auditLog).values({
    actorId: actor.id,
    actorLabel: actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    summary: entry.summary,
    changes: entry.changes,
    requestId: actor.requestId,
  });
}

/** The fields that differ between two versions of a record, for the audit log. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of Object.keys(after)) {
    const a = before[k] instanceof Date ? (before[k] as Date).toISOString() : before[k];
    const b = after[k] instanceof Date ? (after[k] as Date).toISOString() : after[k];
    if (JSON.stringify(a) !== JSON.stringify(b)) out[k] = { from: a, to: b };
  }
  return out;
}

/** The history of one record, newest first (a record's own page shows it; callers authorize). */
export async function auditFor(q: DbOrTx, entityType: string, entityId: string, limit = 200) {
  return q
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}

/**
 * Where an erased person appears in the log by address — as the actor of something they did without
 * an account (a booking), or in a summary — the address becomes `label`. Staff accounts' own entries
 * (entity `user`) keep theirs; an erased account's entries lose its label.
 */
export async function anonymiseAudit(q: DbOrTx, who: { emails: string[]; userIds: string[] }, label: string): Promise<void> {
  const { emails, userIds } = who;
  // An erased account's own entries keep what was done, not who (the id no longer leads anywhere).
  if (userIds.length) await q.update(auditLog).set({ actorLabel: label }).where(inArray(auditLog.actorId, userIds));
  if (!emails.length) return;
  await q
    .update(auditLog)
    .set({ actorLabel: label })
    .where(and(isNull(auditLog.actorId), inArray(sql`lower(${auditLog.actorLabel})`, emails)));
  await q
    .update(auditLog)
    .set({ summary: label })
    .where(and(ne(auditLog.entityType, 'user'), inArray(sql`lower(${auditLog.summary})`, emails)));
}
