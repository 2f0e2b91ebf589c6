// Test data builders for staff accounts: a user made by createUser (as the admin page does), and
// users and API tokens read back as the admin pages read them (getUser, getUserByEmail, listApiTokens).
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../src/platform/authz/index.ts';
import { SYSTEM_ACTOR } from '../../src/platform/authz/index.ts';
import { createUser, getUser, getUserByEmail, listApiTokens, type AccountsDeps, type ApiTokenRow, type StaffRole, type UserRow } from '../../src/domains/accounts/index.ts';

export const STAFF_TEST_PASSWORD = 'Prova-Password-2026!';

/** A staff user (a fresh address, Italian) with a known password; `actor` is ready to act as them. */
export async function buildStaffUser(
  deps: AccountsDeps,
  over: { role?: StaffRole; email?: string; name?: string; password?: string; locale?: 'it' | 'en' } = {},
): Promise<UserRow & { password: string; actor: Actor }> {
  const role = over.role ?? 'recruiter';
  const password = over.password ?? STAFF_TEST_PASSWORD;
  const r = await createUser(deps, SYSTEM_ACTOR, {
    name: over.name ?? `Utente ${role}`,
    email: over.email ?? `${role}-${randomBytes(4).toString('hex')}@example.test`,
    role,
    password,
    locale: over.locale ?? 'it',
  });
  if (!r.ok) throw new Error(`createUser: ${JSON.stringify(r.error)}`);
  const u = await userOf(deps, r.value.user.id);
  return { ...u!, password, actor: { id: u!.id, label: u!.email, role: u!.role as Actor['role'], memberships: [] } };
}

/** A user as the admin's user page reads them, or null. */
export async function userOf(deps: AccountsDeps, id: string): Promise<UserRow | null> {
  const r = await getUser(deps, SYSTEM_ACTOR, id);
  if (r.ok) return r.value;
  if (r.error.code === 'not_found') return null;
  throw new Error(`getUser: ${JSON.stringify(r.error)}`);
}

/** A user found by address (any case), or null. */
export async function userByEmail(deps: AccountsDeps, email: string): Promise<UserRow | null> {
  const r = await getUserByEmail(deps, SYSTEM_ACTOR, email);
  if (r.ok) return r.value;
  if (r.error.code === 'not_found') return null;
  throw new Error(`getUserByEmail: ${JSON.stringify(r.error)}`);
}

/** API tokens as the token page lists them; `where` picks one. */
export async function apiTokensListed(deps: AccountsDeps): Promise<ApiTokenRow[]> {
  const r = await listApiTokens(deps, SYSTEM_ACTOR);
  if (!r.ok) throw new Error(`listApiTokens: ${JSON.stringify(r.error)}`);
  return r.value;
}
