// Appointments over HTTP: /admin/appuntamenti for each kind of visitor (anonymous → sign-in,
// editor → 403, recruiter and admin work it), rule forms with their messages, booking links; the
// public booking page (prefilled from a lead's link, 422 at the field, "slot just taken" with the
// list again, one week at a time) and the manage page (move, cancel, stale link → 404); rule
// editing (prefilled form, 422 at the field); an expired email link → 410 with a way to ask again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { describeRoleMatrix, type Role } from '../support/role-matrix.ts';
import { createStaff, postForm, signIn, type StaffUserFixture } from '../support/http.ts';
import { text } from '../backoffice/calls-support.ts';
import { createLead } from '../../src/domains/leads/index.ts';
import { teamList } from '../factories/appointments.ts';
import { storeHeldAppointment } from '../../src/domains/appointments/testing.ts';
import { addRule, availableSlots, bookingToken, leadBookingUrl } from '../../src/domains/appointments/index.ts';
import { storedMail } from '../../src/platform/mail/index.ts';

let rt: TestRuntime;
const cookies: Record<Role, string> = { admin: '', recruiter: '', editor: '' };
const staff = {} as Record<Role, StaffUserFixture>;
let ruleId = '';
let appointmentId = '';
// Monday 9 November 2026, 10:00 Rome.
const clock = new Date('2026-11-09T09:00:00Z');

beforeAll(async () => {
  rt = await testRuntime({ now: () => clock, work: false });
  for (const role of ['admin', 'recruiter', 'editor'] as const) {
    staff[role] = await createStaff(rt, { role, name: `Persona ${role}` });
    cookies[role] = await signIn(rt, staff[role].email, staff[role].password);
  }
  const actor = { id: staff.recruiter.id, label: 'r', role: 'recruiter' as const, memberships: [] };
  const r = await addRule(rt.deps, actor, { weekday: '3', startTime: '09:00', endTime: '11:00', slotMinutes: '45', bufferMinutes: '15', mode: 'in_person', location: 'Via Belenzani 1, Trento' });
  if (!r.ok) throw new Error('rule');
  ruleId = r.value.id;
  // A talk that began an hour ago (Monday 10:00 Rome), for the team to mark.
  const a = await storeHeldAppointment(rt.deps.db, { hostId: staff.recruiter.id, startsAt: new Date('2026-11-09T08:00:00Z'), endsAt: new Date('2026-11-09T08:45:00Z'), mode: 'video', location: 'https://meet.example.org/x', name: 'Carla Blu', email: 'carla@example.org' });
  appointmentId = a.id;
});
afterAll(() => rt.close());

describeRoleMatrix({
  app: () => rt.app,
  cookies,
  signInRedirect: /^\/accedi\?next=%2Fadmin%2Fappuntamenti/,
  successRedirect: /^\/admin\/appuntamenti\?esito=/,
  routes: [
    { method: 'GET', path: () => '/admin/appuntamenti', allowed: { admin: 200, recruiter: 200 } },
    {
      method: 'POST',
      path: () => '/admin/appuntamenti/regole',
      fields: () => ({ weekday: '5', startTime: '14:00', endTime: '15:00', slotMinutes: '30', bufferMinutes: '0', mode: 'video', location: 'https://meet.example.org/y' }),
      allowed: { admin: 303, recruiter: 303 },
    },
    { method: 'POST', path: () => '/admin/appuntamenti/link', fields: () => ({ email: 'x@example.org', locale: 'it' }), allowed: { admin: 200, recruiter: 200 } },
    { method: 'POST', path: () => `/admin/appuntamenti/${appointmentId}/stato`, fields: () => ({ status: 'no_show' }), allowed: { admin: 303, recruiter: 303 } },
    { method: 'POST', path: () => '/admin/appuntamenti/regole/00000000-0000-4000-8000-000000000000/elimina', fields: () => ({}), allowed: { admin: 404, recruiter: 404 } },
    // A rule is its owner's: another admin gets 404, not someone else's form.
    { method: 'GET', path: () => `/admin/appuntamenti/regole/${ruleId}/modifica`, allowed: { admin: 404, recruiter: 200 } },
    {
      method: 'POST',
      path: () => `/admin/appuntamenti/regole/${ruleId}/modifica`,
      fields: () => ({ weekday: '3', startTime: '09:00', endTime: '11:00', slotMinutes: '45', bufferMinutes: '15', mode: 'in_person', location: 'Via Belenzani 1, Trento' }),
      allowed: { admin: 404, recruiter: 303 },
    },
  ],
});

