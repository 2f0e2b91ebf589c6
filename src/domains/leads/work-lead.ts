// The welcome team works a lead: status and assignee, notes, erasure on request (admins), and the
// retention rule (a lead untouched for 24 months is erased). The audit log never holds personal
// data, because it outlives the erasure.
import { forgetLeadInCases } from '../cases/index.ts';
import { and, eq, gte, inArray, like, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { audit, diff } from '../../platform/audit/index.ts';
import { can, type Actor, SYSTEM_ACTOR } from '../../platform/authz/index.ts';
import { consentsOf, eraseConsents } from '../../platform/consent/index.ts';
import { parseForm } from '../../platform/forms/index.ts';
import { countMail, forgetMail, mailsTo } from '../../platform/mail/index.ts';
import type { PersonalData, PersonCounts } from '../../platform/manifest.ts';
import { countAll, isUuid } from '../../platform/query.ts';
import { leadMailKey } from './mails.ts';
import { forbidden, invalid, notFound, ok, type Result } from '../../platform/result.ts';
import { users } from '../accounts/index.ts';
import { LEAD_STATUSES, leadNotes, leads } from './tables.ts';
import type { Lead, LeadNote } from './queries.ts';
import { leadRules } from './policy.ts';

/** Leads are kept 24 months from their last update (see /privacy). */
export const LEAD_RETENTION_MONTHS = 24;
export const NOTE_MAX = 2000;


export const leadUpdateSchema = z.object({
  status: z.enum(LEAD_STATUSES, { error: 'common.forms.invalid_choice' }),
  assigneeId: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.string().max(100, 'common.forms.invalid_choice').nullable()),
});

export const leadNoteSchema = z.object({
  body: z.string({ error: 'common.forms.required' }).trim().min(1, 'common.forms.required').max(NOTE_MAX, 'common.forms.too_long'),
});

async function lockLead(tx: DbOrTx, id: string): Promise<Lead | null> {
  if (!isUuid(id)) return null;
  const [lead] = await tx.select().from(leads).where(eq(leads.id, id)).for('update');
  return lead ?? null;
}

export async function updateLead(deps: DomainDeps, actor: Actor, id: string, raw: Record<string, unknown>): Promise<Result<Lead>> {
  if (!can(actor, leadRules.update)) return forbidden();
  const parsed = parseForm(leadUpdateSchema, raw as Record<string, string>);
  if (!parsed.ok) return invalid(parsed.errors);
  const { status, assigneeId } = parsed.data;
  return deps.db.transaction(async (tx): Promise<Result<Lead>> => {
    const before = await lockLead(tx, id);
    if (!before) return notFound();
    if (assigneeId) {
      const [u] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, assigneeId), inArray(users.role, ['admin', 'recruiter']), eq(users.disabled, false)));
      if (!u) return invalid({ assigneeId: 'common.forms.invalid_choice' });
    }
    const now = deps.now();
    const set = {
      status,
      assigneeId,
      // The first contact is a fact worth keeping; closing again after reopening moves closedAt.
      contactedAt: before.contactedAt ?? (status !== 'new' ? now : null),
      closedAt: status === 'closed' ? (before.status === 'closed' ? before.closedAt : now) : null,
    };
    const changes = diff(before as unknown as Record<string, unknown>, set);
    if (!Object.keys(changes).length) return ok(before);
    const [after] = await tx.update(leads).set({ ...set, updatedAt: now }).where(eq(leads.id, id)).returning();
    await audit(tx, actor, { action: 'lead.updated', entityType: 'lead', entityId: id, changes });
    return ok(after);
  });
}

export async function addLeadNote(deps: DomainDeps, actor: Actor, id: string, raw: Record<string, unknown>): Promise<Result<LeadNote>> {
  if (!can(actor, leadRules.update)) return forbidden();
  const parsed = parseForm(leadNoteSchema, raw as Record<string, string>);
  if (!parsed.ok) return invalid(parsed.errors);
  return deps.db.transaction(async (tx): Promise<Result<LeadNote>> => {
    const lead = await lockLead(tx, id);
    if (!lead) return notFound();
    const [author] = actor.id ? await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id)) : [];
    const now = deps.now();
    const [note] = await tx
      .insert(leadNotes)
      .values({ leadId: id, authorId: actor.id, authorLabel: author?.name ?? actor.label, body: parsed.data.body, createdAt: now })
      .returning();
    // A note is work on the lead: the retention period starts again.
    await tx.update(leads).set({ updatedAt: now }).where(eq(leads.id, id));
    await audit(tx, actor, { action: 'lead.note_added', entityType: 'lead', entityId: id });
    return ok(note);
  });
}

