// Test support for the ranked lists: a state no operation makes. Imported by tests only — not
// exported from index.ts, never reachable from the web or jobs.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { rankedCandidates } from './tables.ts';

/**
 * Links every candidate of a list to an existing case without touching the case (as candidates
 * proposed long ago, whose case has been quiet since): the desk does it only when it proposes
 * them, which is activity on the case. For the retention tests of the people who hold a candidacy.
 */
export async function linkCandidatesToCase(db: DbOrTx, listId: string, caseId: string): Promise<void> {
  await db.update(rankedCandidates).set({ caseId }).where(eq(rankedCandidates.listId, listId));
}
