// The leads domain: validation, one transaction storing the lead with its consent and both mails
// (delivered to a real SMTP peer), the team's inbox operations and who may run them, erasure and
// the 24-month retention rule.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/index.ts';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { SmtpPeer } from '../../../tests/support/smtp.ts';
import { createStaff } from '../../../tests/support/http.ts';
import { ADMIN_ACTOR, buildCall } from '../../../tests/factories/index.ts';
import { leadForm, leadMails, submitLead } from '../../../tests/factories/leads.ts';
import { auditFor } from '../../platform/audit/index.ts';
import { consentHistory, PRIVACY_NOTICE_VERSION } from '../../platform/consent/index.ts';
import { storedMail } from '../../platform/mail/index.ts';
import { ensureHostOrganisation, updateOrganisation } from '../organisations/index.ts';
import { listUsers, setUserDisabled } from '../accounts/index.ts';
import { caseIdByEmail, getCase } from '../cases/index.ts';
import { closeCall } from '../calls/index.ts';
import {
  addLeadNote,
  createLead,
  eraseExpiredLeads,
  eraseLead,
  getLead,
  LEAD_RETENTION_JOB,
  listLeads,
  updateLead,
  type Lead,
} from './index.ts';

let rt: TestRuntime;
let smtp: SmtpPeer;
let clock = new Date('2026-06-01T08:00:00Z');
const DAY = 86_400_000;
const HOST_EMAIL = 'accoglienza@asl-prova.example.it';
let admin: Actor;
let recruiter: Actor;
const editor: Actor = { id: 'editor-x', label: 'ed', role: 'editor', memberships: [] };
let hostId: string;
/** The host agency's details as its form holds them (the lead mails name it and write from it). */
const HOST = { name: 'Azienda sanitaria di prova', kind: 'health_agency', isEmployer: 'on' };
async function setHostEmail(email: string) {
  const r = await updateOrganisation(rt.deps.db, ADMIN_ACTOR, hostId, { ...HOST, email });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
}

beforeAll(async () => {
  smtp = await SmtpPeer.start();
  rt = await testRuntime({ now: () => clock, env: { SMTP_URL: smtp.url } });
  hostId = (await ensureHostOrganisation(rt.deps.db, { name: HOST.name, slug: 'asl-prova' })).id;
  await setHostEmail(HOST_EMAIL);
  const a = await createStaff(rt, { role: 'admin', name: 'Anna Admin' });
  const r = await createStaff(rt, { role: 'recruiter', name: 'Rita Recruiter' });
  admin = { id: a.id, label: a.email, role: 'admin', memberships: [] };
  recruiter = { id: r.id, label: r.email, role: 'recruiter', memberships: [] };
});
afterAll(async () => {
  await rt?.close();
  await smtp?.stop();
});
beforeEach(() => {
  clock = new Date('2026-06-01T08:00:00Z');
});

const valid = leadForm;
const lead = (over: Record<string, unknown> = {}, locale: 'it' | 'en' = 'it'): Promise<Lead> => submitLead(rt.deps, over, locale);
const mailsOf = (id: string) => leadMails(rt.deps, id);
/** Every lead in the inbox, as the team sees it (all pages). */
async function allLeadIds(): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const r = await listLeads(rt.deps.db, ADMIN_ACTOR, { page });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    ids.push(...r.value.items.map((i) => i.id));
    if (page >= r.value.pages) return ids;
  }
}
const leadConsents = (id: string) => consentHistory(rt.deps.db, 'lead', id);
/** The lead's history, oldest first. */
const leadAudit = async (id: string) => (await auditFor(rt.deps.db, 'lead', id)).reverse();

