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
  /** The staff role, or null for a person of the network (who lands on their own page). */
  role: string | null;
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
  const [row] = await deps.db.select({ disabled: users.disabled, role: users.role }).from(users).where(eq(users.email, email));
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
  return ok({ user: { id: body.user.id, email: body.user.email }, role: row?.role ?? null, setCookies: res.headers.getSetCookie() });
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

/**
 * Sends a sign-in link when the address belongs to an active account (staff or network); says
 * nothing either way. The link opens our confirmation page (accounts/jobs.ts signInLinkMail).
 */
export async function requestSignInLink(deps: AccountsDeps, input: { email: string; next: string | null; headers: Headers }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const [row] = await deps.db.select({ disabled: users.disabled }).from(users).where(eq(users.email, email));
  if (!row || row.disabled) return;
  await deps.auth.api.signInMagicLink({ body: { email, callbackURL: input.next ?? '/' }, headers: input.headers });
}

export type LinkError = { code: 'invalid_link' };

/** Spends a sign-in link: the session's cookies and who signed in, or `invalid_link` (expired, used, forged). */
export async function useSignInLink(deps: AccountsDeps, input: { token: string; headers: Headers }): Promise<Result<SignedIn, LinkError>> {
  if (!/^[\w-]{8,200}$/.test(input.token)) return err({ code: 'invalid_link' });
  const res = await deps.auth.api.magicLinkVerify({ query: { token: input.token, callbackURL: '/' }, headers: input.headers, asResponse: true });
  const location = res.headers.get('location') ?? '';
  const setCookies = res.headers.getSetCookie();
  if (location.includes('error=') || !setCookies.some((c) => c.includes('session_token='))) return err({ code: 'invalid_link' });
  const session = await deps.auth.api.getSession({ headers: new Headers({ cookie: setCookies.map((c) => c.split(';')[0]).join('; ') }) });
  if (!session) return err({ code: 'invalid_link' });
  const [u] = await deps.db.select({ id: users.id, email: users.email, role: users.role, disabled: users.disabled }).from(users).where(eq(users.id, session.user.id));
  if (!u || u.disabled) return err({ code: 'invalid_link' });
  return ok({ user: { id: u.id, email: u.email }, role: u.role, setCookies });
}
