// Bearer tokens for /api/v1. The secret is shown once at creation; only its SHA-256 is stored,
// so a database leak does not leak usable tokens. A token acts with the role chosen at creation.
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/index.ts';
import { can, type Actor, STAFF_ROLES, type StaffRole } from '../../platform/authz/index.ts';
import { f } from '../../platform/forms/index.ts';
import { isUuid } from '../../platform/query.ts';
import { forbidden, invalid, notFound, ok, type Result } from '../../platform/result.ts';
import type { AccountsDeps } from './deps.ts';
import { apiTokens, users } from './tables.ts';
import { accountRules } from './policy.ts';

const TOKEN_PREFIX = 'apd_';
const TOKEN_SHAPE = /^apd_[A-Za-z0-9_-]{43}$/;
// Writing last_used_at on every request would turn each API read into a write.
const LAST_USED_RESOLUTION_MS = 60_000;

export const newTokenSchema = z.object({
  name: f.text(100),
  role: f.choice(STAFF_ROLES),
});
export type NewToken = z.input<typeof newTokenSchema>;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  role: StaffRole;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdByEmail: string | null;
}

export async function createApiToken(
  deps: AccountsDeps,
  actor: Actor,
  input: NewToken,
): Promise<Result<{ id: string; name: string; secret: string }>> {
  if (!can(actor, accountRules.manageApiTokens)) return forbidden();
  const parsed = newTokenSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const i of parsed.error.issues) fields[String(i.path[0] ?? '_form')] ??= i.message.includes('.') ? i.message : 'common.forms.invalid_choice';
    return invalid(fields);
  }
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const { name, role } = parsed.data;
  const createdBy = actor.id && !actor.id.startsWith('api:') ? actor.id : null;
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ name, role, prefix: secret.slice(0, 12), tokenHash: sha256(secret), createdBy, createdAt: deps.now() })
      .returning({ id: apiTokens.id });
    await audit(tx, actor, { action: 'api_token.create', entityType: 'api_token', entityId: row.id, summary: `${name} (${role})`, changes: { name, role } });
    return row.id;
  });
  return ok({ id, name, secret });
}

export async function revokeApiToken(deps: AccountsDeps, actor: Actor, id: string): Promise<Result<void>> {
  if (!can(actor, accountRules.manageApiTokens)) return forbidden();
  if (!isUuid(id)) return notFound();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.id, id)).for('update');
    if (!row) return notFound();
    if (row.revokedAt) return ok(undefined);
    await tx.update(apiTokens).set({ revokedAt: deps.now() }).where(eq(apiTokens.id, id));
    await audit(tx, actor, { action: 'api_token.revoke', entityType: 'api_token', entityId: id, summary: row.name });
    return ok(undefined);
  });
}

export async function listApiTokens(deps: AccountsDeps, actor: Actor): Promise<Result<ApiTokenRow[]>> {
  if (!can(actor, accountRules.manageApiTokens)) return forbidden();
  const rows = await deps.db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      role: apiTokens.role,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      createdByEmail: users.email,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .orderBy(desc(apiTokens.createdAt));
  return ok(rows);
}

/** The actor an `Authorization: Bearer …` value stands for, or null when unknown or revoked. */
export async function verifyBearer(deps: AccountsDeps, token: string, requestId?: string): Promise<Actor | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const { db } = deps;
  const [row] = await db
    .select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  const now = deps.now();
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, row.id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS))),
      ),
    );
  return { id: `api:${row.id}`, label: `api:${row.name}`, role: row.role, memberships: [], requestId };
}