describe('/admin/appuntamenti', () => {
  it('lists my rules and the team appointments, in tables with captions', async () => {
    const html = await (await rt.app.request('/admin/appuntamenti', { headers: { cookie: cookies.recruiter } })).text();
    expect(html).toContain('<caption>Fasce settimanali: 2</caption>');
    expect(html).toContain('<td>Mercoledì</td><td>09:00–11:00</td><td>45 min + 15 min di pausa</td><td>In presenza</td><td>Via Belenzani 1, Trento</td>');
    expect(text(html)).toContain('Carla Blu');
    expect(html).toContain('Appuntamenti</a>');
  });

  it('re-shows the rule form with messages at the fields and what was typed', async () => {
    const res = await postForm(rt.app, '/admin/appuntamenti/regole', { weekday: '2', startTime: '10:00', endTime: '09:00', slotMinutes: '30', bufferMinutes: '5', mode: 'video', location: 'meet.example.org/x' }, { cookie: cookies.admin });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="endTime-error"');
    expect(text(html)).toContain("L'ora di fine deve seguire l'ora di inizio.");
    expect(text(html)).toContain('Indica un link che inizi con https://.');
    expect(html).toContain('value="meet.example.org/x"');
  });

  it('edits my rule in a prefilled form; a wrong value comes back at its field with what was typed', async () => {
    const form = await (await rt.app.request(`/admin/appuntamenti/regole/${ruleId}/modifica`, { headers: { cookie: cookies.recruiter } })).text();
    expect(form).toContain('<h1>Modifica la fascia</h1>');
    expect(form).toContain('value="Via Belenzani 1, Trento"');
    expect(form).toMatch(/<option value="3" selected="">Mercoledì<\/option>/);
    expect(form).toContain('value="45"');
    const bad = await postForm(rt.app, `/admin/appuntamenti/regole/${ruleId}/modifica`, { weekday: '3', startTime: '09:00', endTime: '11:00', slotMinutes: '500', bufferMinutes: '15', mode: 'in_person', location: 'Sala 2' }, { cookie: cookies.recruiter });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('id="slotMinutes-error"');
    expect(html).toContain('value="Sala 2"');
    const ok = await postForm(rt.app, `/admin/appuntamenti/regole/${ruleId}/modifica`, { weekday: '3', startTime: '09:00', endTime: '11:00', slotMinutes: '45', bufferMinutes: '15', mode: 'in_person', location: 'Via Belenzani 1, Trento' }, { cookie: cookies.recruiter });
    expect(ok.status).toBe(303);
    expect(text(await (await rt.app.request(ok.headers.get('location')!, { headers: { cookie: cookies.recruiter } })).text())).toContain('Fascia aggiornata.');
  });

  it('answers 404 to a rule or an appointment whose id is not one', async () => {
    expect((await rt.app.request('/admin/appuntamenti/regole/nessuna/modifica', { headers: { cookie: cookies.recruiter } })).status).toBe(404);
    expect((await postForm(rt.app, '/admin/appuntamenti/regole/nessuna/elimina', {}, { cookie: cookies.recruiter })).status).toBe(404);
    expect((await postForm(rt.app, '/admin/appuntamenti/nessuno/stato', { status: 'done' }, { cookie: cookies.recruiter })).status).toBe(404);
    // A status the page never offers is no change either.
    expect((await postForm(rt.app, `/admin/appuntamenti/${appointmentId}/stato`, { status: 'cancelled' }, { cookie: cookies.recruiter })).status).toBe(404);
  });

  it('creates a booking link for a person and deletes my own rule only', async () => {
    const res = await postForm(rt.app, '/admin/appuntamenti/link', { email: 'Laura@example.org', name: 'Laura', locale: 'en' }, { cookie: cookies.recruiter });
    const body = await res.text();
    // Valid 30 days from Monday 9 November 2026, 10:00 in Rome.
    expect(text(body)).toContain('valido fino al 9 dicembre 2026');
    const link = /<code id="booking-link">([^<]+)<\/code>/.exec(body)![1]!;
    expect(link).toMatch(/^http:\/\/localhost\/en\/appuntamento\//);
    const page = await rt.app.request(new URL(link).pathname);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="laura@example.org"');
    const bad = await postForm(rt.app, '/admin/appuntamenti/link', { email: 'non-valida', locale: 'it' }, { cookie: cookies.recruiter });
    expect(bad.status).toBe(422);

    expect((await postForm(rt.app, `/admin/appuntamenti/regole/${ruleId}/elimina`, {}, { cookie: cookies.admin })).status).toBe(404);
  });
});

describe('/appuntamento', () => {
  let leadToken = '';
  beforeAll(async () => {
    const lead = await createLead(rt.deps, { name: 'Elena Verdi', email: 'elena.verdi@example.org', phone: '+39 333 1234567', professionCode: 'infermiere', preferredTime: 'any', consent: 'on' }, { locale: 'it' });
    if (!lead.ok) throw new Error(JSON.stringify(lead.error));
    // The acknowledgement mail carries the signed booking link.
    const [ack] = await storedMail(rt.deps.db, { keys: [`lead-ack:${lead.value.id}`] });
    const url = leadBookingUrl(rt.deps.links, lead.value.id, 'it');
    expect(ack!.text).toContain(url);
    leadToken = url.split('/').pop()!;
  });

  it('prefills what the lead told us and lists free slots by day as radios', async () => {
    const res = await rt.app.request(`/appuntamento/${leadToken}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    const html = await res.text();
    expect(html).toContain('value="Elena Verdi"');
    expect(html).toContain('value="+39 333 1234567"');
    expect(html).toMatch(/<legend class="h6">mercoledì 11 novembre<\/legend>/);
    expect(text(html)).toContain('09:00–09:45 · In presenza · con Persona recruiter');
    expect(html).toContain('href="/privacy"');
  });

  it('asks for a slot at the field (422), then books; a second booking of the slot gets "slot just taken"', async () => {
    const missing = await postForm(rt.app, `/appuntamento/${leadToken}`, { name: 'Elena Verdi', email: 'elena.verdi@example.org' });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('id="slot-error"');
    const slot = (await availableSlots(rt.deps.db, clock))[0]!;
    const ok = await postForm(rt.app, `/appuntamento/${leadToken}`, { slot: slot.key, name: 'Elena Verdi', email: 'elena.verdi@example.org', topic: 'Turni' });
    expect(ok.status).toBe(303);
    const manage = ok.headers.get('location')!;
    expect(manage).toMatch(/^\/appuntamento\/gestisci\/.+\?esito=booked$/);
    const page = await (await rt.app.request(manage)).text();
    expect(text(page)).toContain('Appuntamento prenotato');

    const other = bookingToken(rt.deps.links.secret, { email: 'altro@example.org' });
    const taken = await postForm(rt.app, `/appuntamento/${other}`, { slot: slot.key, name: 'Altra Persona', email: 'altro@example.org' });
    expect(taken.status).toBe(409);
    const html = await taken.text();
    expect(text(html)).toContain("L'orario scelto è appena stato preso da un'altra persona.");
    expect(html).toContain('type="radio"');
    expect(html).toContain('value="Altra Persona"');

    // Move to the next slot, then the old link is gone; cancel from the new one.
    const next = (await availableSlots(rt.deps.db, clock))[0]!;
    const token = manage.split('/').pop()!.split('?')[0]!;
    const moved = await postForm(rt.app, `/appuntamento/gestisci/${token}/sposta`, { slot: next.key });
    expect(moved.status).toBe(303);
    expect((await rt.app.request(`/appuntamento/gestisci/${token}`)).status).toBe(404);
    const newToken = moved.headers.get('location')!.split('/').pop()!.split('?')[0]!;
    const cancelled = await postForm(rt.app, `/appuntamento/gestisci/${newToken}/annulla`, {});
    expect(cancelled.status).toBe(303);
    const after = await (await rt.app.request(cancelled.headers.get('location')!)).text();
    expect(text(after)).toContain('Appuntamento annullato.');
    expect(after).not.toContain('/sposta');
  });

  it('shows one week at a time with links to the previous and next week', async () => {
    const first = await (await rt.app.request(`/appuntamento/${leadToken}`)).text();
    expect(text(first)).toContain('Settimana 1 di 5');
    expect(first).toMatch(/<a href="\/appuntamento\/[^"]+\?settimana=2#settimana" rel="next">Settimana successiva →<\/a>/);
    expect(first).not.toContain('rel="prev"');
    expect(first).not.toContain('mercoledì 18 novembre');
    const second = await (await rt.app.request(`/appuntamento/${leadToken}?settimana=2`)).text();
    expect(text(second)).toContain('Settimana 2 di 5');
    expect(second).toContain('<legend class="h6">mercoledì 18 novembre</legend>');
    expect(second).not.toContain('mercoledì 11 novembre');
    expect(second).toMatch(/\?settimana=1#settimana" rel="prev"/);
    // The form keeps the week, so a message brings the person back to it.
    expect(second).toMatch(/action="\/appuntamento\/[^"]+\?settimana=2"/);
    const last = await (await rt.app.request(`/appuntamento/${leadToken}?settimana=9`)).text();
    expect(text(last)).toContain('Settimana 5 di 5');
    expect(last).not.toContain('rel="next"');
  });

  it('answers 410 to an expired email link, with a way to ask for a new one', async () => {
    const old = bookingToken(rt.deps.links.secret, { email: 'tardi@example.org', expiresAt: new Date(clock.getTime() - 60_000) });
    for (const res of [await rt.app.request(`/appuntamento/${old}`), await postForm(rt.app, `/appuntamento/${old}`, { slot: 'x', name: 'Tardi', email: 'tardi@example.org' })]) {
      expect(res.status).toBe(410);
      const html = await res.text();
      expect(html).toContain('<h1>Questo link è scaduto</h1>');
      expect(html).toContain('href="/contatti"');
      expect(html).not.toMatch(/at .*\.ts:\d+/);
    }
    const en = await rt.app.request(`/en/appuntamento/${old}`);
    expect(en.status).toBe(410);
    expect(await en.text()).toContain('This link has expired');
  });

  it('limits the posts on one link: the 11th within an hour gets 429 with Retry-After, nothing booked', async () => {
    const link = bookingToken(rt.deps.links.secret, { email: 'insistente@example.org', expiresAt: new Date(clock.getTime() + 86_400_000) });
    const statuses: number[] = [];
    // An invalid form each time (no slot): 422 until the limit, then 429 — and the English page too.
    for (let i = 0; i < 10; i++) statuses.push((await postForm(rt.app, `/appuntamento/${link}`, { name: 'Insistente', email: 'insistente@example.org' })).status);
    expect(statuses).toEqual(Array(10).fill(422));
    const res = await postForm(rt.app, `/en/appuntamento/${link}`, { name: 'Insistente', email: 'insistente@example.org' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.text()).toContain('<h1>Too many attempts</h1>');
    expect((await teamList(rt.deps)).filter((a) => a.email === 'insistente@example.org')).toEqual([]);
  });

  it('answers 404 to a forged link', async () => {
    expect((await rt.app.request(`/appuntamento/${leadToken.slice(0, -2)}xx`)).status).toBe(404);
    expect((await rt.app.request('/appuntamento/gestisci/nonsense')).status).toBe(404);
  });
});
