// The entry points other capabilities use: find-or-create a person's case by email (one case per
// address; merged cases point to the one kept) and append to its timeline.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/index.ts';
import type { DbOrTx } from '../../db/client.ts';
import { cases, caseEvents, type CaseEventKind, type CaseSource, type CaseStage } from './tables.ts';

export type Case = typeof cases.$inferSelect;

export interface CasePerson {
  name: string;
  email?: string | null;
  phone?: string | null;
  locale?: 'it' | 'en';
  professionCode?: string | null;
  /** The team member who starts working with the person: becomes the case's assignee if it has none. */
  assigneeId?: string | null;
}

const norm = (e: string | null | undefined) => (e ? e.trim().toLowerCase() : null);

/**
 * The person's case: the open case with this email, else a new one (source = where they came
 * from). Safe under concurrency (unique index on the email of unmerged cases). Fills a missing
 * phone or profession on an existing case, never overwrites what the team typed.
 */
export async function ensureCase(tx: DbOrTx, person: CasePerson, source: CaseSource, actor: Actor, at: Date): Promise<Case> {
  const email = norm(person.email);
  if (email) {
    const [found] = await tx.select().from(cases).where(and(eq(cases.email, email), isNull(cases.mergedInto)));
    if (found) {
      if ((!found.phone && person.phone) || (!found.professionCode && person.professionCode) || (!found.assigneeId && person.assigneeId)) {
        const [u] = await tx
          .update(cases)
          .set({ phone: found.phone ?? person.phone ?? null, professionCode: found.professionCode ?? person.professionCode ?? null, assigneeId: found.assigneeId ?? person.assigneeId ?? null, updatedAt: at })
          .where(eq(cases.id, found.id))
          .returning();
        return u!;
      }
      return found;
    }
  }
  const [created] = await tx
    .insert(cases)
    .values({ name: person.name, email, phone: person.phone ?? null, locale: person.locale ?? 'it', professionCode: person.professionCode ?? null, assigneeId: person.assigneeId ?? null, source, createdAt: at, updatedAt: at })
    .onConflictDoNothing()
    .returning();
  if (!created) {
    // Created by a concurrent request between our read and insert.
    const [again] = await tx.select().from(cases).where(and(eq(cases.email, email!), isNull(cases.mergedInto)));
    return again!;
  }
  await addCaseEvent(tx, created.id, { kind: 'created', summary: `source:${source}` }, actor, at);
  return created;
}

export interface CaseEventInput {
  kind: CaseEventKind;
  /** Short line for the timeline; an i18n key with `:` data is fine (the page translates known kinds). */
  summary: string;
  body?: string | null;
  data?: Record<string, unknown>;
}

export async function addCaseEvent(tx: DbOrTx, caseId: string, e: CaseEventInput, actor: Actor, at: Date): Promise<void> {
  await tx.insert(caseEvents).values({ caseId, kind: e.kind, summary: e.summary, body: e.body ?? null, data: e.data ?? null, at, actorId: actor.id, actorLabel: actor.label });
  await tx.update(cases).set({ updatedAt: at }).where(eq(cases.id, caseId));
}

/**
 * Erasure of a lead reaches the case timeline: the events that copied what the lead wrote (its
 * message) go with it. The case itself stays: it is the team's record of the person.
 */
export async function forgetLeadInCases(tx: DbOrTx, leadId: string): Promise<void> {
  await tx.delete(caseEvents).where(sql`${caseEvents.data} ->> 'leadId' = ${leadId}`);
}

/** The way forward; 'lost' stands apart (reached from before an acceptance, left by any new step). */
const FORWARD: readonly CaseStage[] = ['interested', 'in_contact', 'offer', 'accepted', 'arrived', 'retained'];

/**
 * A stage change made by another capability (the desk, …), with changeStage's rules: 'lost' needs a
 * reason, 'arrived' stamps arrivedAt once. It only ever moves a case forward: someone who accepted,
 * arrived or stayed is not sent back to 'offer' or marked lost by a turn on another list; someone
 * lost who comes back moves on again. `cause` (an i18n key) says why, in the event's data.
 */
export async function advanceCaseStage(
  tx: DbOrTx,
  caseId: string,
  stage: CaseStage,
  actor: Actor,
  at: Date,
  opts: { cause: string; lostReason?: string | null },
): Promise<{ moved: boolean; case: Case | null }> {
  const lostReason = opts.lostReason?.trim() || null;
  if (stage === 'lost' && !lostReason) throw new Error('advanceCaseStage: a lost case needs a reason');
  let [c] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
  // A merged case only points to the one kept: the stage belongs there.
  if (c?.mergedInto) [c] = await tx.select().from(cases).where(eq(cases.id, c.mergedInto)).for('update');
  if (!c) return { moved: false, case: null };
  const from = c.stage;
  const forward =
    stage === 'lost'
      ? FORWARD.indexOf(from) >= 0 && FORWARD.indexOf(from) < FORWARD.indexOf('accepted')
      : from === 'lost' || FORWARD.indexOf(stage) > FORWARD.indexOf(from);
  if (!forward) return { moved: false, case: c };
  const [after] = await tx
    .update(cases)
    .set({ stage, lostReason: stage === 'lost' ? lostReason : null, arrivedAt: stage === 'arrived' ? (c.arrivedAt ?? at) : c.arrivedAt, updatedAt: at })
    .where(eq(cases.id, c.id))
    .returning();
  // The summary has the case page's from>to form, so the timeline names both stages.
  await addCaseEvent(tx, c.id, { kind: 'stage', summary: `${from}>${stage}`, body: stage === 'lost' ? lostReason : null, data: { from, to: stage, cause: opts.cause } }, actor, at);
  return { moved: true, case: after! };
}
