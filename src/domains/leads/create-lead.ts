// A person leaves their references: validate → check the reference data → one transaction that
// stores the lead, records the consent and queues both mails (a rollback sends nothing) → audit.
import { and, eq } from 'drizzle-orm';
import { type Actor, anonymousActor } from '../../platform/authz/index.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { audit } from '../../platform/audit/index.ts';
import { recordConsent } from '../../platform/consent/index.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { invalid, ok, type Result } from '../../platform/result.ts';
import { calls } from '../calls/index.ts';
import { addCaseEvent, ensureCase } from '../cases/index.ts';
import { professions, specialisations } from '../reference/index.ts';
import { leads } from './tables.ts';
import { checkLeadReferences, parseLeadInput } from './input.ts';
import { hostContact, teamAddresses, type Lead } from './queries.ts';
import { ackMail, teamMail } from './mails.ts';

export interface LeadContext {
  /** The language of the page the form was sent from: the acknowledgement is written in it. */
  locale: Locale;
  /** Who sent it (an anonymous visitor with the request id, for the audit log). */
  actor?: Actor;
}

export async function createLead(deps: DomainDeps, raw: unknown, ctx: LeadContext): Promise<Result<Lead>> {
  const parsed = parseLeadInput(raw);
  if (!parsed.ok) return invalid(parsed.fields);
  const input = parsed.value;
  const actor: Actor = ctx.actor ?? anonymousActor();
  return deps.db.transaction(async (tx): Promise<Result<Lead>> => {
    const refErrors = await checkLeadReferences(tx, input);
    if (Object.keys(refErrors).length) return invalid(refErrors);
    const [profession] = await tx.select({ name: professions.name, nameEn: professions.nameEn }).from(professions).where(eq(professions.code, input.professionCode));
    const [spec] = input.specialisationCode
      ? await tx.select({ name: specialisations.name }).from(specialisations).where(eq(specialisations.code, input.specialisationCode))
      : [];
    // Only a call the public can see may be named: a slug typed into the form links to nothing else.
    const [call] = input.callSlug
      ? await tx.select({ id: calls.id, slug: calls.slug, title: calls.title }).from(calls).where(and(eq(calls.slug, input.callSlug), eq(calls.status, 'published')))
      : [];
    const now = deps.now();
    const [lead] = await tx
      .insert(leads)
      .values({
        name: input.name,
        email: input.email,
        phone: input.phone ?? null,
        professionCode: input.professionCode,
        specialisationCode: input.specialisationCode ?? null,
        message: input.message,
        preferredTime: input.preferredTime,
        locale: ctx.locale,
        callId: call?.id ?? null,
        source: input.source ?? null,
        utm: input.utm,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordConsent(tx, {
      subjectType: 'lead',
      subjectId: lead.id,
      purpose: 'contact',
      event: 'lead',
      givenAt: now,
      locale: ctx.locale,
      source: input.source ?? null,
      utm: input.utm,
    });
    // The person now has a case (one per email): the welcome team follows them from there.
    const personCase = await ensureCase(
      tx,
      { name: input.name, email: input.email, phone: input.phone ?? null, locale: ctx.locale, professionCode: input.professionCode },
      'lead',
      actor,
      now,
    );
    await addCaseEvent(tx, personCase.id, { kind: 'note', summary: 'lead:received', body: input.message || null, data: { leadId: lead.id } }, actor, now);
    const host = await hostContact(tx);
    const context = {
      lead,
      professionName: profession.name,
      specialisationName: spec?.name ?? null,
      call: call ? { slug: call.slug, title: call.title } : null,
      host,
    };
    const team = await teamAddresses(tx);
    if (team.length) await deps.mailer.queue(teamMail(deps.links, team, context), tx);
    await deps.mailer.queue(
      ackMail(deps.links, { ...context, professionName: ctx.locale === 'en' && profession.nameEn ? profession.nameEn : profession.name }),
      tx,
    );
    // No personal data in the audit log: it outlives an erasure.
    await audit(tx, actor, { action: 'lead.created', entityType: 'lead', entityId: lead.id, summary: input.source ?? undefined });
    return ok(lead);
  });
}
