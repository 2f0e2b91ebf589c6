// Creating a staff user: an admin (back office) or an operator (CLI) gives name, email and role;
// the password is generated and shown once, given, or set by the user through a reset mail.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/index.ts';
import { can, type Actor, STAFF_ROLES, type StaffRole } from '../../platform/authz/index.ts';
import { f } from '../../platform/forms/index.ts';
import { LOCALES } from '../../platform/i18n/index.ts';
import { forbidden, invalid, ok, type DomainError, type Result } from '../../platform/result.ts';
import type { AccountsDeps } from './deps.ts';
import { authAccounts, users } from './tables.ts';
import { generatePassword, hashPassword, PASSWORD_MAX, PASSWORD_MIN } from './passwords.ts';
import { requestPasswordReset } from './sign-in.ts';
import { accountRules } from './policy.ts';

export const newUserSchema = z.object({
  name: f.text(120),
  email: f.email().transform((e) => e.toLowerCase()),
  role: f.choice(STAFF_ROLES),
  locale: f.optionalChoice(LOCALES).transform((v) => v ?? 'it'),
  password: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(PASSWORD_MIN, 'accounts.password.too_short').max(PASSWORD_MAX, 'accounts.password.too_long').optional(),
  ),
  /** true: no password now, the user sets one through the reset mail. */
  sendSetPasswordMail: z.boolean().default(false),
});
export type NewUser = z.input<typeof newUserSchema>;

export interface CreatedUser {
  user: { id: string; name: string; email: string; role: StaffRole; locale: string };
  /** The generated password, returned once and never stored in clear. */
  generatedPassword: string | null;
}

export async function createUser(deps: AccountsDeps, actor: Actor, input: NewUser): Promise<Result<CreatedUser, DomainError>> {
  if (!can(actor, accountRules.manageUsers)) return forbidden();
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const i of parsed.error.issues) {
      const k = String(i.path[0] ?? '_form');
      fields[k] ??= i.message.includes('.') ? i.message : 'common.forms.invalid_choice';
    }
    return invalid(fields);
  }
  const data = parsed.data;
  const { db } = deps;
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, data.email));
  if (existing) return invalid({ email: 'accounts.users.errors.email_taken' });

  const generatedPassword = data.sendSetPasswordMail || data.password ? null : generatePassword();
  const password = data.password ?? generatedPassword;
  const hash = password ? await hashPassword(deps.auth, password) : null;
  const ctx = await deps.auth.$context;
  const id = ctx.generateId({ model: 'user' }) || randomUUID();
  const now = deps.now();
  const user = { id, name: data.name, email: data.email, role: data.role, locale: data.locale };
  try {
    await db.transaction(async (tx) => {
      await tx.insert(users).values({ ...user, emailVerified: true, createdAt: now, updatedAt: now });
      // Without a credential row nobody can sign in until the reset mail is used (it creates one).
      if (hash) {
        await tx.insert(authAccounts).values({
          id: ctx.generateId({ model: 'account' }) || randomUUID(),
          accountId: id,
          providerId: 'credential',
          userId: id,
          password: hash,
          createdAt: now,
          updatedAt: now,
        });
      }
      await audit(tx, actor, {
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        summary: `${user.email} (${user.role})`,
        changes: { name: user.name, email: user.email, role: user.role, locale: user.locale, passwordSetBy: hash ? 'admin' : 'mail' },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) return invalid({ email: 'accounts.users.errors.email_taken' });
    throw e;
  }
  if (data.sendSetPasswordMail) await requestPasswordReset(deps, { email: user.email });
  return ok({ user, generatedPassword });
}

export function isUniqueViolation(e: unknown): boolean {
  for (let x = e as { code?: string; cause?: unknown } | undefined; x; x = x.cause as typeof x) {
    if (x.code === '23505') return true;
  }
  return false;
}
