// Data minimisation of ranked lists past their validity: the list can no longer be used to hire, so
// the candidates' email, PEC and phone go; rank, name, score and what happened stay (the act and
// its outcome are kept under the agency's archival rules).
import { and, inArray, isNotNull, lte, ne, or } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../../platform/authz/index.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { audit } from '../../platform/audit/index.ts';
import { rankedCandidates, rankedLists } from './tables.ts';

/** Clears the contact details on lists whose validity ended; an offer still open keeps them until it ends. */
export async function minimiseExpiredLists(deps: Pick<DomainDeps, 'db' | 'now'>): Promise<number> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const expired = tx.select({ id: rankedLists.id }).from(rankedLists).where(and(isNotNull(rankedLists.validUntil), lte(rankedLists.validUntil, now)));
    const cleared = await tx
      .update(rankedCandidates)
      .set({ email: null, pec: null, phone: null, updatedAt: now })
      .where(
        and(
          inArray(rankedCandidates.listId, expired),
          ne(rankedCandidates.state, 'offered'),
          or(isNotNull(rankedCandidates.email), isNotNull(rankedCandidates.pec), isNotNull(rankedCandidates.phone)),
        ),
      )
      .returning({ listId: rankedCandidates.listId });
    const perList = new Map<string, number>();
    for (const c of cleared) perList.set(c.listId, (perList.get(c.listId) ?? 0) + 1);
    for (const [listId, n] of perList) await audit(tx, SYSTEM_ACTOR, { action: 'ranked_list.minimised', entityType: 'ranked_list', entityId: listId, summary: `contact details cleared: ${n}` });
    return cleared.length;
  });
}
