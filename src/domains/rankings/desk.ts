// The desk that works a published list down (scorrimento): open N posts, propose waiting candidates
// in rank order, log contact attempts, make offers with a deadline, record outcomes (a renunciation
// or ineligibility also before any offer); every renunciation, expiry or ineligibility proposes the
// next candidate so the open posts stay filled. The person's case moves through the cases domain.
import { and, asc, desc, eq, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { audit } from '../../platform/audit/index.ts';
import { can, SYSTEM_ACTOR, type Actor } from '../../platform/authz/index.ts';
import { err, forbidden, invalid, notFound, ok, type Result } from '../../platform/result.ts';
import { isUuid } from '../../platform/query.ts';
import { addCaseEvent, advanceCaseStage, ensureCase } from '../cases/index.ts';
import { DEFAULT_LOCALE, t } from '../../platform/i18n/index.ts';
import { calls } from '../calls/index.ts';
import {
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  contactAttempts,
  listOpenings,
  offers,
  OFFER_OUTCOMES,
  rankedCandidates,
  rankedLists,
  RENUNCIATION_REASONS,
} from './tables.ts';
import { loadList, type RankedCandidate, type RankedList } from './lists.ts';
import { offerMail, reminderMail } from './mails.ts';
import { rankingRules } from './policy.ts';

const DAY_MS = 86_400_000;
/** Candidates holding or working towards a post: they count against the open posts. */
const HOLDING = ['proposed', 'offered', 'accepted'] as const;

export type Offer = typeof offers.$inferSelect;
export type ContactAttempt = typeof contactAttempts.$inferSelect;

function zodErrors(e: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of e.issues) out[String(i.path[0] ?? '_form')] ??= i.message.includes('.') ? i.message : 'common.forms.invalid_choice';
  return out;
}

/** Before an offer, "no answer" is a renunciation only after this many logged contact attempts. */
export const NO_ANSWER_ATTEMPTS = 3;

/** Proposes waiting candidates in rank order until the list's open posts are all taken. */
export async function fillOpenings(tx: DbOrTx, list: RankedList, actor: Actor, now: Date): Promise<RankedCandidate[]> {
  const [{ posts }] = await tx.select({ posts: sql<number>`coalesce(sum(${listOpenings.posts}), 0)::int` }).from(listOpenings).where(eq(listOpenings.listId, list.id));
  const [{ holding }] = await tx
    .select({ holding: sql<number>`count(*)::int` })
    .from(rankedCandidates)
    .where(and(eq(rankedCandidates.listId, list.id), inArray(rankedCandidates.state, [...HOLDING])));
  const need = Number(posts) - Number(holding);
  if (need <= 0) return [];
  const next = await tx
    .select()
    .from(rankedCandidates)
    .where(and(eq(rankedCandidates.listId, list.id), eq(rankedCandidates.state, 'waiting')))
    .orderBy(asc(rankedCandidates.rank))
    .limit(need)
    .for('update');
  const out: RankedCandidate[] = [];
  // The case learns the call's profession and, when a team member opened the posts, who follows it.
  const [call] = next.length ? await tx.select({ professionCode: calls.professionCode }).from(calls).where(eq(calls.id, list.callId)) : [];
  for (const c of next) {
    const kase = await ensureCase(tx, { name: c.name, email: c.email ?? c.pec, phone: c.phone, locale: c.locale, professionCode: call?.professionCode ?? null, assigneeId: actor.id }, 'ranked_list', actor, now);
    const [u] = await tx
      .update(rankedCandidates)
      .set({ state: 'proposed', proposedAt: now, caseId: kase.id, handledBy: actor.id, updatedAt: now })
      .where(eq(rankedCandidates.id, c.id))
      .returning();
    await addCaseEvent(tx, kase.id, { kind: 'note', summary: 'rankings.case.proposed', data: { listId: list.id, candidateId: c.id, rank: c.rank } }, actor, now);
    await audit(tx, actor, { action: 'ranked_candidate.proposed', entityType: 'ranked_candidate', entityId: c.id, summary: `#${c.rank}` });
    out.push(u!);
  }
  return out;
}

