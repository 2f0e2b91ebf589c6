// What the cases domain contributes to erasing a person: the case with the pointers of cases merged
// into it (they still hold a name and an address), its timeline and tasks, and the quiet cases the
// retention rule looks at. The orchestration lives in src/domains/people (see ADR 008).
import { and, asc, eq, gt, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { caseEvents, caseTasks, cases } from './tables.ts';
import type { Case } from './timeline.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface CaseErasureScope {
  case: Case;
  /** The case and every case merged into it (directly or through earlier merges). */
  caseIds: string[];
  /** Lower-cased addresses of all those cases. */
  emails: string[];
}

/** The open case and the pointers merged into it, locked; null when there is no such open case. */
export async function caseErasureScope(tx: DbOrTx, id: string, opts: { lock: boolean }): Promise<CaseErasureScope | null> {
  if (!UUID.test(id)) return null;
  const q = tx.select().from(cases).where(and(eq(cases.id, id), isNull(cases.mergedInto)));
  const [k] = opts.lock ? await q.for('update') : await q;
  if (!k) return null;
  // mergeCases re-points older pointers to the kept case, so one level is the whole family.
  const pointers = await tx.select({ id: cases.id, email: cases.email }).from(cases).where(eq(cases.mergedInto, id)).orderBy(asc(cases.id));
  const emails = [...new Set([k.email, ...pointers.map((p) => p.email)].filter((e): e is string => !!e).map((e) => e.trim().toLowerCase()))];
  return { case: k, caseIds: [id, ...pointers.map((p) => p.id)], emails };
}

export async function countCaseRows(db: DbOrTx, caseIds: string[]): Promise<{ events: number; tasks: number }> {
  const [[e], [t]] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(caseEvents).where(inArray(caseEvents.caseId, caseIds)),
    db.select({ n: sql<number>`count(*)::int` }).from(caseTasks).where(inArray(caseTasks.caseId, caseIds)),
  ]);
  return { events: Number(e?.n ?? 0), tasks: Number(t?.n ?? 0) };
}

/** Deletes the cases with their timeline and tasks; returns how many of each went. */
export async function deleteCases(tx: DbOrTx, caseIds: string[]): Promise<{ cases: number; events: number; tasks: number }> {
  const events = await tx.delete(caseEvents).where(inArray(caseEvents.caseId, caseIds)).returning({ id: caseEvents.id });
  const tasks = await tx.delete(caseTasks).where(inArray(caseTasks.caseId, caseIds)).returning({ id: caseTasks.id });
  const gone = await tx.delete(cases).where(inArray(cases.id, caseIds)).returning({ id: cases.id });
  return { cases: gone.length, events: events.length, tasks: tasks.length };
}

/**
 * Open cases with nothing of their own since `since`: not updated (every timeline event updates
 * the case), no event, and no task created, done or due since then. Other capabilities then say
 * whether they still hold something live for them. Keyset-paged by id.
 */
export async function quietCases(db: DbOrTx, since: Date, afterId: string | null, limit: number): Promise<{ id: string; email: string | null }[]> {
  const recentEvent = sql`exists (select 1 from ${caseEvents} where ${caseEvents.caseId} = ${cases.id} and ${caseEvents.at} >= ${since.toISOString()}::timestamptz)`;
  const recentTask = sql`exists (select 1 from ${caseTasks} where ${caseTasks.caseId} = ${cases.id} and (${caseTasks.createdAt} >= ${since.toISOString()}::timestamptz or ${caseTasks.doneAt} >= ${since.toISOString()}::timestamptz or ${caseTasks.dueAt} >= ${since.toISOString()}::timestamptz))`;
  return db
    .select({ id: cases.id, email: cases.email })
    .from(cases)
    .where(and(isNull(cases.mergedInto), lt(cases.updatedAt, since), lt(cases.createdAt, since), sql`not ${recentEvent}`, sql`not ${recentTask}`, afterId ? gt(cases.id, afterId) : undefined))
    .orderBy(asc(cases.id))
    .limit(limit);
}

/** Whether a case (or a pointer merged into it) changed since `since`: used to re-check under lock. */
export async function caseTouchedSince(db: DbOrTx, caseIds: string[], since: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(inArray(cases.id, caseIds), or(gte(cases.updatedAt, since), gte(cases.createdAt, since))))
    .limit(1);
  return !!row;
}
