// Test support for the organisations capability: a state no operation makes. Imported by tests
// only — not exported from index.ts, never reachable from the web or jobs.
import type { DbOrTx } from '../../db/client.ts';
import { organisations } from './tables.ts';

/**
 * Writes a second host straight into the table, past ensureHostOrganisation (which only ever
 * returns the one host), as a bug or a hand edit would: the table's partial unique index must
 * refuse it, so this rejects.
 */
export async function storeAnotherHost(db: DbOrTx): Promise<void> {
  await db.insert(organisations).values({ name: 'Second host', slug: 'second-host', kind: 'health_agency', isHost: true });
}
