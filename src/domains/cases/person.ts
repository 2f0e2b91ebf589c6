// What the cases domain holds of a person, for their export and erasure (src/domains/people): the
// case and the cases merged into it (pointers that still hold a name and an address), its timeline
// and tasks. The case is the person's identity across capabilities: it resolves them first and is
// erased last. Also the quiet cases the retention rule looks at.
import { and, asc, eq, gt, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { PersonalData, PersonCounts, PersonRef } from '../../platform/manifest.ts';
import { countAll, isUuid } from '../../platform/query.ts';
import { caseEvents, caseTasks, cases, type CaseStage } from './tables.ts';

declare module '../../platform/manifest.ts' {
  interface PersonRefs {
    /** The person's cases: the open one and those merged into it. */
    cases?: string[];
  }
  interface HookMap {
    /** Cases `from` were merged into `into`: re-point every reference to them, in the merge's transaction. */
    'cases.merged': { from: string[]; into: string };
  }
}

/** An open case (not merged away): who the erasure page names. */
export async function caseSummary(q: DbOrTx, id: string, opts: { lock: boolean }): Promise<{ id: string; name: string; email: string | null; stage: CaseStage } | null> {
  if (!isUuid(id)) return null;
  const base = q.select({ id: cases.id, name: cases.name, email: cases.email, stage: cases.stage }).from(cases).where(and(eq(cases.id, id), isNull(cases.mergedInto)));
  const [k] = opts.lock ? await base.for('update') : await base;
  return k ?? null;
}

const ids = (p: PersonRef) => p.refs.cases ?? [];
const NONE: PersonCounts = {};

export const casesPersonalData: PersonalData = {
  // The case holds the identity everything else points to: it goes last.
  order: 100,
  async resolve(q, person, opts) {
    const known = ids(person).filter(isUuid);
    const byEmail = person.emails.length ? inArray(cases.email, person.emails) : undefined;
    const byId = known.length ? inArray(cases.id, known) : undefined;
    if (!byEmail && !byId) return {};
    const openQ = q.select({ id: cases.id, email: cases.email }).from(cases).where(and(isNull(cases.mergedInto), or(byEmail, byId))).orderBy(asc(cases.id));
    const open = opts.lock ? await openQ.for('update') : await openQ;
    if (!open.length) return {};
    // mergeCases re-points older pointers to the kept case, so one level is the whole family.
    const pointers = await q.select({ id: cases.id, email: cases.email }).from(cases).where(inArray(cases.mergedInto, open.map((o) => o.id))).orderBy(asc(cases.id));
    const all = [...open, ...pointers];
    return { emails: all.map((c) => c.email).filter((e): e is string => !!e), refs: { cases: all.map((c) => c.id) } };
  },
  async count(q, person) {
    const list = ids(person);
    if (!list.length) return { erase: NONE };
    const [[k], [e], [t]] = await Promise.all([
      q.select({ n: countAll() }).from(cases).where(inArray(cases.id, list)),
      q.select({ n: countAll() }).from(caseEvents).where(inArray(caseEvents.caseId, list)),
      q.select({ n: countAll() }).from(caseTasks).where(inArray(caseTasks.caseId, list)),
    ]);
    return { erase: { cases: Number(k?.n ?? 0), events: Number(e?.n ?? 0), tasks: Number(t?.n ?? 0) } };
  },
  async export(q, person) {
    const list = ids(person);
    if (!list.length) return { cases: [], events: [], tasks: [] };
    return {
      cases: await q.select().from(cases).where(inArray(cases.id, list)).orderBy(asc(cases.createdAt)),
      events: await q.select().from(caseEvents).where(inArray(caseEvents.caseId, list)).orderBy(asc(caseEvents.at)),
      tasks: await q.select().from(caseTasks).where(inArray(caseTasks.caseId, list)).orderBy(asc(caseTasks.createdAt)),
    };
  },
  async erase(tx, person) {
    const list = ids(person);
    if (!list.length) return NONE;
    const events = await tx.delete(caseEvents).where(inArray(caseEvents.caseId, list)).returning({ id: caseEvents.id });
    const tasks = await tx.delete(caseTasks).where(inArray(caseTasks.caseId, list)).returning({ id: caseTasks.id });
    const gone = await tx.delete(cases).where(inArray(cases.id, list)).returning({ id: cases.id });
    return { cases: gone.length, events: events.length, tasks: tasks.length };
  },
  async activeSince(q, person, since) {
    const list = ids(person);
    if (!list.length) return false;
    const [row] = await q
      .select({ id: cases.id })
      .from(cases)
      .where(and(inArray(cases.id, list), or(gte(cases.updatedAt, since), gte(cases.createdAt, since))))
      .limit(1);
    return !!row;
  },
};

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
