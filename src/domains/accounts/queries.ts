// Read models for the admin pages: staff users, the audit log and the mail outbox.
import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/tables.ts';
import { can, type Actor } from '../../platform/authz/index.ts';
import { mailMessages } from '../../platform/mail/tables.ts';
import { isUuid, type Paged } from '../../platform/query.ts';
import { forbidden, notFound, ok, type Result } from '../../platform/result.ts';
import type { AccountsDeps } from './deps.ts';
import { users } from './tables.ts';
import { accountRules } from './policy.ts';

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: (typeof users.$inferSelect)['role'];
  disabled: boolean;
  locale: string;
  createdAt: Date;
}

const userColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  disabled: users.disabled,
  locale: users.locale,
  createdAt: users.createdAt,
};

export async function listUsers(deps: AccountsDeps, actor: Actor): Promise<Result<UserRow[]>> {
  if (!can(actor, accountRules.manageUsers)) return forbidden();
  return ok(await deps.db.select(userColumns).from(users).orderBy(asc(users.name), asc(users.email)));
}

export async function getUser(deps: AccountsDeps, actor: Actor, id: string): Promise<Result<UserRow>> {
  if (!can(actor, accountRules.manageUsers)) return forbidden();
  const [row] = await deps.db.select(userColumns).from(users).where(eq(users.id, id));
  return row ? ok(row) : notFound();
}

export async function getUserByEmail(deps: AccountsDeps, actor: Actor, email: string): Promise<Result<UserRow>> {
  if (!can(actor, accountRules.manageUsers)) return forbidden();
  const [row] = await deps.db.select(userColumns).from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row ? ok(row) : notFound();
}

/** A page of a list (the platform's shape, which the back office's list kit renders). */
export type Page<T> = Paged<T>;

export const PAGE_SIZE = 50;
const pageOf = (page: number, total: number) => {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return { page: Math.min(Math.max(1, page), pages), pages };
};

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditPage extends Page<AuditRow> {
  entityTypes: string[];
  actors: string[];
}

/** Newest first; filters by entity type and by the actor's label (email, token or "system"). */
export async function listAuditLog(
  deps: AccountsDeps,
  actor: Actor,
  q: { page?: number; entityType?: string; actor?: string },
): Promise<Result<AuditPage>> {
  if (!can(actor, accountRules.readAudit)) return forbidden();
  const { db } = deps;
  const where: SQL[] = [];
  if (q.entityType) where.push(eq(auditLog.entityType, q.entityType));
  if (q.actor) where.push(eq(auditLog.actorLabel, q.actor));
  const cond = where.length ? and(...where) : undefined;
  const [{ n }] = await db.select({ n: count() }).from(auditLog).where(cond);
  const { page, pages } = pageOf(q.page ?? 1, Number(n));
  const rows = await db
    .select()
    .from(auditLog)
    .where(cond)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  const types = await db.selectDistinct({ v: auditLog.entityType }).from(auditLog).orderBy(asc(auditLog.entityType));
  const actors = await db.selectDistinct({ v: auditLog.actorLabel }).from(auditLog).orderBy(asc(auditLog.actorLabel));
  return ok({ items: rows, total: Number(n), page, pages, entityTypes: types.map((r) => r.v), actors: actors.map((r) => r.v) });
}

export type OutboxRow = Pick<typeof mailMessages.$inferSelect, 'id' | 'to' | 'subject' | 'status' | 'createdAt' | 'sentAt'>;
export type OutboxMessage = typeof mailMessages.$inferSelect;

export async function listOutbox(deps: AccountsDeps, actor: Actor, q: { page?: number }): Promise<Result<Page<OutboxRow>>> {
  if (!can(actor, accountRules.readOutbox)) return forbidden();
  const { db } = deps;
  const [{ n }] = await db.select({ n: count() }).from(mailMessages);
  const { page, pages } = pageOf(q.page ?? 1, Number(n));
  const rows = await db
    .select({
      id: mailMessages.id,
      to: mailMessages.to,
      subject: mailMessages.subject,
      status: mailMessages.status,
      createdAt: mailMessages.createdAt,
      sentAt: mailMessages.sentAt,
    })
    .from(mailMessages)
    .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  return ok({ items: rows, total: Number(n), page, pages });
}

export async function getOutboxMessage(deps: AccountsDeps, actor: Actor, id: string): Promise<Result<OutboxMessage>> {
  if (!can(actor, accountRules.readOutbox)) return forbidden();
  // A malformed id would make PostgreSQL raise on the uuid cast: it is simply not there.
  if (!isUuid(id)) return notFound();
  const [row] = await deps.db.select().from(mailMessages).where(eq(mailMessages.id, id));
  return row ? ok(row) : notFound();
}
