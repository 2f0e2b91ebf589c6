// Test support for the calls capability: the one read no page needs. Imported by tests only — not
// exported from index.ts, never reachable from the web or jobs.
import { and, count, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { importBatches } from '../../platform/import/index.ts';
import { callSpecialisations } from './tables.ts';

/** How many call imports are staged (pending or done): a preview with problems stages none. */
export async function stagedCallImports(db: DbOrTx): Promise<number> {
  const [r] = await db.select({ n: count() }).from(importBatches).where(eq(importBatches.kind, 'calls'));
  return Number(r?.n ?? 0);
}

/**
 * A call as saved before some relation edges existed: these admitted specialisations are not
 * stored with it (saving a call today stores every title the reference data admits).
 */
export async function forgetAdmittedSpecialisations(db: DbOrTx, callId: string, codes: string[]): Promise<void> {
  if (!codes.length) return;
  await db.delete(callSpecialisations).where(and(eq(callSpecialisations.callId, callId), inArray(callSpecialisations.specialisationCode, codes)));
}
