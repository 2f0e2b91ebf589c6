// The ranked lists' figures: how fast the desk moves from a list's publication to the first
// contact, to the answer and to an acceptance, how offers end and why people renounce — overall,
// per list and per team member, over the lists published in an optional date range.
import { and, eq, gte, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { can, type Actor } from '../../platform/authz/index.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { fromRomeLocal } from '../../platform/i18n/format.ts';
import { forbidden, invalid, ok, type Result } from '../../platform/result.ts';
import { isUuid } from '../../platform/query.ts';
import { users } from '../accounts/index.ts';
import { contactAttempts, offers, rankedCandidates, rankedLists, RENUNCIATION_REASONS, type RenunciationReason } from './tables.ts';
import { rankingRules } from './policy.ts';

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
  /** Candidates who said no before any offer (on the phone, or never answering). */
  renouncedBeforeOffer: number;
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
  /** Renunciations (of offers and before one) by reason, every reason listed (zero included), share of all renunciations. */
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
  state: string;
  closedReason: string | null;
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
  // Turns closed before an offer: their outcome and reason are on the candidate.
  const withOffer = new Set(offerRows.map((o) => o.candidateId));
  const early = candidates.filter((c) => !withOffer.has(c.id));
  const renouncedEarly = early.filter((c) => c.state === 'renounced');
  const renouncedRows = [...offerRows.filter((x) => x.outcome === 'renounced').map((o) => o.reason), ...renouncedEarly.map((c) => c.closedReason)];
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
    renouncedBeforeOffer: renouncedEarly.length,
    expired: count('expired'),
    notEligible: count('not_eligible') + early.filter((c) => c.state === 'not_eligible').length,
    open: offerRows.filter((x) => !x.outcome).length,
    acceptanceRate: rate(accepted, answered),
    renunciationRate: rate(renounced, answered),
    toFirstContact: durations(candidates.filter((c) => c.firstContactAt).map((c) => daysBetween(pub(c.listId), c.firstContactAt!))),
    toAnswer: durations(answeredRows.map((o) => daysBetween(pub(o.listId), o.answeredAt!))),
    toAcceptance: durations(answeredRows.filter((o) => o.outcome === 'accepted').map((o) => daysBetween(pub(o.listId), o.answeredAt!))),
    reasons: REASON_KEYS.map((reason) => {
      const n = renouncedRows.filter((r) => (r && (RENUNCIATION_REASONS as readonly string[]).includes(r) ? r : 'unspecified') === reason).length;
      return { reason, count: n, share: rate(n, renouncedRows.length) };
    }),
  };
}


/** The figures of the published lists (filtered), overall, per list and per team member. */
export async function rankingFigures(deps: Pick<DomainDeps, 'db'>, actor: Actor, filter: FigureFilter = {}): Promise<Result<FiguresReport>> {
  if (!can(actor, rankingRules.read)) return forbidden();
  const db = deps.db;
  const L = rankedLists;
  // A list or member that does not exist is a mistake to say at the field, not an empty report.
  const unknown: Record<string, string> = {};
  if (filter.listId) {
    const [l] = isUuid(filter.listId) ? await db.select({ id: L.id }).from(L).where(and(eq(L.id, filter.listId), isNotNull(L.publishedAt))) : [];
    if (!l) unknown.lista = 'figures.errors.unknown_list';
  }
  if (filter.memberId) {
    const id = filter.memberId;
    // Someone who left the team still has figures: their id lives on in the desk's rows.
    const known =
      (await db.select({ id: users.id }).from(users).where(eq(users.id, id))).length ||
      (await db.select({ id: rankedCandidates.id }).from(rankedCandidates).where(eq(rankedCandidates.handledBy, id)).limit(1)).length ||
      (await db.select({ id: offers.id }).from(offers).where(eq(offers.byId, id)).limit(1)).length;
    if (!known) unknown.membro = 'figures.errors.unknown_member';
  }
  if (Object.keys(unknown).length) return invalid(unknown);
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
        .select({ id: C.id, listId: C.listId, proposedAt: C.proposedAt, firstContactAt: C.firstContactAt, handledBy: C.handledBy, state: C.state, closedReason: C.closedReason })
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

/** The filter form's raw query values, named as in the page's URL. */
export interface FigureQuery {
  lista?: string;
  membro?: string;
  dal?: string;
  al?: string;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day as YYYY-MM-DD (2019-02-30 is not one), else null. */
function calendarDay(v: string): [number, number, number] | null {
  const m = DAY_RE.exec(v);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d && y >= 2000 && y <= 2100 ? [y, mo, d] : null;
}

/**
 * The filter from the page's query: days in Europe/Rome, "until" a day including that whole day.
 * Anything malformed is an error at its field (keyed by the query name), never silently dropped.
 */
export function parseFigureQuery(q: FigureQuery): Result<FigureFilter> {
  const errors: Record<string, string> = {};
  const filter: FigureFilter = {};
  const lista = q.lista?.trim();
  if (lista) {
    if (isUuid(lista)) filter.listId = lista.toLowerCase();
    else errors.lista = 'figures.errors.unknown_list';
  }
  const membro = q.membro?.trim();
  if (membro) {
    if (/^[\w-]{1,100}$/.test(membro)) filter.memberId = membro;
    else errors.membro = 'figures.errors.unknown_member';
  }
  const dal = q.dal?.trim();
  if (dal) {
    const day = calendarDay(dal);
    if (day) filter.from = fromRomeLocal(dal) ?? undefined;
    if (!filter.from) errors.dal = 'figures.errors.bad_date';
  }
  const al = q.al?.trim();
  if (al) {
    const day = calendarDay(al);
    const next = day ? new Date(Date.UTC(day[0], day[1] - 1, day[2] + 1)).toISOString().slice(0, 10) : null;
    if (next) filter.to = fromRomeLocal(next) ?? undefined;
    if (!filter.to) errors.al = 'figures.errors.bad_date';
  }
  if (filter.from && filter.to && filter.from >= filter.to) errors.al = 'figures.errors.range';
  return Object.keys(errors).length ? invalid(errors) : ok(filter);
}
