// Where a string still stands in the database, a table's rows read as text. The proof that erasing a person leaves no trace anywhere — which no domain query
// can give, since each domain only answers for its own tables.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../src/db/client.ts';

/** How many rows of `table` hold `needle` in any column (the row as text). */
export async function rowsHolding(db: DbOrTx, table: string, needle: string): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} t where t::text ilike ${'%' + needle.replace(/[\\%_]/g, (m) => `\\${m}`) + '%'}`);
  return Number((r as unknown as { rows: { n: number }[] }).rows[0]!.n);
}
