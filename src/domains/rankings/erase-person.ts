// What the ranked lists contribute to erasing a person: nothing is deleted. A candidacy on a ranked
// list is an administrative act the agency must keep (GDPR art. 17(3)(b), and the list stays valid
// only whole): candidacies, contact attempts and offers stay, unlinked from the erased case.
import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { offers, rankedCandidates, rankedLists } from './tables.ts';

export async function countCandidaciesOfCases(db: DbOrTx, caseIds: string[]): Promise<number> {
  if (!caseIds.length) return 0;
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(rankedCandidates).where(inArray(rankedCandidates.caseId, caseIds));
  return Number(r?.n ?? 0);
}

/** The keys of the mails of the kept offers: those still to be sent must go out after the erasure. */
export async function offerMailKeysOfCases(db: DbOrTx, caseIds: string[]): Promise<string[]> {
  if (!caseIds.length) return [];
  const rows = await db
    .select({ id: offers.id })
    .from(offers)
    .innerJoin(rankedCandidates, eq(rankedCandidates.id, offers.candidateId))
    .where(inArray(rankedCandidates.caseId, caseIds));
  return rows.flatMap((o) => [`ranking-offer:${o.id}`, `ranking-offer-reminder:${o.id}`]);
}

export async function unlinkCandidaciesFromCases(tx: DbOrTx, caseIds: string[], now: Date): Promise<number> {
  if (!caseIds.length) return 0;
  const rows = await tx.update(rankedCandidates).set({ caseId: null, updatedAt: now }).where(inArray(rankedCandidates.caseId, caseIds)).returning({ id: rankedCandidates.id });
  return rows.length;
}

/** Cases with a candidacy on a list still valid (not yet published, or before its expiry). */
export async function casesWithLiveCandidacies(db: DbOrTx, caseIds: string[], now: Date): Promise<Set<string>> {
  if (!caseIds.length) return new Set();
  const rows = await db
    .selectDistinct({ caseId: rankedCandidates.caseId })
    .from(rankedCandidates)
    .innerJoin(rankedLists, eq(rankedLists.id, rankedCandidates.listId))
    .where(and(inArray(rankedCandidates.caseId, caseIds), or(isNull(rankedLists.validUntil), gt(rankedLists.validUntil, now))));
  return new Set(rows.map((r) => r.caseId!));
}
