// Test data builders for leads ("lascia i tuoi riferimenti"): the public form's values and a lead
// submitted through createLead (consent recorded, both mails queued). The clock of `deps` dates it.
import type { DomainDeps } from '../../src/platform/domain-deps.ts';
import { storedMail } from '../../src/platform/mail/index.ts';
import { createLead, type Lead } from '../../src/domains/leads/index.ts';

let n = 0;

/** The contact form's values as the web layer sends them: a doctor, a fresh address each time. */
export const leadForm = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'Giulia Bianchi',
  email: `giulia.bianchi.${++n}@example.org`,
  phone: '+39 333 123 4567',
  professionCode: 'medico_chirurgo',
  specialisationCode: 'geriatria',
  message: 'Cerco un posto in medicina interna in Trentino da settembre.',
  preferredTime: 'morning',
  consent: 'on',
  source: 'contatti',
  ...over,
});

/** A lead as a visitor submits it (in Italian unless told otherwise). */
export async function submitLead(deps: DomainDeps, over: Record<string, unknown> = {}, locale: 'it' | 'en' = 'it'): Promise<Lead> {
  const r = await createLead(deps, leadForm(over), { locale });
  if (!r.ok) throw new Error(`createLead: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** The lead's two mails as stored in the outbox (team notification, acknowledgement). */
export const leadMails = (deps: Pick<DomainDeps, 'db'>, leadId: string) =>
  storedMail(deps.db, { owner: 'leads', keys: [`lead-ack:${leadId}`, `lead-team:${leadId}`] });