describe('createLead: validation', () => {
  it('reports each problem at its field and stores nothing', async () => {
    const before = (await allLeadIds()).length;
    const r = await createLead(rt.deps, { name: ' ', email: 'not-an-email', phone: 'call me', professionCode: '', message: 'x'.repeat(2001), consent: '' }, { locale: 'it' });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'invalid',
        fields: {
          name: 'common.forms.required',
          email: 'common.forms.invalid_email',
          phone: 'leads.errors.phone',
          professionCode: 'common.forms.required',
          message: 'leads.errors.message_too_long',
          consent: 'leads.errors.consent_required',
        },
      },
    });
    expect((await allLeadIds()).length).toBe(before);
  });

  it('accepts loose international phone numbers and no phone at all, refuses a bad preferred time', async () => {
    for (const phone of ['+44 (0)20 7946 0958', '0461.123456', '+1-202-555-0143', '']) {
      expect((await createLead(rt.deps, valid({ phone }), { locale: 'it' })).ok, phone).toBe(true);
    }
    expect(await createLead(rt.deps, valid({ phone: '12345' }), { locale: 'it' })).toMatchObject({ error: { fields: { phone: 'leads.errors.phone' } } });
    expect(await createLead(rt.deps, valid({ preferredTime: 'midnight' }), { locale: 'it' })).toMatchObject({
      error: { fields: { preferredTime: 'common.forms.invalid_choice' } },
    });
  });

  it('checks profession and specialisation against the reference data', async () => {
    const r = await createLead(rt.deps, valid({ professionCode: 'astronauta', specialisationCode: 'nessuna-scuola' }), { locale: 'it' });
    expect(r).toMatchObject({ ok: false, error: { fields: { professionCode: 'common.forms.invalid_choice', specialisationCode: 'common.forms.invalid_choice' } } });
  });
});

describe('createLead: the lead, its consent, both mails', () => {
  it('stores the lead with the closed call it came from and records the consent with source and UTM', async () => {
    const call = await buildCall(rt.deps, { title: 'Dirigente medico di Geriatria – Arco' }, { publish: true });
    await closeCall(rt.deps, ADMIN_ACTOR, call.id);
    const l = await lead({
      email: 'Mario.Rossi@Example.org',
      callSlug: call.slug,
      source: 'call-closed',
      utm_source: 'newsletter',
      utm_campaign: 'estate 2026',
      utm_medium: '<script>',
    });
    expect(l).toMatchObject({ email: 'mario.rossi@example.org', callId: call.id, status: 'new', source: 'call-closed', preferredTime: 'morning', locale: 'it' });
    expect(l.utm).toEqual({ utm_source: 'newsletter', utm_campaign: 'estate 2026' });
    const consents = await leadConsents(l.id);
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({
      subjectType: 'lead',
      purpose: 'contact',
      noticeVersion: PRIVACY_NOTICE_VERSION,
      source: 'call-closed',
      locale: 'it',
      utm: { utm_source: 'newsletter', utm_campaign: 'estate 2026' },
    });
    expect(consents[0].givenAt.toISOString()).toBe(clock.toISOString());
    // A hand-typed slug of a draft links to nothing.
    const draft = await buildCall(rt.deps, { title: 'Bozza' });
    expect((await lead({ callSlug: draft.slug })).callId).toBeNull();
  });

  it('queues the team notification to the host address and the acknowledgement to the person, each once', async () => {
    const l = await lead({ name: 'Luca Verdi', email: 'luca.verdi@example.org' });
    const mails = await mailsOf(l.id);
    expect(mails.map((m) => m.idempotencyKey).sort()).toEqual([`lead-ack:${l.id}`, `lead-team:${l.id}`]);
    const team = mails.find((m) => m.idempotencyKey.startsWith('lead-team'))!;
    expect(team.to).toBe(HOST_EMAIL);
    expect(team.subject).toBe('Nuovo contatto: Luca Verdi (Medico chirurgo)');
    expect(team.text).toContain('luca.verdi@example.org');
    expect(team.text).toContain('+39 333 123 4567');
    expect(team.text).toContain('Geriatria');
    expect(team.text).toContain('Mattina (9-12)');
    expect(team.text).toContain(`http://localhost/admin/contatti/${l.id}`);
    expect(team.headers).toEqual({ 'Reply-To': 'luca.verdi@example.org' });
  });

  it('delivers the acknowledgement in the person’s language through SMTP, with Reply-To the host', async () => {
    const l = await lead({ name: 'Emma Smith', email: 'emma.smith@example.org', preferredTime: 'evening', phone: '' }, 'en');
    const ack = await smtp.waitFor((m) => m.to.includes('emma.smith@example.org'));
    expect(ack.subject).toBe('We have received your references');
    expect(ack.header('reply-to')).toBe(HOST_EMAIL);
    expect(ack.text).toContain('Dear Emma Smith,');
    expect(ack.text).toContain('Azienda sanitaria di prova');
    expect(ack.text).toContain('The time of day you chose: evening (18-20).');
    expect(ack.text).toContain('will write to you at emma.smith@example.org');
    expect(ack.text).toContain(`reply to this email or write to ${HOST_EMAIL}`);
    expect(ack.text).toContain('http://localhost/en/privacy');
    expect(ack.text).toContain('Physician (medical doctor)');
    const team = await smtp.waitFor((m) => m.to.includes(HOST_EMAIL) && m.text.includes(l.id));
    expect(team.subject).toMatch(/^Nuovo contatto: Emma Smith/);
    expect(team.text).toContain('Lingua: inglese');
    // Sent once: the stored rows say so after delivery.
    await expect.poll(async () => (await mailsOf(l.id)).map((m) => m.status).sort(), { timeout: 10_000 }).toEqual(['sent', 'sent']);
  });

  it('without a host address, notifies every active admin and recruiter (not editors, not disabled users)', async () => {
    await setHostEmail('');
    try {
      const disabled = await createStaff(rt, { role: 'recruiter' });
      expect((await setUserDisabled(rt.deps, ADMIN_ACTOR, disabled.id, true)).ok).toBe(true);
      const ed = await createStaff(rt, { role: 'editor' });
      const l = await lead();
      const mails = await mailsOf(l.id);
      const team = mails.find((m) => m.idempotencyKey === `lead-team:${l.id}`)!;
      const to = team.to.split(', ');
      const users = await listUsers(rt.deps, ADMIN_ACTOR);
      if (!users.ok) throw new Error('users');
      const active = users.value;
      const expected = active.filter((u) => (u.role === 'admin' || u.role === 'recruiter') && !u.disabled).map((u) => u.email);
      expect(to.sort()).toEqual(expected.sort());
      expect(to).not.toContain(disabled.email);
      expect(to).not.toContain(ed.email);
      const ack = mails.find((m) => m.idempotencyKey === `lead-ack:${l.id}`)!;
      expect(ack.text).toContain("come spiegato nell'informativa privacy");
      expect(ack.headers).toBeNull();
    } finally {
      await setHostEmail(HOST_EMAIL);
    }
  });

  it('audits the creation without personal data', async () => {
    const l = await lead({ name: 'Nome Da Non Tracciare' });
    const rows = await leadAudit(l.id);
    expect(rows.map((r) => r.action)).toEqual(['lead.created']);
    expect(JSON.stringify(rows)).not.toContain('Nome Da Non Tracciare');
    expect(JSON.stringify(rows)).not.toContain(l.email);
  });
});

