// Ranked lists of closed calls: create one (main or residents), add a candidate by hand, publish it
// (validity counted from publication), and read lists for the back office and for the public.
import { and, asc, count, desc, eq, gt, ilike, isNotNull, isNull, lte, notExists, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { audit } from '../../platform/audit/index.ts';
import { can, type Actor } from '../../platform/authz/index.ts';
import { err, forbidden, invalid, notFound, ok, type DomainError, type Result } from '../../platform/result.ts';
import { containsPattern, isUuid, paged, pageWindow, type Paged } from '../../platform/query.ts';
import { callState, closedWhere, calls } from '../calls/index.ts';
import { LIST_KINDS, listOpenings, rankedCandidates, rankedLists, type ListKind } from './tables.ts';
import { rankingRules } from './policy.ts';

export type RankedList = typeof rankedLists.$inferSelect;
export type RankedCandidate = typeof rankedCandidates.$inferSelect;

/** Validity of a published list when the act says nothing else: two years. */
export const DEFAULT_VALIDITY_MONTHS = 24;

export function addMonths(d: Date, months: number): Date {
  const r = new Date(d);
  r.setUTCMonth(r.getUTCMonth() + months);
  return r;
}

const listSchema = z.object({
  kind: z.enum(LIST_KINDS, { error: 'common.forms.invalid_choice' }),
  actRef: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(300, 'common.forms.too_long').optional()),
  approvedOn: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'common.forms.invalid_date').optional()),
  answerDays: z.coerce.number({ error: 'common.forms.invalid_number' }).int('common.forms.invalid_number').min(1, 'common.forms.invalid_number').max(60, 'common.forms.invalid_number').default(7),
  reminderDays: z.coerce.number({ error: 'common.forms.invalid_number' }).int('common.forms.invalid_number').min(0, 'common.forms.invalid_number').max(30, 'common.forms.invalid_number').default(2),
});
export type ListInput = z.input<typeof listSchema>;

function fieldErrors(e: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of e.issues) {
    const k = String(i.path[0] ?? '_form');
    out[k] ??= i.message.includes('.') ? i.message : 'common.forms.invalid_choice';
  }
  return out;
}

export interface CallSummary {
  id: string;
  slug: string;
  title: string;
  closed: boolean;
}

async function callSummary(q: DbOrTx, callId: string, now: Date): Promise<CallSummary | null> {
  if (!isUuid(callId)) return null;
  const [c] = await q.select().from(calls).where(eq(calls.id, callId));
  if (!c) return null;
  return { id: c.id, slug: c.slug, title: c.title, closed: callState(c, now) === 'closed' };
}

/** A call and its ranked lists, for the back office. */
export async function listsOfCall(deps: DomainDeps, actor: Actor, callId: string): Promise<Result<{ call: CallSummary; lists: (RankedList & { candidates: number })[] }>> {
  if (!can(actor, rankingRules.read)) return forbidden();
  const call = await callSummary(deps.db, callId, deps.now());
  if (!call) return notFound();
  const lists = await deps.db
    .select({ list: rankedLists, candidates: sql<number>`(select count(*)::int from ranked_candidates rc where rc.list_id = ${rankedLists.id})` })
    .from(rankedLists)
    .where(eq(rankedLists.callId, callId))
    .orderBy(asc(rankedLists.kind));
  return ok({ call, lists: lists.map((r) => ({ ...r.list, candidates: Number(r.candidates) })) });
}