const openingSchema = z.object({
  posts: z.coerce.number({ error: 'common.forms.invalid_number' }).int('common.forms.invalid_number').min(1, 'common.forms.invalid_number').max(500, 'common.forms.invalid_number'),
  note: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(500, 'common.forms.too_long').optional()),
});

/** "Open N posts": records the opening and proposes the next candidates in rank order. */
export async function openPosts(deps: DomainDeps, actor: Actor, listId: string, raw: { posts?: unknown; note?: unknown }): Promise<Result<{ proposed: RankedCandidate[] }>> {
  if (!can(actor, rankingRules.desk)) return forbidden();
  const parsed = openingSchema.safeParse(raw);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  return deps.db.transaction(async (tx): Promise<Result<{ proposed: RankedCandidate[] }>> => {
    const [list] = isUuid(listId) ? await tx.select().from(rankedLists).where(eq(rankedLists.id, listId)).for('update') : [];
    if (!list) return notFound();
    const now = deps.now();
    if (!list.publishedAt) return err({ code: 'invalid_state', message: 'rankings.errors.not_published' });
    if (list.validUntil && list.validUntil <= now) return err({ code: 'invalid_state', message: 'rankings.errors.list_expired' });
    await tx.insert(listOpenings).values({ listId, posts: parsed.data.posts, note: parsed.data.note ?? null, openedBy: actor.id, openedAt: now });
    await audit(tx, actor, { action: 'ranked_list.posts_opened', entityType: 'ranked_list', entityId: listId, summary: String(parsed.data.posts) });
    return ok({ proposed: await fillOpenings(tx, list, actor, now) });
  });
}

// ---------- one candidate ----------

export interface CandidateDetail {
  candidate: RankedCandidate;
  list: RankedList;
  callTitle: string;
  attempts: ContactAttempt[];
  offers: Offer[];
}

export async function getCandidate(deps: DomainDeps, actor: Actor, candidateId: string): Promise<Result<CandidateDetail>> {
  if (!can(actor, rankingRules.read)) return forbidden();
  if (!isUuid(candidateId)) return notFound();
  const [candidate] = await deps.db.select().from(rankedCandidates).where(eq(rankedCandidates.id, candidateId));
  if (!candidate) return notFound();
  const list = (await loadList(deps.db, candidate.listId))!;
  const [call] = await deps.db.select({ title: calls.title }).from(calls).where(eq(calls.id, list.callId));
  const [attempts, offs] = await Promise.all([
    deps.db.select().from(contactAttempts).where(eq(contactAttempts.candidateId, candidateId)).orderBy(desc(contactAttempts.at)),
    deps.db.select().from(offers).where(eq(offers.candidateId, candidateId)).orderBy(desc(offers.sentAt)),
  ]);
  return ok({ candidate, list, callTitle: call?.title ?? '', attempts, offers: offs });
}

async function lockCandidate(tx: DbOrTx, candidateId: string) {
  if (!isUuid(candidateId)) return null;
  const [c] = await tx.select().from(rankedCandidates).where(eq(rankedCandidates.id, candidateId)).for('update');
  return c ?? null;
}

const contactSchema = z.object({
  channel: z.enum(CONTACT_CHANNELS, { error: 'common.forms.invalid_choice' }),
  outcome: z.enum(CONTACT_OUTCOMES, { error: 'common.forms.invalid_choice' }),
  notes: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(2000, 'common.forms.too_long').optional()),
});

