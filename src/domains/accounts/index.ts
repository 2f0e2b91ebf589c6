// The accounts domain's public face: staff users, sign-in, password reset, API tokens, admin reads.

export { createUser, newUserSchema, type NewUser, type CreatedUser } from './create-user.ts';
export { changeUserRole, setUserDisabled, setUserPassword, sendPasswordResetMail } from './update-user.ts';
export { signIn, signOut, requestPasswordReset, resetPassword, requestSignInLink, useSignInLink, type SignInError, type ResetError } from './sign-in.ts';
export { createApiToken, revokeApiToken, listApiTokens, verifyBearer, newTokenSchema, type ApiTokenRow } from './api-tokens.ts';
export {
  listUsers,
  getUser,
  getUserByEmail,
  listAuditLog,
  listOutbox,
  getOutboxMessage,
  PAGE_SIZE,
  type UserRow,
  type AuditRow,
  type AuditPage,
  type OutboxRow,
  type OutboxMessage,
  type Page,
} from './queries.ts';
export { generatePassword, PASSWORD_MIN, PASSWORD_MAX } from './passwords.ts';
export { STAFF_ROLES, type StaffRole } from '../../platform/authz/index.ts';
export type { AccountsDeps } from './deps.ts';
export { accountRules } from './policy.ts';
export { passwordResetMail, signInLinkMail, SIGN_IN_LINK_PATH } from './jobs.ts';
export { authTables, users, memberships } from './tables.ts';
export { membershipsOf, grantMembership, revokeMembership, ensureAccount } from './memberships.ts';