describe('the inbox', () => {
  it('lets recruiters and admins read, not editors or anonymous visitors', async () => {
    const l = await lead();
    expect(await listLeads(rt.deps.db, editor, {})).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await getLead(rt.deps.db, { id: null, label: 'anon', role: 'anonymous', memberships: [] }, l.id)).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect((await getLead(rt.deps.db, recruiter, l.id)).ok).toBe(true);
    expect(await getLead(rt.deps.db, recruiter, '00000000-0000-0000-0000-000000000000')).toEqual({ ok: false, error: { code: 'not_found' } });
    expect(await getLead(rt.deps.db, recruiter, 'nope')).toEqual({ ok: false, error: { code: 'not_found' } });
  });

  it('filters by status, assignee (mine, unassigned, a person) and text, and counts by status', async () => {
    const tag = `filtro${Date.now()}`;
    const a = await lead({ name: `Alfa ${tag}` });
    const b = await lead({ name: `Beta ${tag}` });
    const c = await lead({ name: `Gamma ${tag}`, email: `gamma.${tag}@example.org` });
    expect((await updateLead(rt.deps, recruiter, a.id, { status: 'contacted', assigneeId: recruiter.id! })).ok).toBe(true);
    expect((await updateLead(rt.deps, recruiter, b.id, { status: 'new', assigneeId: admin.id! })).ok).toBe(true);
    const names = async (f: Parameters<typeof listLeads>[2], actor = recruiter) => {
      const r = await listLeads(rt.deps.db, actor, { q: tag, ...f });
      if (!r.ok) throw new Error('list');
      return r.value.items.map((i) => i.name.split(' ')[0]).sort();
    };
    expect(await names({})).toEqual(['Alfa', 'Beta', 'Gamma']);
    expect(await names({ status: 'contacted' })).toEqual(['Alfa']);
    expect(await names({ assignee: 'mine' })).toEqual(['Alfa']);
    expect(await names({ assignee: 'mine' }, admin)).toEqual(['Beta']);
    expect(await names({ assignee: 'unassigned' })).toEqual(['Gamma']);
    expect(await names({ assignee: admin.id! })).toEqual(['Beta']);
    expect(await names({ q: `gamma.${tag}@` })).toEqual(['Gamma']);
    // LIKE wildcards are taken literally.
    expect(await names({ q: `${tag}%` })).toEqual([]);
    const r = await listLeads(rt.deps.db, recruiter, { q: tag, status: 'new' });
    expect(r.ok && r.value.counts).toEqual({ all: 3, new: 2, contacted: 1, closed: 0 });
    expect(r.ok && r.value.total).toBe(2);
    const withAssignee = r.ok ? r.value.items.find((i) => i.id === b.id) : null;
    expect(withAssignee?.assigneeName).toBe('Anna Admin');
    expect(c.status).toBe('new');
  });

  it('records first contact and closing times, refuses unknown assignees, and audits the changes', async () => {
    const l = await lead();
    clock = new Date('2026-06-02T09:00:00Z');
    const contacted = await updateLead(rt.deps, recruiter, l.id, { status: 'contacted', assigneeId: recruiter.id! });
    expect(contacted.ok && contacted.value.contactedAt?.toISOString()).toBe('2026-06-02T09:00:00.000Z');
    clock = new Date('2026-06-03T09:00:00Z');
    const closed = await updateLead(rt.deps, recruiter, l.id, { status: 'closed', assigneeId: recruiter.id! });
    expect(closed.ok && closed.value.closedAt?.toISOString()).toBe('2026-06-03T09:00:00.000Z');
    expect(closed.ok && closed.value.contactedAt?.toISOString()).toBe('2026-06-02T09:00:00.000Z');
    const reopened = await updateLead(rt.deps, recruiter, l.id, { status: 'contacted', assigneeId: '' });
    expect(reopened.ok && reopened.value).toMatchObject({ closedAt: null, assigneeId: null });
    expect(await updateLead(rt.deps, recruiter, l.id, { status: 'contacted', assigneeId: 'not-a-user' })).toMatchObject({
      error: { code: 'invalid', fields: { assigneeId: 'common.forms.invalid_choice' } },
    });
    expect(await updateLead(rt.deps, recruiter, l.id, { status: 'lost' })).toMatchObject({ error: { code: 'invalid', fields: { status: 'common.forms.invalid_choice' } } });
    expect(await updateLead(rt.deps, editor, l.id, { status: 'closed' })).toEqual({ ok: false, error: { code: 'forbidden' } });
    const audits = (await leadAudit(l.id)).filter((a) => a.action === 'lead.updated');
    expect(audits).toHaveLength(3);
    expect(audits.map((a) => (a.changes as Record<string, { to: unknown }>).status?.to)).toEqual(['contacted', 'closed', 'contacted']);
  });

  it('adds notes with their author, newest first, and counts a note as an update', async () => {
    const l = await lead();
    clock = new Date('2026-06-05T10:00:00Z');
    expect(await addLeadNote(rt.deps, recruiter, l.id, { body: '  ' })).toMatchObject({ error: { fields: { body: 'common.forms.required' } } });
    expect((await addLeadNote(rt.deps, recruiter, l.id, { body: 'Chiamata, richiamare lunedì.' })).ok).toBe(true);
    clock = new Date('2026-06-06T10:00:00Z');
    expect((await addLeadNote(rt.deps, admin, l.id, { body: 'Colloquio fissato.' })).ok).toBe(true);
    expect(await addLeadNote(rt.deps, editor, l.id, { body: 'x' })).toEqual({ ok: false, error: { code: 'forbidden' } });
    const d = await getLead(rt.deps.db, recruiter, l.id);
    if (!d.ok) throw new Error('get');
    expect(d.value.notes.map((x) => [x.authorLabel, x.body])).toEqual([
      ['Anna Admin', 'Colloquio fissato.'],
      ['Rita Recruiter', 'Chiamata, richiamare lunedì.'],
    ]);
    expect(d.value.lead.updatedAt.toISOString()).toBe('2026-06-06T10:00:00.000Z');
    expect(d.value.consents).toHaveLength(1);
    const audit = (await leadAudit(l.id)).filter((a) => a.action === 'lead.note_added');
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('Colloquio');
  });
});

