// Memberships: what a person is in an organisation of the network or a community group. The
// capability that owns the scope (partners, groups…) grants and revokes them through these
// operations; the session loads them once per request into the actor.
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import type { Actor, Membership, ScopeKind } from '../../platform/authz/index.ts';
import type { AccountsDeps } from './deps.ts';
import { memberships, users } from './tables.ts';

export async function membershipsOf(db: DbOrTx, userId: string): Promise<Membership[]> {
  const rows = await db.select({ scope: memberships.scope, id: memberships.scopeId, role: memberships.role }).from(memberships).where(eq(memberships.userId, userId)).orderBy(asc(memberships.createdAt));
  return rows;
}

/** Gives (or changes) a person's role in a scope. The caller has authorized the actor. */
export async function grantMembership(tx: DbOrTx, actor: Actor, m: { userId: string; scope: ScopeKind; scopeId: string; role: string }, at: Date): Promise<void> {
  await tx
    .insert(memberships)
    .values({ userId: m.userId, scope: m.scope, scopeId: m.scopeId, role: m.role, createdBy: actor.id, createdAt: at })
    .onConflictDoUpdate({ target: [memberships.userId, memberships.scope, memberships.scopeId], set: { role: m.role } });
  await audit(tx, actor, { action: 'membership.granted', entityType: m.scope, entityId: m.scopeId, summary: m.role, changes: { userId: m.userId, role: m.role } });
}

/** Ends a person's membership of a scope; returns whether there was one. */
export async function revokeMembership(tx: DbOrTx, actor: Actor, m: { userId: string; scope: ScopeKind; scopeId: string }): Promise<boolean> {
  const gone = await tx
    .delete(memberships)
    .where(and(eq(memberships.userId, m.userId), eq(memberships.scope, m.scope), eq(memberships.scopeId, m.scopeId)))
    .returning({ id: memberships.id });
  if (gone.length) await audit(tx, actor, { action: 'membership.revoked', entityType: m.scope, entityId: m.scopeId, changes: { userId: m.userId } });
  return gone.length > 0;
}

/**
 * The account of a person of the network (no staff role), found by address or created without a
 * password: they sign in with a link by mail. The capability inviting them has authorized the actor.
 */
export async function ensureAccount(
  deps: Pick<AccountsDeps, 'auth'>,
  tx: DbOrTx,
  actor: Actor,
  person: { name: string; email: string; locale?: 'it' | 'en' },
  at: Date,
): Promise<{ id: string; created: boolean }> {
  const email = person.email.trim().toLowerCase();
  const [found] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (found) return { id: found.id, created: false };
  const ctx = await deps.auth.$context;
  const id = ctx.generateId({ model: 'user' }) || randomUUID();
  await tx.insert(users).values({ id, name: person.name, email, role: null, locale: person.locale ?? 'it', emailVerified: false, createdAt: at, updatedAt: at });
  await audit(tx, actor, { action: 'account.created', entityType: 'user', entityId: id, summary: 'network account' });
  return { id, created: true };
}
