// Accounts of everyone who signs in — the agency's staff and the people of the network (partner
// referents, employers, community members, course participants): better-auth's user, session,
// account and verification tables, the memberships that scope what a person may do, and API tokens.
import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../db/columns.ts';
import type { ScopeKind, StaffRole } from '../../platform/authz/index.ts';

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  /** The staff role; null for people outside the agency, who act through their memberships. */
  role: text('role').$type<StaffRole>(),
  disabled: boolean('disabled').notNull().default(false),
  locale: text('locale').notNull().default('it'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    expiresAt: tstz('expires_at').notNull(),
    token: text('token').notNull().unique(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const authAccounts = pgTable(
  'auth_accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: tstz('access_token_expires_at'),
    refreshTokenExpiresAt: tstz('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('auth_accounts_user_idx').on(t.userId)],
);

export const verifications = pgTable(
  'verifications',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('verifications_identifier_idx').on(t.identifier)],
);

/** Bearer tokens for /api/v1; only a SHA-256 of the secret is stored. */
export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  role: text('role').$type<StaffRole>().notNull().default('recruiter'),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  lastUsedAt: tstz('last_used_at'),
  revokedAt: tstz('revoked_at'),
});

/**
 * What a person is in an organisation of the network or a community group, and so what they may do
 * there (the capability owning the scope names its roles, e.g. an organisation's `referent`).
 */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scope: text('scope').$type<ScopeKind>().notNull(),
    scopeId: text('scope_id').notNull(),
    role: text('role').notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('memberships_user_scope_idx').on(t.userId, t.scope, t.scopeId), index('memberships_scope_idx').on(t.scope, t.scopeId)],
);

/** The tables better-auth reads and writes (src/platform/auth is given them at boot). */
export const authTables = { user: users, session: sessions, account: authAccounts, verification: verifications };
