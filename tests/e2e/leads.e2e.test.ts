// The "leave your references" journey: a visitor's search on /bandi finds nothing, they fill in the
// form shown there (a wrong email first, then fixed), see the thanks page and get the
// acknowledgement; the welcome team finds the lead in /admin/contatti, takes it, marks it
// contacted and adds a note. Also the privacy notice. axe runs on every page; pages are saved for
// the Nu HTML checker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillSignIn, follow, startJourney, visit, type Journey } from './support/index.ts';
import { createStaff } from '../support/http.ts';
import { buildOrganisation } from '../factories/index.ts';

let j: Journey;
const HOST_EMAIL = 'accoglienza@azienda-prova.example.it';
const EMAIL = 'sara.colombo@example.org';

beforeAll(async () => {
  j = await startJourney();
  await buildOrganisation(j.rt.deps.db, { name: 'Azienda sanitaria di prova', kind: 'health_agency', isHost: true, email: HOST_EMAIL });
});
afterAll(() => j?.close());

describe('no call for me: leave your references', () => {
  it('a visitor whose search finds nothing leaves their references through the form on /bandi', async () => {
    const { page, smtp } = j;
    await visit(page, '/bandi');
    await page.locator('#q').fill('ortottista a Canazei');
    await follow(page, page.getByRole('button', { name: 'Applica i filtri' }));
    expect(await page.locator('#results').textContent()).toContain('Nessun bando trovato');
    const block = page.locator('section.lead-block');
    expect(await block.locator('h3').textContent()).toBe('Nessun bando per te? Lascia i tuoi riferimenti');

    await page.locator('#lead-name').fill('Sara Colombo');
    await page.locator('#lead-email').fill('sara.colombo@example'); // a mistake: no domain suffix
    await page.locator('#lead-phone').fill('+39 340 555 0101');
    await page.locator('#lead-preferredTime').selectOption('afternoon');
    await page.locator('#lead-professionCode').selectOption('ortottista');
    await page.locator('#lead-message').fill('Ortottista con tre anni di esperienza, cerco lavoro in val di Fassa.');
    await page.click('label[for="lead-consent"]'); // Bootstrap Italia draws the box on the label
    const invalid = await follow(page, block.getByRole('button', { name: 'Invia i miei riferimenti' }));
    expect(invalid.status()).toBe(422);
    expect(new URL(page.url()).pathname).toBe('/contatti');
    expect(await page.locator('#email-error').textContent()).toContain('indirizzo email valido');
    expect(await page.locator('#name').inputValue()).toBe('Sara Colombo');
    expect(await page.locator('#message').inputValue()).toContain('val di Fassa');
    expect(await page.locator('#consent').isChecked()).toBe(true);
    expect(await page.locator('input[name="source"]').getAttribute('value')).toBe('bandi-empty');

    await page.locator('#email').fill(EMAIL);
    await follow(page, page.getByRole('button', { name: 'Invia i miei riferimenti' }));
    expect(new URL(page.url()).pathname).toBe('/contatti/grazie');
    expect(await page.locator('h1').textContent()).toBe('Grazie, abbiamo ricevuto i tuoi riferimenti');

    const ack = await smtp.waitFor((m) => m.to.includes(EMAIL));
    expect(ack.subject).toBe('Abbiamo ricevuto i tuoi riferimenti');
    expect(ack.text).toContain('Fascia oraria che hai indicato: pomeriggio (14-18).');
    const team = await smtp.waitFor((m) => m.to.includes(HOST_EMAIL));
    expect(team.subject).toMatch(/^Nuovo contatto: Sara Colombo/);
  });

  it('the visitor reads the privacy notice from the footer', async () => {
    const { page } = j;
    await follow(page, page.locator('footer').getByRole('link', { name: 'Informativa privacy' }));
    expect(new URL(page.url()).pathname).toBe('/privacy');
    expect(await page.locator('main').textContent()).toContain('Azienda sanitaria di prova');
    await follow(page, page.locator('a[hreflang="en"]'));
    expect(await page.locator('h1').textContent()).toBe('Privacy notice');
  });

  it('a recruiter finds the lead, takes it, marks it contacted and adds a note', async () => {
    const { page, context } = j;
    await context.clearCookies();
    const staff = await createStaff(j.rt, { role: 'recruiter', name: 'Marta Accoglienza' });
    await visit(page, '/admin/contatti');
    expect(new URL(page.url()).pathname).toBe('/accedi');
    await fillSignIn(page, staff);
    expect(new URL(page.url()).pathname).toBe('/admin/contatti');
    expect(await page.locator('table caption').textContent()).toContain('Contatti: 1');

    await follow(page, page.getByRole('link', { name: 'Sara Colombo' }));
    expect(await page.locator('h1').textContent()).toBe('Sara Colombo');
    expect(await page.locator('main').textContent()).toContain('Ricerca bandi senza risultati');
    await page.locator('#status').selectOption('contacted');
    await page.locator('#assigneeId').selectOption(staff.id);
    await follow(page, page.getByRole('button', { name: 'Salva stato e assegnazione' }));
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Stato e assegnazione salvati.');
    expect(await page.locator('#assigneeId').inputValue()).toBe(staff.id);

    await page.locator('#body').fill('Chiamata alle 15: disponibile da gennaio, preferisce Cavalese.');
    await follow(page, page.getByRole('button', { name: 'Aggiungi la nota' }));
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Nota aggiunta.');
    expect(await page.locator('section[aria-labelledby="notes"]').textContent()).toContain('Marta Accoglienza');

    await visit(page, '/admin/contatti?assegnatario=mine&stato=contacted');
    expect(await page.locator('table').textContent()).toContain('Sara Colombo');
  });

  it('an admin erases the lead on request, after a confirmation page', async () => {
    const { page, context } = j;
    await context.clearCookies();
    const admin = await createStaff(j.rt, { role: 'admin' });
    await visit(page, '/accedi?next=%2Fadmin%2Fcontatti');
    await fillSignIn(page, admin);
    await follow(page, page.getByRole('link', { name: 'Sara Colombo' }));
    await follow(page, page.getByRole('link', { name: 'Cancella i dati di questa persona' }));
    expect(await page.locator('h1').textContent()).toBe('Cancellare i dati di Sara Colombo?');
    await follow(page, page.getByRole('button', { name: 'Sì, cancella definitivamente' }));
    expect(await page.locator('[role="status"]').first().textContent()).toContain('I dati della persona sono stati cancellati.');
    expect(await page.locator('main').textContent()).toContain('Nessun contatto corrisponde ai filtri.');
  });

  it('the form page reads in English too', async () => {
    const { page, context } = j;
    await context.clearCookies();
    await visit(page, '/en/contatti');
    expect(await page.locator('h1').textContent()).toBe('Leave your references');
    expect(await page.locator('label[for="consent"]').textContent()).toContain('I have read the privacy notice');
  });
});
