// Records who changed what and when; called by domain operations inside their transaction.
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { auditLog } from './tables.ts';

export interface Actor {
  /** A staff user id, `api:<tokenId>`, or `system`. */
  id: string | null;
  label: string;
  role: 'admin' | 'recruiter' | 'editor' | 'system' | 'anonymous';
  requestId?: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: 'system', role: 'system' };

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
