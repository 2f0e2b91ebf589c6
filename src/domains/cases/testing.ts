// Test support for the cases capability: the one read no page needs. Imported by tests only — not
// exported from index.ts, never reachable from the web or jobs.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { cases } from './tables.ts';

/**
 * A case row as stored, merged away or not (getCase answers a merged case with only the case it
 * points to): what a test reads to see that a merged case itself was left alone.
 */
export async function storedCase(db: DbOrTx, id: string) {
  const [c] = await db.select().from(cases).where(eq(cases.id, id));
  return c ?? null;
}
