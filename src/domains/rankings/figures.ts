// The ranked lists' figures: how fast the desk moves from a list's publication to the first
// contact, to the answer and to an acceptance, how offers end and why people renounce — overall,
// per list and per team member, over the lists published in an optional date range.
import { and, gte, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/audit/index.ts';
import { authorize } from '../../platform/authz/index.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { forbidden, ok, type Result } from '../../platform/result.ts';
import { users } from '../accounts/tables.ts';
import { contactAttempts, offers, rankedCandidates, rankedLists, RENUNCIATION_REASONS, type RenunciationReason } from './tables.ts';
import './policy.ts';

const DAY_MS = 86_400_000;

export interface FigureFilter {
  listId?: string;
  /** A staff user id: only the candidates they handle and the offers they sent. */
  memberId?: string;
  /** Lists published from this instant (inclusive)… */
  from?: Date;
  /** …to this instant (exclusive). */
  to?: Date;
}

/** A distribution of durations in days: how many, the median and the 90th percentile. */
export interface Durations {
  count: number;
  median: number | null;
  p90: number | null;
}

export type ReasonKey = RenunciationReason | 'unspecified';
export const REASON_KEYS: readonly ReasonKey[] = [...RENUNCIATION_REASONS, 'unspecified'];

export interface Figures {
  proposed: number;
  contacted: number;
  offered: number;
  offers: number;
  /** Offers the candidate answered: accepted plus renounced. */
  answered: number;
  accepted: number;
  renounced: number;
  expired: number;
  notEligible: number;
  /** Still waiting for an answer. */
  open: number;
  /** Of answered offers, 0–1; null when none was answered. */
  acceptanceRate: number | null;
  renunciationRate: number | null;
  toFirstContact: Durations;
  toAnswer: Durations;
  toAcceptance: Durations;
  /** Renounced offers by reason, every reason listed (zero included), share of the renounced. */
  reasons: { reason: ReasonKey; count: number; share: number | null }[];
}

export interface ListFigures extends Figures {
  listId: string;
  title: string;
  publishedAt: Date;
}

export interface MemberFigures extends Figures {
  memberId: string;
  /** Null when the user no longer exists. */
  name: string | null;
}

export interface FiguresReport {
  filter: FigureFilter;
  overall: Figures;
  lists: ListFigures[];
  members: MemberFigures[];
  /** Every list and team member that has figures (ignoring the list and member filters), for the filter form. */
  choices: { lists: { id: string; title: string }[]; members: { id: string; name: string | null }[] };
}

/** Median (mean of the two middle values for an even count) and 90th percentile (nearest rank), in days to one decimal. */
export function durations(days: number[]): Durations {
  const xs = days.filter((d) => Number.isFinite(d)).sort((a, b) => a - b);
  const n = xs.length;
  if (!n) return { count: 0, median: null, p90: null };
  const median = n % 2 ? xs[(n - 1) / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
  const p90 = xs[Math.ceil(0.9 * n) - 1];
  const d1 = (x: number) => Math.round(x * 10) / 10;
  return { count: n, median: d1(median), p90: d1(p90) };
}

interface CandidateRow {
  id: string;
  listId: string;
  proposedAt: Date | null;
  firstContactAt: Date | null;
  handledBy: string | null;
}
interface OfferRow {
  candidateId: string;
  listId: string;
  outcome: string | null;
  reason: string | null;
  answeredAt: Date | null;
  byId: string | null;
}

const daysBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY_MS;
const rate = (part: number, whole: number) => (whole ? part / whole : null);

function compute(published: Map<string, Date>, candidates: CandidateRow[], offerRows: OfferRow[]): Figures {
  const pub = (listId: string) => published.get(listId)!;
  const count = (o: string) => offerRows.filter((x) => x.outcome === o).length;
  const accepted = count('accepted');
  const renounced = count('renounced');
  const answered = accepted + renounced;
  const renouncedRows = offerRows.filter((x) => x.outcome === 'renounced');
  const answeredRows = offerRows.filter((x) => (x.outcome === 'accepted' || x.outcome === 'renounced') && x.answeredAt);
  return {
    // A candidate contacted or offered was proposed, even if the desk skipped the "proposed" step.
    proposed: candidates.filter((c) => c.proposedAt || c.firstContactAt).length,
    contacted: candidates.filter((c) => c.firstContactAt).length,
    offered: new Set(offerRows.map((o) => o.candidateId)).size,
    offers: offerRows.length,
    answered,
    accepted,
    renounced,
    expired: count('expired'),
    notEligible: count('not_eligible'),
    open: offerRows.filter((x) => !x.outcome).length,
    acceptanceRate: rate(accepted, answered),
    renunciationRate: rate(renounced, answered),
    toFirstContact: durations(candidates.filter((c) => c.firstContactAt).map((c) => daysBetween(pub(c.listId), c.firstContactAt!))),
    toAnswer: durations(answeredRows.map((o) => daysBetween(pub(o.listId), o.answeredAt!))),
    toAcceptance: durations(answeredRows.filter((o) => o.outcome === 'accepted').map((o) => daysBetween(pub(o.listId), o.answeredAt!))),
    reasons: REASON_KEYS.map((reason) => {
      const n = renouncedRows.filter((o) => (o.reason && (RENUNCIATION_REASONS as readonly string[]).includes(o.reason) ? o.reason : 'unspecified') === reason).length;
      return { reason, count: n, share: rate(n, renouncedRows.length) };
    }),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The figures of the published lists (filtered), overall, per list and per team member. */
export async function rankingFigures(deps: Pick<DomainDeps, 'db'>, actor: Actor, filter: FigureFilter = {}): Promise<Result<FiguresReport>> {
  if (!authorize(actor, 'rankings.read')) return forbidden();
  const db = deps.db;
  const L = rankedLists;
  const listWhere: SQL[] = [isNotNull(L.publishedAt)];
  if (filter.from) listWhere.push(gte(L.publishedAt, filter.from));
  if (filter.to) listWhere.push(lt(L.publishedAt, filter.to));
  const allLists = await db
    .select({ id: L.id, title: L.title, publishedAt: L.publishedAt })
    .from(L)
    .where(and(...listWhere))
    .orderBy(L.publishedAt, L.title);
  const listIds = allLists.map((l) => l.id);

  const C = rankedCandidates;
  const allCandidates: CandidateRow[] = listIds.length
    ? await db
        .select({ id: C.id, listId: C.listId, proposedAt: C.proposedAt, firstContactAt: C.firstContactAt, handledBy: C.handledBy })
        .from(C)
        .where(and(inArray(C.listId, listIds), or(isNotNull(C.proposedAt), isNotNull(C.firstContactAt), isNotNull(C.handledBy))))
    : [];
  // A contact logged without the candidate's first-contact mark still counts, from its earliest attempt.
  const unmarked = allCandidates.filter((c) => !c.firstContactAt).map((c) => c.id);
  if (unmarked.length) {
    const A = contactAttempts;
    const firsts = await db
      .select({ candidateId: A.candidateId, at: sql<Date | string>`min(${A.at})` })
      .from(A)
      .where(inArray(A.candidateId, unmarked))
      .groupBy(A.candidateId);
    const byId = new Map(firsts.map((f) => [f.candidateId, new Date(f.at)]));
    for (const c of allCandidates) if (!c.firstContactAt && byId.has(c.id)) c.firstContactAt = byId.get(c.id)!;
  }
  const O = offers;
  const allOffers: OfferRow[] = listIds.length
    ? await db
        .select({ candidateId: O.candidateId, listId: O.listId, outcome: O.outcome, reason: O.reason, answeredAt: O.answeredAt, byId: O.byId })
        .from(O)
        .where(inArray(O.listId, listIds))
    : [];

  const memberIds = [...new Set([...allCandidates.map((c) => c.handledBy), ...allOffers.map((o) => o.byId)].filter((x): x is string => !!x))];
  const names = new Map<string, string>();
  if (memberIds.length) for (const u of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, memberIds))) names.set(u.id, u.name);
  const members = memberIds.map((id) => ({ id, name: names.get(id) ?? null })).sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff', 'it') || a.id.localeCompare(b.id));
  const choices = { lists: allLists.map((l) => ({ id: l.id, title: l.title })), members };

  // The list and member filters narrow everything below; the choices stay whole so the form can widen again.
  const inList = (x: { listId: string }) => !filter.listId || x.listId === filter.listId;
  const candidates = allCandidates.filter((c) => inList(c) && (!filter.memberId || c.handledBy === filter.memberId));
  const offerRows = allOffers.filter((o) => inList(o) && (!filter.memberId || o.byId === filter.memberId));
  const published = new Map(allLists.map((l) => [l.id, l.publishedAt!]));

  const lists = allLists
    .filter((l) => !filter.listId || l.id === filter.listId)
    .map((l) => ({ listId: l.id, title: l.title, publishedAt: l.publishedAt!, ...compute(published, candidates.filter((c) => c.listId === l.id), offerRows.filter((o) => o.listId === l.id)) }));
  const memberFigures = members
    .filter((m) => !filter.memberId || m.id === filter.memberId)
    .map((m) => ({ memberId: m.id, name: m.name, ...compute(published, candidates.filter((c) => c.handledBy === m.id), offerRows.filter((o) => o.byId === m.id)) }))
    .filter((m) => m.proposed || m.offers);
  return ok({ filter, overall: compute(published, candidates, offerRows), lists, members: memberFigures, choices });
}

/** The filter from a query string's raw values; anything malformed is dropped, never echoed. */
export function figureFilter(raw: { list?: string; member?: string; from?: Date | null; to?: Date | null }): FigureFilter {
  return {
    listId: raw.list && UUID.test(raw.list) ? raw.list : undefined,
    memberId: raw.member && /^[\w-]{1,100}$/.test(raw.member) ? raw.member : undefined,
    from: raw.from ?? undefined,
    to: raw.to ?? undefined,
  };
}