export async function logContact(deps: DomainDeps, actor: Actor, candidateId: string, raw: Record<string, unknown>): Promise<Result<ContactAttempt>> {
  if (!can(actor, rankingRules.desk)) return forbidden();
  const parsed = contactSchema.safeParse(raw);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  return deps.db.transaction(async (tx): Promise<Result<ContactAttempt>> => {
    const c = await lockCandidate(tx, candidateId);
    if (!c) return notFound();
    if (c.state !== 'proposed' && c.state !== 'offered') return err({ code: 'invalid_state', message: 'rankings.errors.not_in_progress' });
    const now = deps.now();
    const [a] = await tx
      .insert(contactAttempts)
      .values({ candidateId, channel: parsed.data.channel, outcome: parsed.data.outcome, notes: parsed.data.notes ?? null, at: now, byId: actor.id, byLabel: actor.label })
      .returning();
    await tx
      .update(rankedCandidates)
      .set({ firstContactAt: c.firstContactAt ?? now, handledBy: c.handledBy ?? actor.id, updatedAt: now })
      .where(eq(rankedCandidates.id, candidateId));
    if (c.caseId) {
      await addCaseEvent(tx, c.caseId, { kind: parsed.data.channel === 'phone' ? 'call' : 'mail', summary: `rankings.case.contact`, body: parsed.data.notes ?? null, data: { ...parsed.data } }, actor, now);
      if (!c.firstContactAt) await advanceCaseStage(tx, c.caseId, 'in_contact', actor, now, { cause: 'rankings.case.in_contact' });
    }
    await audit(tx, actor, { action: 'ranked_candidate.contacted', entityType: 'ranked_candidate', entityId: candidateId, summary: `${parsed.data.channel}:${parsed.data.outcome}` });
    return ok(a!);
  });
}

/** An offer with the list's answer deadline; its mail is queued in the candidate's language. */
export async function makeOffer(deps: DomainDeps, actor: Actor, candidateId: string): Promise<Result<Offer>> {
  if (!can(actor, rankingRules.desk)) return forbidden();
  return deps.db.transaction(async (tx): Promise<Result<Offer>> => {
    const c = await lockCandidate(tx, candidateId);
    if (!c) return notFound();
    if (c.state !== 'proposed') return err({ code: 'invalid_state', message: 'rankings.errors.not_proposed' });
    const list = (await loadList(tx, c.listId))!;
    const [call] = await tx.select({ title: calls.title }).from(calls).where(eq(calls.id, list.callId));
    const now = deps.now();
    const deadline = new Date(now.getTime() + list.answerDays * DAY_MS);
    const reminderAt = list.reminderDays > 0 ? new Date(deadline.getTime() - list.reminderDays * DAY_MS) : null;
    const [offer] = await tx
      .insert(offers)
      .values({ candidateId, listId: list.id, sentAt: now, deadline, reminderAt: reminderAt && reminderAt > now ? reminderAt : null, byId: actor.id, createdAt: now })
      .returning();
    await tx
      .update(rankedCandidates)
      .set({ state: 'offered', firstContactAt: c.firstContactAt ?? now, handledBy: c.handledBy ?? actor.id, updatedAt: now })
      .where(eq(rankedCandidates.id, candidateId));
    const to = c.email ?? c.pec;
    if (to) await deps.mailer.queue(offerMail({ offerId: offer!.id, to, name: c.name, locale: c.locale, callTitle: call?.title ?? list.title, rank: c.rank, deadline }), tx);
    if (c.caseId) {
      await addCaseEvent(tx, c.caseId, { kind: 'offer', summary: 'rankings.case.offer', data: { offerId: offer!.id, deadline: deadline.toISOString() } }, actor, now);
      await advanceCaseStage(tx, c.caseId, 'offer', actor, now, { cause: 'rankings.case.stage_offer' });
    }
    await audit(tx, actor, { action: 'offer.made', entityType: 'ranked_candidate', entityId: candidateId, summary: deadline.toISOString() });
    return ok(offer!);
  });
}