describe('erasure', () => {
  it('is for admins only, and removes the lead, its notes, its consent and its mails; the audit keeps no personal data', async () => {
    const l = await lead({ name: 'Persona Da Cancellare', email: 'da.cancellare@example.org' });
    await addLeadNote(rt.deps, recruiter, l.id, { body: 'Nota sulla persona' });
    expect(await eraseLead(rt.deps, recruiter, l.id)).toEqual({ ok: false, error: { code: 'forbidden' } });
    const other = await lead({ email: 'altra.persona@example.org' });
    expect(await eraseLead(rt.deps, admin, l.id)).toEqual({ ok: true, value: { id: l.id } });
    // Gone with its notes: neither the lead's page nor the inbox has it.
    expect(await getLead(rt.deps.db, admin, l.id)).toEqual({ ok: false, error: { code: 'not_found' } });
    expect(await allLeadIds()).not.toContain(l.id);
    // The lead's message copied into the case timeline goes too; the other lead's stays.
    const leadIdsInCases: unknown[] = [];
    for (const address of ['da.cancellare@example.org', 'altra.persona@example.org']) {
      const caseId = await caseIdByEmail(rt.deps.db, admin, address);
      if (!caseId) continue;
      const c = await getCase(rt.deps.db, admin, caseId);
      if (!c.ok || !('events' in c.value)) throw new Error('case');
      for (const e of c.value.events) {
        const id = (e.data as { leadId?: string } | null)?.leadId;
        if (id === l.id || id === other.id) leadIdsInCases.push(id);
      }
    }
    expect(leadIdsInCases).toEqual([other.id]);
    expect(await leadConsents(l.id)).toHaveLength(0);
    expect(await mailsOf(l.id)).toHaveLength(0);
    expect(await storedMail(rt.deps.db, { to: ['da.cancellare@example.org'] })).toHaveLength(0);
    // Someone else's lead is untouched.
    expect(await mailsOf(other.id)).toHaveLength(2);
    expect(await leadConsents(other.id)).toHaveLength(1);
    const audit = await leadAudit(l.id);
    expect(audit.map((a) => a.action)).toContain('lead.erased');
    const text = JSON.stringify(audit);
    expect(text).not.toContain('Persona Da Cancellare');
    expect(text).not.toContain('da.cancellare@example.org');
    expect(text).not.toContain('Nota sulla persona');
    expect(await eraseLead(rt.deps, admin, l.id)).toEqual({ ok: false, error: { code: 'not_found' } });
  });
});

