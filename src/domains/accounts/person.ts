// What the accounts capability holds of a person: the account of someone outside the agency
// (partner referent, member, participant) with its sessions and memberships, and the mails about
// it. A staff account is the agency's record of who did what: it is never erased with a person
// (an administrator disables it), so it is counted as kept.
import { and, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { countMail, forgetMail, mailsTo } from '../../platform/mail/index.ts';
import type { PersonalData, PersonRef } from '../../platform/manifest.ts';
import { memberships, sessions, users } from './tables.ts';

const accountsOf = (p: PersonRef) =>
  or(p.userIds.length ? inArray(users.id, p.userIds) : undefined, p.emails.length ? inArray(sql`lower(${users.email})`, p.emails) : undefined) ?? sql`false`;

export const accountsPersonalData: PersonalData = {
  order: 90,
  async resolve(q, person) {
    const rows = await q.select({ id: users.id, email: users.email }).from(users).where(accountsOf(person));
    return { emails: rows.map((r) => r.email) };
  },
  async count(q, person) {
    const rows = await q.select({ id: users.id, role: users.role }).from(users).where(accountsOf(person));
    const members = rows.filter((r) => !r.role).map((r) => r.id);
    const ms = members.length ? await q.select({ id: memberships.id }).from(memberships).where(inArray(memberships.userId, members)) : [];
    return {
      erase: { accounts: members.length, memberships: ms.length, mails: await countMail(q, 'accounts', person.emails) },
      keep: { staff_accounts: rows.length - members.length },
    };
  },
  async export(q, person) {
    const rows = await q
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, locale: users.locale, disabled: users.disabled, createdAt: users.createdAt })
      .from(users)
      .where(accountsOf(person));
    const ids = rows.map((r) => r.id);
    return {
      accounts: rows,
      memberships: ids.length ? await q.select().from(memberships).where(inArray(memberships.userId, ids)) : [],
      sessions: ids.length
        ? await q.select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, ipAddress: sessions.ipAddress, userAgent: sessions.userAgent }).from(sessions).where(inArray(sessions.userId, ids))
        : [],
      mails: await mailsTo(q, 'accounts', person.emails),
    };
  },
  async erase(tx, person) {
    // Sessions, credentials and memberships go with the account (foreign keys cascade).
    const gone = await tx
      .delete(users)
      .where(and(accountsOf(person), isNull(users.role)))
      .returning({ id: users.id });
    const staff = await tx.select({ id: users.id }).from(users).where(and(accountsOf(person), isNotNull(users.role)));
    // A staff member's own mails (password resets) stay with their account.
    const mails = staff.length ? 0 : await forgetMail(tx, 'accounts', { to: person.emails });
    return { accounts: gone.length, mails };
  },
};
