// The booking journey: a person leaves their references on /contatti, the acknowledgement mail
// carries a signed booking link, they book a slot in the browser (no JavaScript needed), get the
// confirmation with its calendar file, move the talk from the personal link, then cancel it. The
// slots come one week at a time (next/previous week links, used with the keyboard); an expired
// email link answers 410 with a way to ask again. axe runs on every page; pages are saved for the
// Nu HTML checker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { fillSignIn, follow, startJourney, visit, type Journey } from './support/index.ts';
import { createStaff, type StaffUserFixture } from '../support/http.ts';
import type { ReceivedMail } from '../support/smtp.ts';
import { addRule, bookingToken } from '../../src/domains/appointments/index.ts';
import { appointments } from '../../src/domains/appointments/tables.ts';

let j: Journey;
let host: StaffUserFixture;
const EMAIL = 'davide.russo@example.org';

beforeAll(async () => {
  j = await startJourney();
  host = await createStaff(j.rt, { role: 'recruiter', name: 'Marta Accoglienza' });
  // Every day, so the journey finds free slots whenever it runs.
  for (let weekday = 1; weekday <= 7; weekday++) {
    const r = await addRule(j.rt.deps, { id: host.id, label: host.email, role: 'recruiter', memberships: [] }, { weekday: String(weekday), startTime: '08:00', endTime: '18:00', slotMinutes: '30', bufferMinutes: '0', mode: 'video', location: 'https://meet.example.org/accoglienza' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
});
afterAll(() => j?.close());

function calendar(m: ReceivedMail) {
  const att = m.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'))!;
  const cal = new ICAL.Component(ICAL.parse(att.content.toString('utf8')));
  const ev = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
  return { method: cal.getFirstPropertyValue('method'), uid: ev.uid, sequence: ev.sequence, start: ev.startDate.toJSDate() };
}

const pathOf = (text: string, re: RegExp) => new URL(re.exec(text)![0]).pathname;

async function pickSlot(j: Journey, index: number) {
  const id = await j.page.locator('input[name="slot"]').nth(index).getAttribute('id');
  await j.page.click(`label[for="${id}"]`); // Bootstrap Italia draws the radio on the label
}

describe('book a talk with the welcome team', () => {
  it('leaves references, books from the acknowledgement, moves and cancels', async () => {
    const { page, smtp, rt } = j;
    await visit(page, '/contatti');
    await page.locator('#name').fill('Davide Russo');
    await page.locator('#email').fill(EMAIL);
    await page.locator('#phone').fill('+39 347 000 1111');
    await page.locator('#professionCode').selectOption('infermiere');
    await page.click('label[for="consent"]');
    await follow(page, page.getByRole('button', { name: 'Invia i miei riferimenti' }));
    expect(new URL(page.url()).pathname).toBe('/contatti/grazie');

    const ack = await smtp.waitFor((m) => m.to.includes(EMAIL) && m.subject === 'Abbiamo ricevuto i tuoi riferimenti');
    expect(ack.text).toContain('prenota subito un colloquio con noi');
    await visit(page, pathOf(ack.text, /http\S+\/appuntamento\/[\w.-]+/));
    expect(await page.locator('h1').textContent()).toBe("Prenota un colloquio con l'accoglienza");
    expect(await page.locator('#name').inputValue()).toBe('Davide Russo');
    expect(await page.locator('#phone').inputValue()).toBe('+39 347 000 1111');

    // One week at a time: to the next week and back with the keyboard alone.
    expect(await page.locator('#settimana').textContent()).toContain('Settimana 1 di 5');
    const firstDay = await page.locator('fieldset legend').first().textContent();
    await page.getByRole('link', { name: 'Settimana successiva →' }).focus();
    await follow(page, () => page.keyboard.press('Enter'));
    expect(new URL(page.url()).searchParams.get('settimana')).toBe('2');
    expect(await page.locator('#settimana').textContent()).toContain('Settimana 2 di 5');
    expect(await page.locator('fieldset legend').first().textContent()).not.toBe(firstDay);
    expect(await page.locator('#name').inputValue()).toBe('Davide Russo');
    await page.getByRole('link', { name: '← Settimana precedente' }).focus();
    await follow(page, () => page.keyboard.press('Enter'));
    expect(await page.locator('#settimana').textContent()).toContain('Settimana 1 di 5');

    await pickSlot(j, 0);
    await page.locator('#topic').fill('Turni e alloggio');
    await follow(page, page.getByRole('button', { name: 'Prenota il colloquio' }));
    expect(await page.locator('h1').textContent()).toBe('Il tuo appuntamento');
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Appuntamento prenotato');

    const [booked] = await rt.deps.db.select().from(appointments).where(eq(appointments.email, EMAIL));
    const confirm = await smtp.waitFor((m) => m.to.includes(EMAIL) && m.subject.startsWith('Colloquio confermato'));
    const c1 = calendar(confirm);
    expect(c1).toMatchObject({ method: 'REQUEST', uid: `appointment-${booked!.id}@approdo`, sequence: 0 });
    expect(c1.start.getTime()).toBe(booked!.startsAt.getTime());

    // From the personal link in the mail: move to another time.
    await visit(page, pathOf(confirm.text, /http\S+\/appuntamento\/gestisci\/[\w.-]+/));
    await pickSlot(j, 2);
    await follow(page, page.getByRole('button', { name: 'Sposta a questo orario' }));
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Appuntamento spostato');
    const moved = await smtp.waitFor((m) => m.to.includes(EMAIL) && m.subject.startsWith('Colloquio spostato'));
    const c2 = calendar(moved);
    const [after] = await rt.deps.db.select().from(appointments).where(eq(appointments.id, booked!.id));
    expect(c2).toMatchObject({ method: 'REQUEST', uid: c1.uid, sequence: 1 });
    expect(c2.start.getTime()).toBe(after!.startsAt.getTime());
    expect(after!.startsAt.getTime()).not.toBe(booked!.startsAt.getTime());

    await follow(page, page.getByRole('button', { name: "Annulla l'appuntamento" }));
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Appuntamento annullato.');
    const cancelled = await smtp.waitFor((m) => m.to.includes(EMAIL) && m.subject.startsWith('Colloquio annullato'));
    expect(calendar(cancelled)).toMatchObject({ method: 'CANCEL', uid: c1.uid, sequence: 1 });
  });

  it('an expired link from the team says so (410) and offers to ask for a new one', async () => {
    const { page, rt } = j;
    const token = bookingToken(rt.deps.links.secret, { email: 'tardi@example.org', expiresAt: new Date(Date.now() - 60_000) });
    const res = await visit(page, `/appuntamento/${token}`);
    expect(res!.status()).toBe(410);
    expect(await page.locator('h1').textContent()).toBe('Questo link è scaduto');
    await follow(page, page.getByRole('link', { name: 'Chiedi un nuovo link' }));
    expect(new URL(page.url()).pathname).toBe('/contatti');
  });

  it('the host edits a weekly window: a wrong value comes back at its field, then it is saved', async () => {
    const { page, context } = j;
    await context.clearCookies();
    await visit(page, '/admin/appuntamenti');
    await fillSignIn(page, host);
    expect(new URL(page.url()).pathname).toBe('/admin/appuntamenti');
    await follow(page, page.getByRole('link', { name: 'Modifica: Lunedì 08:00–18:00' }));
    expect(await page.locator('h1').textContent()).toBe('Modifica la fascia');
    expect(await page.locator('#location').inputValue()).toBe('https://meet.example.org/accoglienza');
    await page.locator('#endTime').fill('07:00');
    const bad = await follow(page, page.getByRole('button', { name: 'Salva la fascia' }));
    expect(bad.status()).toBe(422);
    expect(await page.locator('#endTime-error').textContent()).toContain("L'ora di fine deve seguire l'ora di inizio.");
    await page.locator('#endTime').fill('12:00');
    await follow(page, page.getByRole('button', { name: 'Salva la fascia' }));
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Fascia aggiornata.');
    expect(await page.locator('section[aria-labelledby="rules"] table').textContent()).toContain('08:00–12:00');
  });
});
