// Staff authentication with better-auth: email + password, sessions stored in the database,
// password reset by mail. Sign-up is closed: admins create users (back office or CLI).
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { Db } from '../../db/client.ts';
import { users, sessions, authAccounts, verifications } from '../../domains/accounts/tables.ts';

export interface AuthOptions {
  db: Db;
  secret: string;
  baseUrl: string;
  secureCookies: boolean;
  /** Called by better-auth when a reset is requested; must queue the mail (never throw to the user). */
  sendResetPassword: (data: { user: { id: string; email: string; name: string }; url: string; token: string }) => Promise<void>;
}

export function createAuth(opts: AuthOptions) {
  return betterAuth({
    database: drizzleAdapter(opts.db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: authAccounts, verification: verifications },
    }),
    secret: opts.secret,
    baseURL: opts.baseUrl,
    basePath: '/api/auth',
    trustedOrigins: [opts.baseUrl],
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, url, token }) => opts.sendResetPassword({ user, url, token }),
    },
    user: {
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'editor', input: false },
        disabled: { type: 'boolean', required: false, defaultValue: false, input: false },
        locale: { type: 'string', required: false, defaultValue: 'it', input: false },
      },
    },
    session: {
      expiresIn: 60 * 60 * 12,
      updateAge: 60 * 60,
    },
    rateLimit: { enabled: false },
    // Our pages call these server-side (src/web/public/auth.tsx) with rate limits and the
    // disabled-account check; over HTTP at /api/auth they would bypass both.
    disabledPaths: ['/sign-in/email', '/sign-up/email', '/request-password-reset', '/reset-password', '/update-user', '/change-email', '/change-password', '/delete-user'],
    advanced: {
      useSecureCookies: opts.secureCookies,
      cookiePrefix: 'approdo',
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure: opts.secureCookies },
    },
    telemetry: { enabled: false },
    // Its per-attempt warnings ("User not found") are noise; the web layer logs sign-in outcomes.
    logger: { level: 'error' },
  });
}

export type Auth = ReturnType<typeof createAuth>;