/** A new (unpublished) list for a closed call; one per kind. */
export async function createList(deps: DomainDeps, actor: Actor, callId: string, raw: ListInput): Promise<Result<RankedList>> {
  if (!can(actor, rankingRules.manage)) return forbidden();
  const parsed = listSchema.safeParse(raw);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const input = parsed.data;
  if (input.reminderDays >= input.answerDays) return invalid({ reminderDays: 'rankings.errors.reminder_after_deadline' });
  return deps.db.transaction(async (tx): Promise<Result<RankedList>> => {
    const now = deps.now();
    const call = await callSummary(tx, callId, now);
    if (!call) return notFound();
    if (!call.closed) return err({ code: 'invalid_state', message: 'rankings.errors.call_not_closed' });
    const [list] = await tx
      .insert(rankedLists)
      .values({
        callId,
        kind: input.kind,
        title: call.title,
        actRef: input.actRef ?? null,
        approvedOn: input.approvedOn ?? null,
        answerDays: input.answerDays,
        reminderDays: input.reminderDays,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!list) return invalid({ kind: 'rankings.errors.kind_exists' });
    await audit(tx, actor, { action: 'ranked_list.created', entityType: 'ranked_list', entityId: list.id, summary: `${call.title} (${input.kind})` });
    return ok(list);
  });
}

export interface ListDetail {
  list: RankedList;
  call: CallSummary;
  candidates: RankedCandidate[];
  openPosts: number;
}

export async function loadList(q: DbOrTx, listId: string): Promise<RankedList | null> {
  if (!isUuid(listId)) return null;
  const [l] = await q.select().from(rankedLists).where(eq(rankedLists.id, listId));
  return l ?? null;
}

export async function getList(deps: DomainDeps, actor: Actor, listId: string): Promise<Result<ListDetail>> {
  if (!can(actor, rankingRules.read)) return forbidden();
  const list = await loadList(deps.db, listId);
  if (!list) return notFound();
  const call = (await callSummary(deps.db, list.callId, deps.now()))!;
  const candidates = await deps.db.select().from(rankedCandidates).where(eq(rankedCandidates.listId, listId)).orderBy(asc(rankedCandidates.rank));
  const [o] = await deps.db.select({ n: sql<number>`coalesce(sum(${listOpenings.posts}), 0)::int` }).from(listOpenings).where(eq(listOpenings.listId, listId));
  return ok({ list, call, candidates, openPosts: Number(o?.n ?? 0) });
}

export async function publishList(deps: DomainDeps, actor: Actor, listId: string): Promise<Result<RankedList>> {
  if (!can(actor, rankingRules.manage)) return forbidden();
  return deps.db.transaction(async (tx): Promise<Result<RankedList>> => {
    const list = await loadList(tx, listId);
    if (!list) return notFound();
    if (list.publishedAt) return err({ code: 'invalid_state', message: 'rankings.errors.already_published' });
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(rankedCandidates).where(eq(rankedCandidates.listId, listId));
    if (!Number(n)) return err({ code: 'invalid_state', message: 'rankings.errors.empty_list' });
    const now = deps.now();
    const [u] = await tx
      .update(rankedLists)
      .set({ publishedAt: now, validUntil: addMonths(now, DEFAULT_VALIDITY_MONTHS), updatedAt: now, version: sql`${rankedLists.version} + 1` })
      .where(eq(rankedLists.id, listId))
      .returning();
    await audit(tx, actor, { action: 'ranked_list.published', entityType: 'ranked_list', entityId: listId });
    return ok(u!);
  });
}

// ---------- the index of all lists ----------

export const LIST_INDEX_STATES = ['valid', 'expired', 'draft'] as const;
export type ListIndexState = (typeof LIST_INDEX_STATES)[number];
export const LISTS_PAGE_SIZE = 25;

export interface ListIndexItem {
  id: string;
  callId: string;
  callTitle: string;
  kind: ListKind;
  publishedAt: Date | null;
  validUntil: Date | null;
  openPosts: number;
  /** Candidates who had an offer, who accepted, who renounced (before or after an offer). */
  offered: number;
  accepted: number;
  renounced: number;
}

export interface ListIndex extends Paged<ListIndexItem> {
  /** Lists per state under the search (and all). */
  counts: Record<ListIndexState | 'all', number>;
  /** Closed calls that have no list yet: where a new list is made. */
  callsWithoutList: number;
}

function stateWhere(state: ListIndexState, now: Date): SQL {
  const L = rankedLists;
  if (state === 'draft') return isNull(L.publishedAt);
  if (state === 'expired') return and(isNotNull(L.publishedAt), lte(L.validUntil, now))!;
  return and(isNotNull(L.publishedAt), or(isNull(L.validUntil), gt(L.validUntil, now)))!;
}

const noListYet = notExists(sql`(select 1 from ranked_lists rl where rl.call_id = ${calls.id})`);

/** Every ranked list with its call, validity, open posts and how its offers went; filter, search, pages. */
export async function listRankedLists(deps: DomainDeps, actor: Actor, f: { state?: ListIndexState; q?: string; page?: number }): Promise<Result<ListIndex>> {
  if (!can(actor, rankingRules.read)) return forbidden();
  const now = deps.now();
  const L = rankedLists;
  const q = f.q?.trim().slice(0, 200);
  const base: SQL[] = q ? [ilike(calls.title, containsPattern(q))] : [];
  const where = f.state ? [...base, stateWhere(f.state, now)] : base;
  const page = Math.max(1, Math.min(f.page ?? 1, 10_000));
  const { limit, offset } = pageWindow(page, LISTS_PAGE_SIZE);
  const byState = (s: ListIndexState) =>
    deps.db
      .select({ n: count() })
      .from(L)
      .innerJoin(calls, eq(calls.id, L.callId))
      .where(and(...base, stateWhere(s, now)))
      .then((r) => Number(r[0]?.n ?? 0));
  const [rows, valid, expired, draft, [without]] = await Promise.all([
    deps.db
      .select({
        id: L.id,
        callId: L.callId,
        callTitle: calls.title,
        kind: L.kind,
        publishedAt: L.publishedAt,
        validUntil: L.validUntil,
        openPosts: sql<number>`(select coalesce(sum(lo.posts), 0)::int from list_openings lo where lo.list_id = ${L.id})`,
        offered: sql<number>`(select count(distinct o.candidate_id)::int from offers o where o.list_id = ${L.id})`,
        accepted: sql<number>`(select count(*)::int from ranked_candidates rc where rc.list_id = ${L.id} and rc.state = 'accepted')`,
        renounced: sql<number>`(select count(*)::int from ranked_candidates rc where rc.list_id = ${L.id} and rc.state = 'renounced')`,
      })
      .from(L)
      .innerJoin(calls, eq(calls.id, L.callId))
      .where(and(...where))
      .orderBy(desc(L.createdAt), asc(calls.title), asc(L.kind), asc(L.id))
      .limit(limit)
      .offset(offset),
    byState('valid'),
    byState('expired'),
    byState('draft'),
    deps.db.select({ n: count() }).from(calls).where(and(closedWhere(now), noListYet)),
  ]);
  const counts = { all: valid + expired + draft, valid, expired, draft };
  const total = f.state ? counts[f.state] : counts.all;
  const items = rows.map((r) => ({ ...r, openPosts: Number(r.openPosts), offered: Number(r.offered), accepted: Number(r.accepted), renounced: Number(r.renounced) }));
  return ok({ ...paged(items, total, page, LISTS_PAGE_SIZE), counts, callsWithoutList: Number(without?.n ?? 0) });
}

export interface CallWithoutList {
  id: string;
  title: string;
  deadline: Date | null;
  closedAt: Date | null;
  /** When the call closed: closed by hand before its deadline, or at the deadline. */
  closedOn: Date | null;
}

/** Closed calls with no ranked list yet, latest closed first, a page at a time. */
export async function closedCallsWithoutList(deps: DomainDeps, actor: Actor, f: { page?: number } = {}): Promise<Result<Paged<CallWithoutList>>> {
  if (!can(actor, rankingRules.read)) return forbidden();
  const now = deps.now();
  const page = Math.max(1, Math.min(f.page ?? 1, 10_000));
  const where = and(closedWhere(now), noListYet);
  const { limit, offset } = pageWindow(page, LISTS_PAGE_SIZE);
  const [rows, [t]] = await Promise.all([
    deps.db
      .select({ id: calls.id, title: calls.title, deadline: calls.deadline, closedAt: calls.closedAt })
      .from(calls)
      .where(where)
      .orderBy(sql`coalesce(${calls.closedAt}, ${calls.deadline}) desc nulls last`, asc(calls.id))
      .limit(limit)
      .offset(offset),
    deps.db.select({ n: count() }).from(calls).where(where),
  ]);
  const items = rows.map((x) => ({ ...x, closedOn: x.closedAt && (!x.deadline || x.closedAt < x.deadline) ? x.closedAt : x.deadline }));
  return ok(paged(items, Number(t?.n ?? 0), page, LISTS_PAGE_SIZE));
}

// ---------- candidates ----------

const yes = (v: unknown) => typeof v === 'string' && /^(s[iì]|yes|y|x|1|true|on)$/i.test(v.trim());
const emailRe = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface CandidateInput {
  rank: number;
  name: string;
  email: string | null;
  pec: string | null;
  phone: string | null;
  score: string | null;
  preference: boolean;
  reserve: boolean;
  locale: 'it' | 'en';
}

/** Checks one candidate's raw fields (from a form or a file row): field → i18n key of the problem. */
export function checkCandidate(raw: Record<string, string | undefined>): { value: CandidateInput | null; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const s = (k: string) => (raw[k] ?? '').trim();
  const rankText = s('rank');
  let rank = NaN;
  if (!rankText) problems.rank = 'common.forms.required';
  else if (/^\d{1,6}$/.test(rankText) && Number(rankText) > 0) rank = Number(rankText);
  else problems.rank = 'common.forms.invalid_number';
  const name = s('name');
  if (!name) problems.name = 'common.forms.required';
  else if (name.length > 200) problems.name = 'common.forms.too_long';
  const email = s('email').toLowerCase();
  if (email && (!emailRe.test(email) || email.length > 254)) problems.email = 'common.forms.invalid_email';
  const pec = s('pec').toLowerCase();
  if (pec && (!emailRe.test(pec) || pec.length > 254)) problems.pec = 'common.forms.invalid_email';
  const phone = s('phone');
  if (phone && !/^[+\d][\d\s./-]{3,30}$/.test(phone)) problems.phone = 'rankings.errors.invalid_phone';
  let score: string | null = null;
  const scoreText = s('score').replace(',', '.');
  if (scoreText) {
    if (/^\d{1,5}(\.\d{1,3})?$/.test(scoreText)) score = scoreText;
    else problems.score = 'common.forms.invalid_number';
  }
  const lang = s('language').toLowerCase();
  let locale: 'it' | 'en' = 'it';
  if (lang === 'en' || lang === 'english' || lang === 'inglese') locale = 'en';
  else if (lang && !['it', 'italiano', 'italian'].includes(lang)) problems.language = 'rankings.errors.invalid_language';
  if (Object.keys(problems).length) return { value: null, problems };
  return {
    value: { rank, name, email: email || null, pec: pec || null, phone: phone || null, score, preference: yes(raw.preference), reserve: yes(raw.reserve), locale },
    problems,
  };
}

/** Inserts candidates into an unpublished list, or none (a rank already taken refuses the lot). */
export async function insertCandidates(tx: DbOrTx, list: RankedList, rows: CandidateInput[], now: Date): Promise<Result<number, DomainError | { code: 'rank_taken'; rank: number }>> {
  const taken = new Set((await tx.select({ rank: rankedCandidates.rank }).from(rankedCandidates).where(eq(rankedCandidates.listId, list.id))).map((r) => r.rank));
  for (const r of rows) if (taken.has(r.rank)) return err({ code: 'rank_taken', rank: r.rank });
  if (rows.length) await tx.insert(rankedCandidates).values(rows.map((r) => ({ ...r, listId: list.id, createdAt: now, updatedAt: now })));
  return ok(rows.length);
}

export async function addCandidate(deps: DomainDeps, actor: Actor, listId: string, raw: Record<string, string | undefined>): Promise<Result<RankedCandidate>> {
  if (!can(actor, rankingRules.manage)) return forbidden();
  const checked = checkCandidate(raw);
  if (!checked.value) return invalid(checked.problems);
  const input = checked.value;
  return deps.db.transaction(async (tx): Promise<Result<RankedCandidate>> => {
    const list = await loadList(tx, listId);
    if (!list) return notFound();
    const now = deps.now();
    const r = await insertCandidates(tx, list, [input], now);
    if (!r.ok) return r.error.code === 'rank_taken' ? invalid({ rank: 'rankings.errors.rank_taken' }) : err(r.error as DomainError);
    const [c] = await tx.select().from(rankedCandidates).where(and(eq(rankedCandidates.listId, listId), eq(rankedCandidates.rank, input.rank)));
    await audit(tx, actor, { action: 'ranked_candidate.added', entityType: 'ranked_list', entityId: listId, summary: `#${input.rank}` });
    return ok(c!);
  });
}

// ---------- the public view ----------

/** What the law allows to publish: rank, name, score and the preference/reserve flags. Nothing else. */
export interface PublicCandidate {
  rank: number;
  name: string;
  score: string | null;
  preference: boolean;
  reserve: boolean;
}
export interface PublicList {
  id: string;
  kind: ListKind;
  actRef: string | null;
  approvedOn: string | null;
  publishedAt: Date;
  validUntil: Date | null;
  candidates: PublicCandidate[];
}

/** The published lists of a visible call, by its slug; null when the call is not public. */
export async function publicListsForCall(db: DbOrTx, slug: string, now: Date): Promise<{ call: { slug: string; title: string }; lists: PublicList[] } | null> {
  const [c] = await db.select().from(calls).where(and(eq(calls.slug, slug), eq(calls.status, 'published')));
  if (!c || (c.publishAt && c.publishAt > now)) return null;
  const lists = await db
    .select()
    .from(rankedLists)
    .where(and(eq(rankedLists.callId, c.id), isNotNull(rankedLists.publishedAt), sql`${rankedLists.publishedAt} <= ${now.toISOString()}::timestamptz`))
    .orderBy(asc(rankedLists.kind));
  const out: PublicList[] = [];
  for (const l of lists) {
    const candidates = await db
      .select({ rank: rankedCandidates.rank, name: rankedCandidates.name, score: rankedCandidates.score, preference: rankedCandidates.preference, reserve: rankedCandidates.reserve })
      .from(rankedCandidates)
      .where(eq(rankedCandidates.listId, l.id))
      .orderBy(asc(rankedCandidates.rank));
    out.push({ id: l.id, kind: l.kind, actRef: l.actRef, approvedOn: l.approvedOn, publishedAt: l.publishedAt!, validUntil: l.validUntil, candidates });
  }
  return { call: { slug: c.slug, title: c.title }, lists: out };
}
