// The webinar journey: a recruiter creates a webinar in /admin/incontri; a visitor finds it on
// /webinar, registers (a missing consent first, then fixed) and gets the confirmation with an ICS
// invitation; after the webinar the recruiter marks attendance; another webinar is cancelled, its
// registrant gets METHOD:CANCEL and the public page says so. axe runs on every page; pages are
// saved for the Nu HTML checker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { fillSignIn, follow, startJourney, visit, type Journey } from './support/index.ts';
import { createStaff, type StaffUserFixture } from '../support/http.ts';
import { romeParts } from '../../src/platform/i18n/format.ts';
import { createMeeting, registerForWebinar } from '../../src/domains/meetings/index.ts';
import { buildClosedCall, buildRankedList } from '../factories/rankings.ts';

let j: Journey;
let clock = new Date('2026-06-01T08:00:00Z');
let staff: StaffUserFixture;
const EMAIL = 'luca.ferri@example.org';
const TITLE = 'Lavorare come infermiere in Trentino';

beforeAll(async () => {
  j = await startJourney({ now: () => clock });
  staff = await createStaff(j.rt, { role: 'recruiter', name: 'Marta Accoglienza' });
});
afterAll(() => j?.close());

async function signInAs(path: string) {
  const { page } = j;
  await visit(page, path);
  expect(new URL(page.url()).pathname).toBe('/accedi');
  await fillSignIn(page, staff);
}

