// Changing a staff user: role, enabled/disabled, password (CLI) and the reset mail (back office).
// Two rules keep the agency from locking itself out: nobody disables themselves, and the last
// active admin can be neither demoted nor disabled.
import { and, eq } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.ts';
import { can, type Actor, STAFF_ROLES, type StaffRole } from '../../platform/authz/index.ts';
import type { Tx } from '../../db/client.ts';
import { err, forbidden, invalid, notFound, ok, type DomainError, type Result } from '../../platform/result.ts';
import type { AccountsDeps } from './deps.ts';
import { authAccounts, sessions, users } from './tables.ts';
import { generatePassword, hashPassword, passwordProblem } from './passwords.ts';
import { requestPasswordReset } from './sign-in.ts';
import { accountRules } from './policy.ts';

const lastAdmin = () => err<DomainError>({ code: 'invalid_state', message: 'accounts.users.errors.last_admin' });

// Locks the active admins' rows, so two admins demoting each other at once cannot both succeed.
async function activeAdminIds(tx: Tx): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.disabled, false)))
    .for('update');
  return rows.map((r) => r.id);
}

export async function changeUserRole(deps: AccountsDeps, actor: Actor, userId: string, role: StaffRole): Promise<Result<void>> {
  if (!can(actor, accountRules.manageUsers)) return forbidden();
  if (!(STAFF_ROLES as readonly string[]).includes(role)) return invalid({ role: 'common.forms.invalid_choice' });
  return deps.db.transaction(async (tx) => {
    const admins = await activeAdminIds(tx);
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) return notFound();
    if (user.role === role) return ok(undefined);
    if (role !== 'admin' && admins.includes(user.id) && admins.length <= 1) return lastAdmin();
    await tx.update(users).set({ role, updatedAt: deps.now() }).where(eq(users.id, userId));
    await audit(tx, actor, {
      action: 'user.role_change',
      entityType: 'user',
      entityId: userId,
      summary: `${user.email}: ${user.role} → ${role}`,
      changes: { role: { from: user.role, to: role } },
    });
    return ok(undefined);
  });
}

export async function setUserDisabled(deps: AccountsDeps, actor: Actor, userId: string, disabled: boolean): Promise<Result<void>> {
  if (!can(actor, accountRules.manageUsers)) return forbidden();
  if (disabled && actor.id === userId) return err({ code: 'invalid_state', message: 'accounts.users.errors.self_disable' });
  return deps.db.transaction(async (tx) => {
    const admins = await activeAdminIds(tx);
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) return notFound();
    if (user.disabled === disabled) return ok(undefined);
    if (disabled && admins.includes(user.id) && admins.length <= 1) return lastAdmin();
    await tx.update(users).set({ disabled, updatedAt: deps.now() }).where(eq(users.id, userId));
    // A disabled user is signed out everywhere at once, not when the session expires.
    if (disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
    await audit(tx, actor, {
      action: disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: userId,
      summary: user.email,
      changes: { disabled: { from: user.disabled, to: disabled } },
    });
    return ok(undefined);
  });
}

/** Sets a password (given, or generated and returned once) and ends the user's sessions. */
export async function setUserPassword(
  deps: AccountsDeps,
  actor: Actor,
  userId: string,
  password?: string,
): Promise<Result<{ generatedPassword: string | null }>> {
  if (!can(actor, accountRules.manageUsers)) return forbidden();
  if (password !== undefined) {
    const problem = passwordProblem(password);
    if (problem) return invalid({ password: problem });
  }
  const generatedPassword = password === undefined ? generatePassword() : null;
  const hash = await hashPassword(deps.auth, password ?? generatedPassword!);
  const ctx = await deps.auth.$context;
  return deps.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) return notFound();
    const now = deps.now();
    const updated = await tx
      .update(authAccounts)
      .set({ password: hash, updatedAt: now })
      .where(and(eq(authAccounts.userId, userId), eq(authAccounts.providerId, 'credential')))
      .returning({ id: authAccounts.id });
    if (!updated.length) {
      await tx.insert(authAccounts).values({
        id: ctx.generateId({ model: 'account' }) || crypto.randomUUID(),
        accountId: userId,
        providerId: 'credential',
        userId,
        password: hash,
        createdAt: now,
        updatedAt: now,
      });
    }
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await audit(tx, actor, { action: 'user.password_set', entityType: 'user', entityId: userId, summary: user.email });
    return ok({ generatedPassword });
  });
}

/** An admin sends the user the same reset mail as /password-dimenticata. */
export async function sendPasswordResetMail(deps: AccountsDeps, actor: Actor, userId: string): Promise<Result<void>> {
  if (!can(actor, accountRules.manageUsers)) return forbidden();
  const [user] = await deps.db.select().from(users).where(eq(users.id, userId));
  if (!user) return notFound();
  if (user.disabled) return err({ code: 'invalid_state', message: 'accounts.users.errors.reset_disabled' });
  await requestPasswordReset(deps, { email: user.email });
  await audit(deps.db, actor, { action: 'user.reset_mail', entityType: 'user', entityId: userId, summary: user.email });
  return ok(undefined);
}