const outcomeSchema = z
  .object({
    outcome: z.enum(OFFER_OUTCOMES, { error: 'common.forms.invalid_choice' }),
    reason: z.preprocess((v) => (v === '' ? undefined : v), z.enum(RENUNCIATION_REASONS, { error: 'common.forms.invalid_choice' }).optional()),
    reasonText: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(2000, 'common.forms.too_long').optional()),
  })
  .refine((v) => v.outcome !== 'renounced' || !!v.reason, { path: ['reason'], message: 'rankings.errors.reason_required' });
export type OutcomeInput = z.input<typeof outcomeSchema>;

/** Closes a candidate's turn; anything but an acceptance proposes the next waiting candidate. */
export async function recordOutcome(deps: DomainDeps, actor: Actor, candidateId: string, raw: Record<string, unknown>): Promise<Result<{ candidate: RankedCandidate; proposed: RankedCandidate[] }>> {
  if (!can(actor, rankingRules.desk)) return forbidden();
  const parsed = outcomeSchema.safeParse(raw);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const input = parsed.data;
  return deps.db.transaction(async (tx) => {
    const c = await lockCandidate(tx, candidateId);
    if (!c) return notFound();
    // Accepting or letting an offer expire needs an offer; a candidate may say no, or be found not
    // eligible, already when first contacted.
    const early = c.state === 'proposed';
    const allowed = c.state === 'offered' || (early && (input.outcome === 'renounced' || input.outcome === 'not_eligible'));
    if (!allowed) return err({ code: 'invalid_state', message: c.state === 'proposed' ? 'rankings.errors.needs_offer' : 'rankings.errors.no_open_offer' });
    if (early && input.outcome === 'renounced' && input.reason === 'no_answer') {
      const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(contactAttempts).where(eq(contactAttempts.candidateId, c.id));
      if (Number(n) < NO_ANSWER_ATTEMPTS) return invalid({ reason: 'rankings.errors.no_answer_attempts' });
    }
    const now = deps.now();
    return ok(await closeTurn(tx, c, input, actor, now));
  });
}

async function closeTurn(
  tx: DbOrTx,
  c: RankedCandidate,
  input: { outcome: (typeof OFFER_OUTCOMES)[number]; reason?: (typeof RENUNCIATION_REASONS)[number]; reasonText?: string },
  actor: Actor,
  now: Date,
): Promise<{ candidate: RankedCandidate; proposed: RankedCandidate[] }> {
  const reason = input.outcome === 'renounced' ? input.reason! : null;
  const answered = await tx
    .update(offers)
    .set({ outcome: input.outcome, reason, reasonText: input.reasonText ?? null, answeredAt: now })
    .where(and(eq(offers.candidateId, c.id), isNull(offers.outcome)))
    .returning({ id: offers.id });
  // Without an offer the turn's reason lives on the candidate (the figures count it from there).
  const early = answered.length === 0;
  const [u] = await tx
    .update(rankedCandidates)
    .set({ state: input.outcome, closedReason: reason, closedText: input.reasonText ?? null, closedAt: now, firstContactAt: c.firstContactAt ?? (early && input.outcome === 'renounced' ? now : null), handledBy: c.handledBy ?? actor.id, updatedAt: now })
    .where(eq(rankedCandidates.id, c.id))
    .returning();
  if (c.caseId) {
    const summary = early ? `rankings.case.early_${input.outcome}` : `rankings.case.outcome_${input.outcome}`;
    await addCaseEvent(tx, c.caseId, { kind: early ? 'call' : 'offer', summary, body: input.reasonText ?? null, data: { ...input, candidateId: c.id, listId: c.listId } }, actor, now);
    if (input.outcome === 'accepted') await advanceCaseStage(tx, c.caseId, 'accepted', actor, now, { cause: 'rankings.case.stage_accepted' });
    else if (!(await otherTurns(tx, c))) await advanceCaseStage(tx, c.caseId, 'lost', actor, now, { cause: 'rankings.case.stage_lost', lostReason: lostReasonText(input) });
  }
  await audit(tx, actor, { action: early ? `ranked_candidate.${input.outcome}` : `offer.${input.outcome}`, entityType: 'ranked_candidate', entityId: c.id, summary: input.reason });
  const list = (await loadList(tx, c.listId))!;
  const proposed = input.outcome === 'accepted' ? [] : await fillOpenings(tx, list, actor, now);
  return { candidate: u!, proposed };
}

