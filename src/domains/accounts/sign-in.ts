// Signing in and out, and the password-reset flow, on top of better-auth's server API. The web
// layer rate-limits; this file decides who may get a session and what a reset may reveal.
import { eq } from 'drizzle-orm';
import { err, invalid, ok, type DomainError, type Result } from '../../platform/result.ts';
import type { AccountsDeps } from './deps.ts';
import { PASSWORD_MAX, passwordProblem } from './passwords.ts';
import { users } from './tables.ts';

export type SignInError = { code: 'invalid_credentials' };

export interface SignedIn {
  user: { id: string; email: string };
  /** Set-Cookie values from better-auth (the session cookie), to forward to the browser. */
  setCookies: string[];
}

/**
 * One generic failure for unknown email, wrong password, no password yet and disabled account,
 * so the answer never tells which addresses exist.
 */
export async function signIn(
  deps: AccountsDeps,
  input: { email: string; password: string; headers: Headers },
): Promise<Result<SignedIn, SignInError>> {
  const email = input.email.trim().toLowerCase();
  if (!email || !input.password || input.password.length > PASSWORD_MAX) return err({ code: 'invalid_credentials' });
  const [row] = await deps.db.select({ disabled: users.disabled }).from(users).where(eq(users.email, email));
  if (row?.disabled) {
    // Spend the same time as a password check, so a disabled account is not told apart by timing.
    await (await deps.auth.$context).password.hash(input.password);
    return err({ code: 'invalid_credentials' });
  }
  const res = await deps.auth.api.signInEmail({
    body: { email, password: input.password },
    headers: input.headers,
    asResponse: true,
  });
  if (!res.ok) return err({ code: 'invalid_credentials' });
  const body = (await res.json()) as { user: { id: string; email: string } };
  return ok({ user: { id: body.user.id, email: body.user.email }, setCookies: res.headers.getSetCookie() });
}

/** Deletes the session named by the request's cookie; returns the cookie-clearing headers. */
export async function signOut(deps: AccountsDeps, headers: Headers): Promise<string[]> {
  const res = await deps.auth.api.signOut({ headers, asResponse: true });
  return res.headers.getSetCookie();
}

/**
 * Queues a reset mail when the address belongs to an active user; says nothing either way.
 * The mail (accounts/jobs.ts passwordResetMail) links to /reimposta-password in the user's locale.
 */
export async function requestPasswordReset(deps: AccountsDeps, input: { email: string }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const [row] = await deps.db.select({ disabled: users.disabled }).from(users).where(eq(users.email, email));
  if (row?.disabled) return;
  await deps.auth.api.requestPasswordReset({
    body: { email, redirectTo: `${deps.config.baseUrl}/reimposta-password` },
  });
}

export type ResetError = { code: 'invalid_token' } | DomainError;

/** Sets the new password for the token's user; better-auth spends the token and ends every session. */
export async function resetPassword(deps: AccountsDeps, input: { token: string; password: string }): Promise<Result<void, ResetError>> {
  const problem = passwordProblem(input.password);
  if (problem) return invalid({ password: problem });
  if (!/^[\w-]{8,200}$/.test(input.token)) return err({ code: 'invalid_token' });
  const res = await deps.auth.api.resetPassword({ body: { newPassword: input.password, token: input.token }, asResponse: true });
  if (res.ok) return ok(undefined);
  const body = (await res.json().catch(() => ({}))) as { code?: string };
  if (body.code === 'PASSWORD_TOO_SHORT') return invalid({ password: 'accounts.password.too_short' });
  if (body.code === 'PASSWORD_TOO_LONG') return invalid({ password: 'accounts.password.too_long' });
  return err({ code: 'invalid_token' });
}
