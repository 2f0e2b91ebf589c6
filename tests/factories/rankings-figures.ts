// Ranked lists, candidates, contacts and offers inserted directly, and one scenario whose figures
// are known by hand (medians, rates, reasons) for the figures tests and the journey. The desk's
// history is written as it stands at known times, not replayed through the desk: its operations
// propose the next candidate on every renunciation and need a published list, which would change
// the figures counted by hand (and a draft list's work, left out of them, could not exist). The
// desk's staff are real accounts made by createUser.
import type { Db } from '../../src/db/client.ts';
import type { DomainDeps } from '../../src/platform/domain-deps.ts';
import type { AccountsDeps } from '../../src/domains/accounts/index.ts';
import { buildStaffUser as buildAccount } from './accounts.ts';
import {
  contactAttempts,
  offers,
  rankedCandidates,
  rankedLists,
  type CandidateState,
  type OfferOutcome,
  type RenunciationReason,
} from '../../src/domains/rankings/tables.ts';
import { buildCall } from './index.ts';

const DAY = 86_400_000;

/** A recruiter of the desk, made by createUser. */
export async function buildStaffUser(deps: AccountsDeps, name: string) {
  return buildAccount(deps, { role: 'recruiter', name });
}

export async function buildRankedList(deps: DomainDeps, over: { title: string; publishedAt: Date | null }) {
  const call = await buildCall(deps, { title: over.title });
  const [list] = await deps.db.insert(rankedLists).values({ callId: call.id, title: over.title, publishedAt: over.publishedAt }).returning();
  return list;
}

export interface CandidateSpec {
  rank: number;
  name?: string;
  state?: CandidateState;
  proposedAt?: Date | null;
  firstContactAt?: Date | null;
  handledBy?: string | null;
  /** Contact attempts (the earliest counts when firstContactAt is not set). */
  attempts?: Date[];
  /** A turn closed before any offer (state renounced or not_eligible): its reason. */
  closedReason?: RenunciationReason | null;
  offer?: { sentAt: Date; outcome: OfferOutcome | null; reason?: RenunciationReason | null; answeredAt?: Date | null; byId?: string | null };
}

export async function buildRankedCandidate(db: Db, listId: string, s: CandidateSpec) {
  const [c] = await db
    .insert(rankedCandidates)
    .values({
      listId,
      rank: s.rank,
      name: s.name ?? `Candidato ${s.rank}`,
      state: s.state ?? (s.offer?.outcome ?? (s.offer ? 'offered' : s.proposedAt ? 'proposed' : 'waiting')),
      proposedAt: s.proposedAt ?? null,
      firstContactAt: s.firstContactAt ?? null,
      handledBy: s.handledBy ?? null,
      closedReason: s.closedReason ?? null,
    })
    .returning();
  for (const at of s.attempts ?? []) await db.insert(contactAttempts).values({ candidateId: c.id, channel: 'phone', outcome: 'reached', at, byId: s.handledBy ?? null, byLabel: 'test' });
  if (s.offer) {
    await db.insert(offers).values({
      candidateId: c.id,
      listId,
      sentAt: s.offer.sentAt,
      deadline: new Date(s.offer.sentAt.getTime() + 7 * DAY),
      outcome: s.offer.outcome,
      reason: s.offer.reason ?? null,
      answeredAt: s.offer.answeredAt ?? null,
      byId: s.offer.byId ?? null,
    });
  }
  return c;
}

/**
 * Two published lists and one draft, worked by Anna and Bruno. Known answers (days from publication):
 * overall first contact [1,2,3,4,6,8] → median 3.5, p90 8; answer [3,4,5,8,10] → median 5, p90 10;
 * acceptance [3,4] → median 3.5, p90 4; 2 accepted, 3 renounced (housing 2, pay 1), 1 expired.
 */
export async function figuresScenario(deps: DomainDeps & AccountsDeps, opts: { published?: Date } = {}) {
  const db = deps.db;
  const P = opts.published ?? new Date('2026-03-02T09:00:00Z');
  const Q = new Date(P.getTime() + 30 * DAY);
  const at = (base: Date, days: number) => new Date(base.getTime() + days * DAY);
  const anna = await buildStaffUser(deps, 'Anna Desk');
  const bruno = await buildStaffUser(deps, 'Bruno Desk');
  const listA = await buildRankedList(deps, { title: 'Graduatoria Medicina interna', publishedAt: P });
  const listB = await buildRankedList(deps, { title: 'Graduatoria Geriatria', publishedAt: Q });
  const draft = await buildRankedList(deps, { title: 'Graduatoria non pubblicata', publishedAt: null });
  const A = listA.id;
  await buildRankedCandidate(db, A, { rank: 1, proposedAt: at(P, 1), firstContactAt: at(P, 2), handledBy: anna.id, offer: { sentAt: at(P, 2), outcome: 'accepted', answeredAt: at(P, 4), byId: anna.id } });
  await buildRankedCandidate(db, A, { rank: 2, proposedAt: at(P, 1), firstContactAt: at(P, 4), handledBy: anna.id, offer: { sentAt: at(P, 4), outcome: 'renounced', reason: 'housing', answeredAt: at(P, 10), byId: anna.id } });
  await buildRankedCandidate(db, A, { rank: 3, proposedAt: at(P, 1), firstContactAt: at(P, 6), handledBy: bruno.id, offer: { sentAt: at(P, 6), outcome: 'renounced', reason: 'housing', answeredAt: at(P, 8), byId: bruno.id } });
  // First contact known only from the attempts log.
  await buildRankedCandidate(db, A, { rank: 4, proposedAt: at(P, 1), attempts: [at(P, 9), at(P, 8)], handledBy: bruno.id, offer: { sentAt: at(P, 8), outcome: 'expired', byId: bruno.id } });
  await buildRankedCandidate(db, A, { rank: 5, proposedAt: at(P, 2), handledBy: bruno.id });
  await buildRankedCandidate(db, A, { rank: 6 });
  await buildRankedCandidate(db, listB.id, { rank: 1, proposedAt: at(Q, 0.5), firstContactAt: at(Q, 1), handledBy: anna.id, offer: { sentAt: at(Q, 1), outcome: 'accepted', answeredAt: at(Q, 3), byId: anna.id } });
  await buildRankedCandidate(db, listB.id, { rank: 2, proposedAt: at(Q, 0.5), firstContactAt: at(Q, 3), handledBy: anna.id, offer: { sentAt: at(Q, 3), outcome: 'renounced', reason: 'pay', answeredAt: at(Q, 5), byId: anna.id } });
  // Work on a list never published has no publication to measure from: it is left out.
  await buildRankedCandidate(db, draft.id, { rank: 1, proposedAt: at(P, 1), firstContactAt: at(P, 1), handledBy: anna.id });
  return { P, Q, anna, bruno, listA, listB, draft };
}