describe('a webinar from creation to attendance', () => {
  it('a recruiter creates a webinar with a public registration page', async () => {
    const { page } = j;
    await signInAs('/admin/incontri');
    expect(new URL(page.url()).pathname).toBe('/admin/incontri');
    await follow(page, page.getByRole('link', { name: 'Nuovo incontro' }));
    await page.locator('#kind').selectOption('webinar');
    await page.locator('#title').fill(TITLE);
    await page.locator('#descriptionMd').fill('Turni, alloggio e **formazione**: ne parliamo con chi ci lavora.');
    await page.locator('#date').fill('2026-07-01');
    await page.locator('#startTime').fill('18:00');
    await page.locator('#endTime').fill('19:00');
    await page.locator('#mode').selectOption('video');
    await page.locator('#location').fill('https://meet.example.org/infermieri');
    await page.locator('#capacity').fill('30');
    await page.click('label[for="registrationOpen-0"]');
    await follow(page, page.getByRole('button', { name: 'Salva' }));
    expect(await page.locator('h1').textContent()).toBe(TITLE);
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Incontro creato.');
  });

  it('the recruiter records a meeting with the directors of a discipline and the levers agreed', async () => {
    const { page } = j;
    await visit(page, '/admin/incontri/nuovo');
    await page.locator('#kind').selectOption('directors');
    await page.locator('#title').fill('Cardiologia: cosa offriamo');
    await page.locator('#disciplineCode').selectOption({ index: 1 });
    const discipline = (await page.locator('#disciplineCode option:checked').textContent())!;
    await page.locator('#date').fill('2026-06-20');
    await page.locator('#startTime').fill('10:00');
    await page.locator('#endTime').fill('11:00');
    await page.locator('#mode').selectOption('in_person');
    await page.locator('#location').fill('Sala riunioni, via Degasperi 79, Trento');
    await follow(page, page.getByRole('button', { name: 'Salva' }));
    expect(await page.locator('h1').textContent()).toBe('Cardiologia: cosa offriamo');
    await page.locator('#kind').selectOption('housing');
    await page.locator('#description').fill('Foresteria per i primi sei mesi');
    await page.locator('#owner').fill('Direzione amministrativa');
    await follow(page, page.getByRole('button', { name: 'Aggiungi la leva' }));
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Leva aggiunta.');
    expect(await page.locator('section[aria-labelledby="levers"] table').textContent()).toContain('Foresteria per i primi sei mesi');
    await follow(page, page.getByRole('link', { name: 'Torna agli incontri' }));
    await follow(page, page.getByRole('link', { name: 'Leve per disciplina' }));
    expect(await page.locator('main h2').first().textContent()).toBe(discipline);
    expect(await page.locator('main table').textContent()).toContain('Alloggio');
  });

  it('a visitor registers on the public page, first forgetting the consent, and gets the invitation', async () => {
    const { page, context, smtp } = j;
    await context.clearCookies();
    await visit(page, '/webinar');
    await follow(page, page.getByRole('link', { name: TITLE }));
    expect(await page.locator('main').textContent()).toContain('Posti disponibili: 30');
    await page.locator('#name').fill('Luca Ferri');
    await page.locator('#email').fill(EMAIL);
    const invalid = await follow(page, page.getByRole('button', { name: 'Iscriviti al webinar' }));
    expect(invalid.status()).toBe(422);
    expect(await page.locator('#consent-error').textContent()).toContain('devi acconsentire');
    expect(await page.locator('#name').inputValue()).toBe('Luca Ferri');
    await page.click('label[for="consent"]');
    await follow(page, page.getByRole('button', { name: 'Iscriviti al webinar' }));
    expect(new URL(page.url()).pathname).toBe('/webinar/grazie');
    expect(await page.locator('h1').textContent()).toBe('Iscrizione confermata');

    const mail = await smtp.waitFor((m) => m.to.includes(EMAIL));
    expect(mail.subject).toBe(`Iscrizione confermata: ${TITLE}`);
    const a = mail.parsed.attachments.find((x) => x.contentType.startsWith('text/calendar'))!;
    const ev = new ICAL.Event(new ICAL.Component(ICAL.parse(a.content.toString('utf8'))).getFirstSubcomponent('vevent')!);
    expect(ev.summary).toBe(TITLE);
    expect(romeParts(ev.startDate.toJSDate())).toMatchObject({ year: 2026, month: 7, day: 1, hour: 18, minute: 0 });

    const cancel = /https?:\/\/\S+\/webinar\/annulla\/\S+/.exec(mail.text)![0]!;
    await visit(page, new URL(cancel).pathname);
    expect(await page.locator('h1').textContent()).toBe("Annulla l'iscrizione");
  });

  it('after the webinar the recruiter marks attendance', async () => {
    const { page, context } = j;
    clock = new Date('2026-07-01T16:30:00Z'); // 18:30 in Rome, during the webinar
    await context.clearCookies();
    await signInAs('/admin/incontri');
    expect(new URL(page.url()).pathname).toBe('/admin/incontri');
    expect(await page.locator('main').textContent()).toContain(TITLE);
    await follow(page, page.getByRole('link', { name: TITLE }));
    await page.click('label:has-text("Luca Ferri presente")');
    await follow(page, page.getByRole('button', { name: 'Salva le presenze' }));
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Presenze salvate.');
    expect(await page.locator('input[name="present"]').isChecked()).toBe(true);
    clock = new Date('2026-07-02T08:00:00Z');
    await visit(page, '/admin/incontri?quando=past');
    expect(await page.locator('table').textContent()).toContain(TITLE);
  });

  it('the recruiter invites chosen candidates of a call to a meeting, and one more person by hand', async () => {
    const { page, smtp, rt } = j;
    const call = await buildClosedCall(rt.deps);
    await buildRankedList(rt.deps, { callId: call.id, candidates: 3, locale: (i) => (i === 2 ? 'en' : 'it') });
    const made = await createMeeting(rt.deps, { id: staff.id, label: staff.email, role: 'recruiter', memberships: [] }, {
      kind: 'candidates',
      callId: call.id,
      title: 'Benvenuti in reparto',
      date: '2026-07-10',
      startTime: '10:00',
      endDate: '2026-07-11',
      endTime: '12:00',
      mode: 'in_person',
      location: 'Sala riunioni, via Degasperi 79, Trento',
    });
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    await visit(page, `/admin/incontri/${made.value.id}`);
    await follow(page, page.getByRole('link', { name: 'Invita i candidati' }));
    expect(await page.locator('h1').textContent()).toBe('Invita i candidati a «Benvenuti in reparto»');
    const labels = page.locator('label[for^="cand-"]');
    expect(await labels.count()).toBe(3);
    await labels.nth(1).click();
    await follow(page, page.getByRole('button', { name: 'Invita i candidati scelti' }));
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Inviti inviati.');
    const invite = await smtp.waitFor((m) => m.subject === 'Invitation: Benvenuti in reparto');
    expect(invite.text).toContain('/en/webinar/annulla/');

    await page.locator('#name').fill('Chiara Fontana');
    await page.locator('#email').fill('chiara.fontana@example.org');
    await follow(page, page.getByRole('button', { name: "Iscrivi e invia l'invito" }));
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Persona iscritta');
    expect(await page.locator('section[aria-labelledby="registrants"] table').textContent()).toContain('Chiara Fontana');
    await smtp.waitFor((m) => m.to.includes('chiara.fontana@example.org') && m.subject === 'Invito: Benvenuti in reparto');
  });

  it('the recruiter cancels another webinar: the registrant is told, the public page says so', async () => {
    const { page, smtp, rt } = j;
    const made = await createMeeting(rt.deps, { id: staff.id, label: staff.email, role: 'recruiter', memberships: [] }, {
      kind: 'webinar',
      title: 'Webinar sulle specializzazioni',
      date: '2026-07-20',
      startTime: '17:00',
      endTime: '18:00',
      mode: 'video',
      location: 'https://meet.example.org/spec',
      registrationOpen: 'on',
    });
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    const reg = await registerForWebinar(rt.deps, made.value.slug, { name: 'Anna Conti', email: 'anna.conti@example.org', locale: 'it', consent: 'on' }, {});
    if (!reg.ok) throw new Error(JSON.stringify(reg.error));

    await visit(page, `/admin/incontri/${made.value.id}`);
    await follow(page, page.getByRole('link', { name: "Annulla l'incontro" }));
    expect(await page.locator('h1').textContent()).toBe("Annulla l'incontro");
    expect(await page.locator('main').textContent()).toContain('Gli iscritti attivi (1)');
    await follow(page, page.getByRole('button', { name: "Sì, annulla l'incontro" }));
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Incontro annullato');
    expect(await page.locator('main').textContent()).toContain('Questo incontro è stato annullato.');

    const mail = await smtp.waitFor((m) => m.to.includes('anna.conti@example.org') && m.subject.startsWith('Annullato'));
    const a = mail.parsed.attachments.find((x) => x.contentType.startsWith('text/calendar'))!;
    const comp = new ICAL.Component(ICAL.parse(a.content.toString('utf8')));
    const ev = new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
    expect(comp.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(ev.uid).toBe(`meeting-${made.value.id}@${new URL(rt.deps.links.baseUrl).host}`);
    expect(ev.sequence).toBe(1);

    await j.context.clearCookies();
    await visit(page, `/webinar/${made.value.slug}`);
    expect(await page.locator('main').textContent()).toContain('Questo webinar è stato annullato.');
    expect(await page.locator('form[method="post"] #consent').count()).toBe(0);
  });
});