describe('retention', () => {
  it('erases leads not updated for 24 months, keeps the others, and runs daily as a scheduled job', async () => {
    clock = new Date('2024-05-01T08:00:00Z');
    const old = await lead({ name: 'Vecchio contatto' });
    const touched = await lead({ name: 'Contatto ripreso' });
    clock = new Date('2026-04-30T08:00:00Z');
    await addLeadNote(rt.deps, recruiter, touched.id, { body: 'Ricontattato' });
    clock = new Date('2026-05-02T08:00:00Z');
    const recent = await lead({ name: 'Contatto recente' });
    const erased = await eraseExpiredLeads(rt.deps);
    expect(erased).toBeGreaterThanOrEqual(1);
    const left = new Set(await allLeadIds());
    expect(left.has(old.id)).toBe(false);
    expect(left.has(touched.id)).toBe(true);
    expect(left.has(recent.id)).toBe(true);
    expect(await leadConsents(old.id)).toHaveLength(0);
    expect(await mailsOf(old.id)).toHaveLength(0);
    const [audit] = (await leadAudit(old.id)).filter((a) => a.action === 'lead.erased');
    expect(audit.summary).toBe('retention');
    expect(await eraseExpiredLeads(rt.deps)).toBe(0);
    const schedules = await rt.deps.jobs.boss.getSchedules(LEAD_RETENTION_JOB);
    expect(schedules.map((s) => s.cron)).toEqual(['41 3 * * *']);
  });
});