/** Everything that names the person: the lead, its notes, its consent records, its mails. */
async function eraseRows(tx: DbOrTx, lead: Lead): Promise<void> {
  await eraseConsents(tx, 'lead', lead.id);
  // The team's mail about this lead, and every acknowledgement to the address (earlier leads already
  // erased); mails of other capabilities (alerts) stay: they are those capabilities' records.
  await forgetMail(tx, 'leads', { keys: [leadMailKey('lead-team', lead.id).key, leadMailKey('lead-ack', lead.id).key] });
  await forgetMail(tx, 'leads', { to: [lead.email.toLowerCase()] });
  await tx.delete(leadNotes).where(eq(leadNotes.leadId, lead.id));
  await forgetLeadInCases(tx, lead.id);
  await tx.delete(leads).where(eq(leads.id, lead.id));
}

export async function eraseLead(deps: DomainDeps, actor: Actor, id: string): Promise<Result<{ id: string }>> {
  if (!can(actor, leadRules.erase)) return forbidden();
  return deps.db.transaction(async (tx): Promise<Result<{ id: string }>> => {
    const lead = await lockLead(tx, id);
    if (!lead) return notFound();
    await eraseRows(tx, lead);
    await audit(tx, actor, { action: 'lead.erased', entityType: 'lead', entityId: id, summary: 'on request' });
    return ok({ id });
  });
}

/** The cut-off of the retention rule: leads last updated before it are erased. */
export function retentionCutoff(now: Date): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - LEAD_RETENTION_MONTHS);
  return d;
}

/** The daily retention job: erases every lead not updated for 24 months; returns how many. */
export async function eraseExpiredLeads(deps: DomainDeps): Promise<number> {
  const cutoff = retentionCutoff(deps.now());
  let erased = 0;
  // In batches, each in its own transaction, so a large backlog never holds one long lock.
  for (;;) {
    const n = await deps.db.transaction(async (tx) => {
      const batch = await tx.select().from(leads).where(lt(leads.updatedAt, cutoff)).limit(200).for('update', { skipLocked: true });
      for (const lead of batch) {
        await eraseRows(tx, lead);
        await audit(tx, SYSTEM_ACTOR, { action: 'lead.erased', entityType: 'lead', entityId: lead.id, summary: 'retention' });
      }
      return batch.length;
    });
    erased += n;
    if (n < 200) return erased;
  }
}

/** What the leads capability holds of a person: their leads with notes, consents and mails. */
export const leadsPersonalData: PersonalData = {
  async count(q, person) {
    if (!person.emails.length) return { erase: {} as PersonCounts };
    const rows = await q.select({ id: leads.id }).from(leads).where(inArray(sql`lower(${leads.email})`, person.emails));
    const notes = rows.length ? await q.select({ n: countAll() }).from(leadNotes).where(inArray(leadNotes.leadId, rows.map((r) => r.id))) : [{ n: 0 }];
    return { erase: { leads: rows.length, notes: Number(notes[0]?.n ?? 0), mails: await countMail(q, 'leads', person.emails) } };
  },
  async export(q, person) {
    if (!person.emails.length) return { leads: [], notes: [], consents: [], mails: [] };
    const rows = await q.select().from(leads).where(inArray(sql`lower(${leads.email})`, person.emails));
    const notes = rows.length ? await q.select().from(leadNotes).where(inArray(leadNotes.leadId, rows.map((r) => r.id))) : [];
    return { leads: rows, notes, consents: await consentsOf(q, 'lead', rows.map((r) => r.id)), mails: await mailsTo(q, 'leads', person.emails) };
  },
  async erase(tx, person) {
    if (!person.emails.length) return {} as PersonCounts;
    const found = await tx.select().from(leads).where(inArray(sql`lower(${leads.email})`, person.emails)).for('update');
    for (const lead of found) await eraseRows(tx, lead);
    return { leads: found.length };
  },
  async activeSince(q, person, since) {
    if (!person.emails.length) return false;
    const [row] = await q
      .select({ id: leads.id })
      .from(leads)
      .where(and(inArray(sql`lower(${leads.email})`, person.emails), gte(leads.updatedAt, since)))
      .limit(1);
    return !!row;
  },
};

declare module '../../platform/manifest.ts' {
  interface ProvidedMap {
    /** A lead's contact details (for booking a talk from the acknowledgement's link), or null. */
    'leads.contact': (q: DbOrTx, leadId: string) => Promise<{ id: string; name: string; email: string; phone: string | null; locale: 'it' | 'en' } | null>;
  }
}

export async function leadContact(q: DbOrTx, leadId: string) {
  if (!isUuid(leadId)) return null;
  const [l] = await q.select({ id: leads.id, name: leads.name, email: leads.email, phone: leads.phone, locale: leads.locale }).from(leads).where(eq(leads.id, leadId));
  return l ?? null;
}
