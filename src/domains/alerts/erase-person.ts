// What the alerts capability offers to the erasure of a person: their subscription, found by
// address, for the team to erase too when the person asks (eraseSubscriber does the erasing).
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { alertSubscribers } from './tables.ts';

export async function subscriberByEmail(db: DbOrTx, email: string): Promise<{ id: string; email: string } | null> {
  const [s] = await db.select({ id: alertSubscribers.id, email: alertSubscribers.email }).from(alertSubscribers).where(eq(sql`lower(${alertSubscribers.email})`, email.trim().toLowerCase())).limit(1);
  return s ?? null;
}