/** The same person working towards a post on another list is not lost because this turn ended. */
async function otherTurns(tx: DbOrTx, c: RankedCandidate): Promise<boolean> {
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(rankedCandidates)
    .where(and(eq(rankedCandidates.caseId, c.caseId!), ne(rankedCandidates.id, c.id), inArray(rankedCandidates.state, [...HOLDING])));
  return Number(n) > 0;
}

/** The case's lost reason is the team's record, written in the agency's language. */
function lostReasonText(input: { outcome: (typeof OFFER_OUTCOMES)[number]; reason?: (typeof RENUNCIATION_REASONS)[number]; reasonText?: string }): string {
  const head = input.outcome === 'renounced' && input.reason ? t(DEFAULT_LOCALE, `rankings.reasons.${input.reason}`) : t(DEFAULT_LOCALE, `rankings.outcomes.${input.outcome}`);
  return input.reasonText ? `${head}: ${input.reasonText}` : head;
}

// ---------- the sweep (cron) ----------

/** Sends due reminders (once per offer) and expires offers past their deadline, proposing the next. */
export async function sweepOffers(deps: DomainDeps): Promise<{ reminded: number; expired: number }> {
  const now = deps.now();
  let reminded = 0;
  let expired = 0;
  const due = await deps.db
    .select({ id: offers.id })
    .from(offers)
    .where(and(isNull(offers.outcome), isNull(offers.reminderSentAt), lte(offers.reminderAt, now), sql`${offers.deadline} > ${now.toISOString()}::timestamptz`));
  for (const { id } of due) {
    await deps.db.transaction(async (tx) => {
      const [o] = await tx.select().from(offers).where(and(eq(offers.id, id), isNull(offers.reminderSentAt), isNull(offers.outcome))).for('update');
      if (!o) return;
      const [c] = await tx.select().from(rankedCandidates).where(eq(rankedCandidates.id, o.candidateId));
      const list = (await loadList(tx, o.listId))!;
      const [call] = await tx.select({ title: calls.title }).from(calls).where(eq(calls.id, list.callId));
      const to = c!.email ?? c!.pec;
      if (to) await deps.mailer.queue(reminderMail({ offerId: o.id, to, name: c!.name, locale: c!.locale, callTitle: call?.title ?? list.title, rank: c!.rank, deadline: o.deadline }), tx);
      await tx.update(offers).set({ reminderSentAt: now }).where(eq(offers.id, o.id));
      if (c!.caseId) await addCaseEvent(tx, c!.caseId, { kind: 'mail', summary: 'rankings.case.reminder', data: { offerId: o.id } }, SYSTEM_ACTOR, now);
      await audit(tx, SYSTEM_ACTOR, { action: 'offer.reminded', entityType: 'ranked_candidate', entityId: o.candidateId });
      reminded++;
    });
  }
  const late = await deps.db.select({ id: offers.id }).from(offers).where(and(isNull(offers.outcome), lte(offers.deadline, now)));
  for (const { id } of late) {
    await deps.db.transaction(async (tx) => {
      const [o] = await tx.select().from(offers).where(and(eq(offers.id, id), isNull(offers.outcome))).for('update');
      if (!o) return;
      const c = await lockCandidate(tx, o.candidateId);
      if (!c || c.state !== 'offered') return;
      await closeTurn(tx, c, { outcome: 'expired' }, SYSTEM_ACTOR, now);
      expired++;
    });
  }
  return { reminded, expired };
}
