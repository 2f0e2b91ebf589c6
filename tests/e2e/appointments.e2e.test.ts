// The booking journey: a person leaves their references on /contatti, the acknowledgement mail
// carries a signed booking link, they book a slot in the browser (no JavaScript needed), get the
// confirmation with its calendar file, move the talk from the personal link, then cancel it. axe
// runs on every page; pages are saved for the Nu HTML checker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { follow, startJourney, visit, type Journey } from './support/index.ts';
import { createStaff } from '../support/http.ts';
import type { ReceivedMail } from '../support/smtp.ts';
import { addRule } from '../../src/domains/appointments/index.ts';
import { appointments } from '../../src/domains/appointments/tables.ts';

let j: Journey;
const EMAIL = 'davide.russo@example.org';

beforeAll(async () => {
  j = await startJourney();
  const host = await createStaff(j.rt, { role: 'recruiter', name: 'Marta Accoglienza' });
  // Every day, so the journey finds free slots whenever it runs.
  for (let weekday = 1; weekday <= 7; weekday++) {
    const r = await addRule(j.rt.deps, { id: host.id, label: host.email, role: 'recruiter' }, { weekday: String(weekday), startTime: '08:00', endTime: '18:00', slotMinutes: '30', bufferMinutes: '0', mode: 'video', location: 'https://meet.example.org/accoglienza' });
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
});
