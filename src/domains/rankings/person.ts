// What the ranked lists hold of a person: candidacies, contact attempts and offers. Erasure deletes
// none of them: a candidacy on a ranked list is an administrative act the agency must keep (GDPR
// art. 17(3)(b); the list is valid only whole). They are unlinked from the erased case, and the mails
// already sent about them go; an offer's mail still to be sent goes out. Also: re-pointing
// candidacies when cases merge.
import { and, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { countMail, forgetMail, mailsTo } from '../../platform/mail/index.ts';
import type { Hooks, PersonalData } from '../../platform/manifest.ts';
import { countAll } from '../../platform/query.ts';
import { rankingMailKey } from './mails.ts';
import { contactAttempts, offers, rankedCandidates, rankedLists } from './tables.ts';

/** The keys of the kept offers' mails: those still to be sent must go out after the erasure. */
async function offerMailKeys(db: DbOrTx, caseIds: string[]): Promise<string[]> {
  if (!caseIds.length) return [];
  const rows = await db
    .select({ id: offers.id })
    .from(offers)
    .innerJoin(rankedCandidates, eq(rankedCandidates.id, offers.candidateId))
    .where(inArray(rankedCandidates.caseId, caseIds));
  return rows.flatMap((o) => [rankingMailKey('ranking-offer', o.id).key, rankingMailKey('ranking-offer-reminder', o.id).key]);
}

export const rankingsPersonalData: PersonalData = {
  async count(q, person) {
    const caseIds = person.refs.cases ?? [];
    const [r] = caseIds.length ? await q.select({ n: countAll() }).from(rankedCandidates).where(inArray(rankedCandidates.caseId, caseIds)) : [{ n: 0 }];
    return { erase: { mails: await countMail(q, 'rankings', person.emails) }, keep: { candidacies: Number(r?.n ?? 0) } };
  },
  async export(q, person) {
    const caseIds = person.refs.cases ?? [];
    if (!caseIds.length) return { candidacies: [], contacts: [], offers: [], mails: await mailsTo(q, 'rankings', person.emails) };
    const candidacies = await q.select().from(rankedCandidates).where(inArray(rankedCandidates.caseId, caseIds));
    const ids = candidacies.map((c) => c.id);
    return {
      candidacies,
      contacts: ids.length ? await q.select().from(contactAttempts).where(inArray(contactAttempts.candidateId, ids)) : [],
      offers: ids.length ? await q.select().from(offers).where(inArray(offers.candidateId, ids)) : [],
      mails: await mailsTo(q, 'rankings', person.emails),
    };
  },
  async erase(tx, person, { now }) {
    const caseIds = person.refs.cases ?? [];
    const keep = await offerMailKeys(tx, caseIds);
    // Sent mails go; an offer's mail (or reminder) still waiting is sent after the erasure.
    const mails = await forgetMail(tx, 'rankings', { to: person.emails, except: keep });
    const pendingKept = keep.length ? await forgetMail(tx, 'rankings', { keys: keep, statuses: ['sent', 'stored'] }) : 0;
    const unlinked = caseIds.length
      ? (await tx.update(rankedCandidates).set({ caseId: null, updatedAt: now }).where(inArray(rankedCandidates.caseId, caseIds)).returning({ id: rankedCandidates.id })).length
      : 0;
    return { mails: mails + pendingKept, unlinked };
  },
  async activeSince(q, person, _since, now) {
    const caseIds = person.refs.cases ?? [];
    if (!caseIds.length) return false;
    // A candidacy on a list still valid (not yet published, or before its expiry) keeps the person.
    const [row] = await q
      .select({ id: rankedCandidates.id })
      .from(rankedCandidates)
      .innerJoin(rankedLists, eq(rankedLists.id, rankedCandidates.listId))
      .where(and(inArray(rankedCandidates.caseId, caseIds), or(isNull(rankedLists.validUntil), gt(rankedLists.validUntil, now))))
      .limit(1);
    return !!row;
  },
};

export const rankingHooks: Hooks = {
  async 'cases.merged'(tx, { from, into }) {
    await tx.update(rankedCandidates).set({ caseId: into }).where(inArray(rankedCandidates.caseId, from));
  },
};
