// Test support for the accounts capability: the reads and states no page or operation gives.
// Imported by tests only — not exported from index.ts, never reachable from the web or jobs.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { apiTokens, sessions, verifications } from './tables.ts';

/** An API token as stored (its hash and prefix), to show that the secret itself is not kept. */
export async function storedApiToken(db: DbOrTx, id: string) {
  const [t] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return t ?? null;
}

/**
 * Sessions and verification tokens (password resets, sign-in links) expiring when told: the auth
 * library writes them with its own clock, which a test cannot set, so the purge's tests make them here.
 */
export async function addExpiringAuthRecords(
  db: DbOrTx,
  userId: string,
  r: { sessions?: { id: string; token: string; expiresAt: Date }[]; verifications?: { id: string; identifier: string; expiresAt: Date }[] },
): Promise<void> {
  if (r.sessions?.length) await db.insert(sessions).values(r.sessions.map((s) => ({ ...s, userId })));
  if (r.verifications?.length) await db.insert(verifications).values(r.verifications.map((v) => ({ ...v, value: userId })));
}

/** The ids of a user's sessions. */
export async function sessionIdsOf(db: DbOrTx, userId: string): Promise<string[]> {
  return (await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId))).map((r) => r.id);
}

/** The ids of every verification token still stored. */
export async function verificationIds(db: DbOrTx): Promise<string[]> {
  return (await db.select({ id: verifications.id }).from(verifications)).map((r) => r.id);
}
