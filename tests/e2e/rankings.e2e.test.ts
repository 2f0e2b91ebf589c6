// The journey of issue 4 parts 1–2: staff import a ranked list from a CSV file for a closed call,
// publish it, open one post, offer to the first candidate (the mail arrives), record a renunciation
// for housing, see the second candidate proposed, offer and accept; a third says no before any offer
// and the fourth is proposed; the index of all lists shows the counts. axe runs on every page visited;
// every page is saved for the Nu HTML checker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillSignIn, follow, startJourney, visit, type Journey } from './support/index.ts';
import { createStaff } from '../support/http.ts';
import { buildClosedCall } from '../factories/rankings.ts';
import type { Call } from '../../src/domains/calls/index.ts';

let j: Journey;
let call: Call;

beforeAll(async () => {
  j = await startJourney();
  call = await buildClosedCall(j.rt.deps);
});
afterAll(() => j?.close());

const CSV = 'rank;name;email;pec;phone;score;preference;reserve;language\n1;Anna Rossi;anna.rossi@example.org;anna.rossi@pec.example.org;+39 333 1111111;88,5;;;en\n2;Bruno Verdi;bruno.verdi@example.org;;+39 333 2222222;80;sì;;it\n3;Carla Neri;carla.neri@example.org;;;75;;x;it\n4;Dario Bianchi;dario.bianchi@example.org;;;70;;;it\n';

describe('the desk works a ranked list down to a hire', () => {
  it('imports, publishes, offers, records a renunciation, proposes the next, accepts', async () => {
    const { page, smtp } = j;
    const staff = await createStaff(j.rt, { role: 'recruiter' });
    await visit(page, '/accedi');
    await fillSignIn(page, staff);

    await visit(page, `/admin/bandi/${call.id}`);
    await follow(page, page.getByRole('link', { name: 'Le graduatorie di questo bando' }));
    await page.locator('#actRef').fill('Determina n. 45 del 2026');
    await follow(page, page.getByRole('button', { name: 'Crea la graduatoria' }));
    expect(page.url()).toMatch(/\/admin\/graduatorie\/[0-9a-f-]{36}\?esito=created$/);

    await page.locator('#file').setInputFiles({ name: 'graduatoria.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await follow(page, page.getByRole('button', { name: 'Carica e controlla' }));
    expect(await page.locator('main').textContent()).toContain('Tutte le 4 righe');
    await follow(page, page.getByRole('button', { name: 'Importa 4 candidati' }));
    expect(await page.locator('#candidates tbody tr').count()).toBe(4);

    await follow(page, page.getByRole('button', { name: 'Pubblica la graduatoria' }));
    expect(await page.locator('#validity').textContent()).toMatch(/ancora 73[01] giorni/);

    // The public page: names and scores, no contacts.
    await visit(page, `/graduatorie/${call.slug}`);
    const publicText = (await page.locator('main').textContent())!;
    expect(publicText).toContain('Anna Rossi');
    expect(publicText).not.toContain('@');
    await page.goBack();

    await page.locator('#posts').fill('1');
    await follow(page, page.getByRole('button', { name: 'Apri i posti' }));
    expect(await page.locator('#candidates tbody tr').nth(0).textContent()).toContain('Da contattare');
    expect(await page.locator('#candidates tbody tr').nth(1).textContent()).toContain('In attesa');

    await follow(page, page.getByRole('link', { name: 'Anna Rossi' }));
    await follow(page, page.getByRole('button', { name: "Invia l'offerta" }));
    expect(await page.locator('#state').textContent()).toBe('Offerta inviata');
    const offer = await smtp.waitFor((m) => m.to.includes('anna.rossi@example.org'));
    expect(offer.subject).toMatch(/^Job offer: /);

    await page.locator('#outcome').selectOption('renounced');
    await page.locator('#reason').selectOption('housing');
    await page.locator('#reasonText').fill('Non trova casa vicino al reparto');
    await follow(page, page.getByRole('button', { name: "Registra l'esito" }));
    expect(await page.locator('#state').textContent()).toBe('Ha rinunciato');
    expect(await page.locator('#offers').textContent()).toContain('Alloggio');

    await follow(page, page.getByRole('link', { name: /Torna alla graduatoria/ }));
    expect(await page.locator('#candidates tbody tr').nth(1).textContent()).toContain('Da contattare');
    await follow(page, page.getByRole('link', { name: 'Bruno Verdi' }));
    await follow(page, page.getByRole('button', { name: "Invia l'offerta" }));
    const second = await smtp.waitFor((m) => m.to.includes('bruno.verdi@example.org'));
    expect(second.subject).toMatch(/^Proposta di assunzione/);
    await page.locator('#outcome').selectOption('accepted');
    await follow(page, page.getByRole('button', { name: "Registra l'esito" }));
    expect(await page.locator('#state').textContent()).toBe('Ha accettato');

    // One more post: Carla says no on the phone before any offer, and Dario is proposed.
    await follow(page, page.getByRole('link', { name: /Torna alla graduatoria/ }));
    await page.locator('#posts').fill('1');
    await follow(page, page.getByRole('button', { name: 'Apri i posti' }));
    await follow(page, page.getByRole('link', { name: 'Carla Neri' }));
    expect(await page.locator('#state').textContent()).toBe('Da contattare');
    await page.locator('#channel').selectOption('phone');
    await page.locator('#result').selectOption('reached');
    await follow(page, page.getByRole('button', { name: 'Registra il contatto' }));
    await page.locator('#outcome').selectOption('renounced');
    await page.locator('#reason').selectOption('distance_family');
    await page.locator('#reasonText').fill('Non vuole lasciare la famiglia');
    await follow(page, page.getByRole('button', { name: "Registra l'esito" }));
    expect(await page.locator('#state').textContent()).toBe('Ha rinunciato');
    await follow(page, page.getByRole('link', { name: /Torna alla graduatoria/ }));
    expect(await page.locator('#candidates tbody tr').nth(2).textContent()).toContain('Ha rinunciato');
    expect(await page.locator('#candidates tbody tr').nth(3).textContent()).toContain('Da contattare');

    // The index of every list, from the back-office menu.
    await follow(page, page.locator('nav.admin-nav').getByRole('link', { name: 'Graduatorie', exact: true }));
    await page.locator('#q').fill(call.title);
    await follow(page, page.getByRole('button', { name: 'Cerca' }));
    const row = page.locator('tbody tr').first();
    expect(await row.textContent()).toMatch(/ancora 73[01] giorni/);
    expect((await row.locator('td').allTextContents()).slice(3)).toEqual(['2', '2', '1', '2']);
    await follow(page, page.getByRole('link', { name: /Bandi chiusi senza graduatoria/ }));
    expect(await page.locator('h1').textContent()).toBe('Bandi chiusi senza graduatoria');
  }, 240_000);
});
