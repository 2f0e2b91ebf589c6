// Authentication with better-auth, for staff and for the people of the network alike: a sign-in
// link by mail (magic link) or email + an optional password, sessions stored in the database,
// password reset by mail. Sign-up is closed: accounts are created by the agency (back office, CLI,
// an invitation). The tables are the accounts domain's, passed in (the platform knows no domain).
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { magicLink } from 'better-auth/plugins';
import type { Db } from '../../db/client.ts';

/** How long a sign-in link stays valid. */
export const SIGN_IN_LINK_MINUTES = 15;

export interface AuthOptions {
  db: Db;
  /** better-auth's user, session, account and verification tables. */
  tables: Record<'user' | 'session' | 'account' | 'verification', unknown>;
  secret: string;
  baseUrl: string;
  secureCookies: boolean;
  /** Called by better-auth when a reset is requested; must queue the mail (never throw to the user). */
  sendResetPassword: (data: { user: { id: string; email: string; name: string }; url: string; token: string }) => Promise<void>;
  /** Called when a sign-in link is requested for an existing, enabled account; must queue the mail. */
  sendSignInLink: (data: { email: string; token: string; next: string }) => Promise<void>;
}

export function createAuth(opts: AuthOptions) {
  return betterAuth({
    database: drizzleAdapter(opts.db, {
      provider: 'pg',
      schema: opts.tables as never,
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
        // The staff role; none for people outside the agency (they act through memberships).
        role: { type: 'string', required: false, input: false },
        disabled: { type: 'boolean', required: false, defaultValue: false, input: false },
        locale: { type: 'string', required: false, defaultValue: 'it', input: false },
      },
    },
    session: {
      expiresIn: 60 * 60 * 12,
      updateAge: 60 * 60,
    },
    plugins: [
      magicLink({
        expiresIn: SIGN_IN_LINK_MINUTES * 60,
        disableSignUp: true,
        // Only a hash of the token is stored: a database read does not sign anyone in.
        storeToken: 'hashed',
        sendMagicLink: async ({ email, token, url }) => {
          const next = new URL(url).searchParams.get('callbackURL') ?? '/';
          await opts.sendSignInLink({ email, token, next });
        },
      }),
    ],
    rateLimit: { enabled: false },
    // Our pages call these server-side (src/web/public/auth.tsx) with rate limits and the
    // disabled-account check; over HTTP at /api/auth they would bypass both.
    disabledPaths: [
      '/sign-in/email',
      '/sign-up/email',
      '/request-password-reset',
      '/reset-password',
      '/update-user',
      '/change-email',
      '/change-password',
      '/delete-user',
      // Sign-in links are asked for and used through our pages (rate limits, a button, not a GET).
      '/sign-in/magic-link',
      '/magic-link/verify',
    ],
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
