// Reading leads for the welcome team's inbox (/admin/contatti), and who the team is: the host
// organisation's address, else the active admins and recruiters.
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { can, type Actor } from '../../platform/authz/index.ts';
import { consentHistory } from '../../platform/consent/index.ts';
import { forbidden, notFound, ok, type Result } from '../../platform/result.ts';
import { organisations } from '../organisations/index.ts';
import { users } from '../accounts/index.ts';
import { calls } from '../calls/index.ts';
import { professions, specialisations } from '../reference/index.ts';
import { LEAD_STATUSES, leadNotes, leads, type LeadStatus } from './tables.ts';
import { leadRules } from './policy.ts';
import { containsPattern, isUuid } from '../../platform/query.ts';

export type Lead = typeof leads.$inferSelect;
export type LeadNote = typeof leadNotes.$inferSelect;

export const LEADS_PAGE_SIZE = 50;

/** The organisation running this installation, as the privacy notice and the mails name it. */
export interface HostContact {
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  postalCode: string | null;
  website: string | null;
}

export async function hostContact(q: DbOrTx): Promise<HostContact | null> {
  const [h] = await q
    .select({
      name: organisations.name,
      email: organisations.email,
      phone: organisations.phone,
      address: organisations.address,
      postalCode: organisations.postalCode,
      website: organisations.website,
    })
    .from(organisations)
    .where(eq(organisations.isHost, true))
    .limit(1);
  return h ?? null;
}

/** Staff who may follow a lead (active admins and recruiters), by name. */
export async function assignableStaff(q: DbOrTx): Promise<{ id: string; name: string; email: string }[]> {
  return q
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(inArray(users.role, ['admin', 'recruiter']), eq(users.disabled, false)))
    .orderBy(asc(users.name), asc(users.email));
}

/** Where the team's notification goes: the host's address, or every active admin and recruiter. */
export async function teamAddresses(q: DbOrTx): Promise<string[]> {
  const host = await hostContact(q);
  if (host?.email) return [host.email];
  return (await assignableStaff(q)).map((u) => u.email);
}

export interface LeadFilter {
  status?: LeadStatus;
  /** 'mine', 'unassigned', or a user id. */
  assignee?: string;
  /** Free text on name and email. */
  q?: string;
  page?: number;
}

export interface LeadListItem {
  id: string;
  name: string;
  email: string;
  professionCode: string;
  professionName: string | null;
  status: LeadStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  source: string | null;
  createdAt: Date;
}

export interface LeadList {
  items: LeadListItem[];
  total: number;
  page: number;
  pages: number;
  /** Leads per status (and all) under the same assignee and text filters. */
  counts: Record<LeadStatus | 'all', number>;
}


export async function listLeads(db: DbOrTx, actor: Actor, f: LeadFilter): Promise<Result<LeadList>> {
  if (!can(actor, leadRules.read)) return forbidden();
  const base: SQL[] = [];
  if (f.assignee === 'mine') base.push(actor.id ? eq(leads.assigneeId, actor.id) : isNull(leads.id));
  else if (f.assignee === 'unassigned') base.push(isNull(leads.assigneeId));
  else if (f.assignee) base.push(eq(leads.assigneeId, f.assignee));
  const q = f.q?.trim().slice(0, 200);
  if (q) base.push(or(ilike(leads.name, containsPattern(q)), ilike(leads.email, containsPattern(q)))!);
  const where = [...base];
  if (f.status) where.push(eq(leads.status, f.status));
  const page = Math.max(1, Math.min(f.page ?? 1, 10_000));
  const assignee = users;
  const [rows, byStatus] = await Promise.all([
    db
      .select({
        id: leads.id,
        name: leads.name,
        email: leads.email,
        professionCode: leads.professionCode,
        professionName: professions.name,
        status: leads.status,
        assigneeId: leads.assigneeId,
        assigneeName: assignee.name,
        source: leads.source,
        createdAt: leads.createdAt,
      })
      .from(leads)
      .leftJoin(professions, eq(professions.code, leads.professionCode))
      .leftJoin(assignee, eq(assignee.id, leads.assigneeId))
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(leads.createdAt), asc(leads.id))
      .limit(LEADS_PAGE_SIZE)
      .offset((page - 1) * LEADS_PAGE_SIZE),
    db
      .select({ status: leads.status, n: count() })
      .from(leads)
      .where(base.length ? and(...base) : undefined)
      .groupBy(leads.status),
  ]);
  const counts = { all: 0, new: 0, contacted: 0, closed: 0 } as Record<LeadStatus | 'all', number>;
  for (const r of byStatus) {
    if ((LEAD_STATUSES as readonly string[]).includes(r.status)) counts[r.status] = Number(r.n);
    counts.all += Number(r.n);
  }
  const total = f.status ? counts[f.status] : counts.all;
  return ok({ items: rows, total, page, pages: Math.max(1, Math.ceil(total / LEADS_PAGE_SIZE)), counts });
}

export interface LeadDetail {
  lead: Lead;
  professionName: string | null;
  specialisationName: string | null;
  assigneeName: string | null;
  call: { slug: string; title: string } | null;
  notes: LeadNote[];
  consents: Awaited<ReturnType<typeof consentHistory>>;
}


export async function getLead(db: DbOrTx, actor: Actor, id: string): Promise<Result<LeadDetail>> {
  if (!can(actor, leadRules.read)) return forbidden();
  if (!isUuid(id)) return notFound();
  const [row] = await db
    .select({ lead: leads, professionName: professions.name, specialisationName: specialisations.name, assigneeName: users.name, callSlug: calls.slug, callTitle: calls.title })
    .from(leads)
    .leftJoin(professions, eq(professions.code, leads.professionCode))
    .leftJoin(specialisations, eq(specialisations.code, leads.specialisationCode))
    .leftJoin(users, eq(users.id, leads.assigneeId))
    .leftJoin(calls, eq(calls.id, leads.callId))
    .where(eq(leads.id, id));
  if (!row) return notFound();
  const [notes, consents] = await Promise.all([
    db.select().from(leadNotes).where(eq(leadNotes.leadId, id)).orderBy(desc(leadNotes.createdAt), desc(leadNotes.id)),
    consentHistory(db, 'lead', id),
  ]);
  return ok({
    lead: row.lead,
    professionName: row.professionName,
    specialisationName: row.specialisationName,
    assigneeName: row.assigneeName,
    call: row.callSlug && row.callTitle ? { slug: row.callSlug, title: row.callTitle } : null,
    notes,
    consents,
  });
}
