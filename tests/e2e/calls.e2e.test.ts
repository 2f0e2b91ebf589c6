// The journeys of issue 2: staff sign in, create a call (fixing a mistake on the way) and publish
// it; a visitor finds it with the filters, opens it, and switches to English on the same page.
// axe runs on every page visited; every page is saved for the Nu HTML checker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillSignIn, follow, selectAndSettle, startJourney, visit, type Journey } from './support/index.ts';
import { createStaff } from '../support/http.ts';
import { buildOrganisation } from '../factories/index.ts';
import { toRomeLocal } from '../../src/platform/i18n/format.ts';

let j: Journey;
let employerName: string;
const TITLE = 'Dirigente medico di Nefrologia – Rovereto';

beforeAll(async () => {
  j = await startJourney();
  employerName = (await buildOrganisation(j.rt.deps.db, { name: 'Ospedale di Rovereto (prova)' })).name;
});
afterAll(() => j?.close());

describe('staff publish a call, a visitor finds it', () => {
  it('a recruiter signs in, creates a call, corrects an error, and publishes it', async () => {
    const { page } = j;
    const staff = await createStaff(j.rt, { role: 'recruiter' });

    await visit(page, '/admin');
    expect(new URL(page.url()).pathname).toBe('/accedi');
    await fillSignIn(page, staff);
    expect(new URL(page.url()).pathname).toBe('/admin');

    await visit(page, '/admin/bandi');
    await follow(page, page.getByRole('link', { name: /nuovo bando/i }).first());
    expect(new URL(page.url()).pathname).toBe('/admin/bandi/nuovo');

    await page.getByLabel('Titolo', { exact: false }).first().fill(TITLE);
    await page.locator('#type').selectOption('concorso_pubblico');
    await page.locator('#employerId').selectOption({ label: employerName });
    await selectAndSettle(page, '#professionCode', 'medico_chirurgo');
    await page.locator('#disciplineCode').selectOption('19');
    await page.locator('#posts').fill('2');
    await page.locator('#contractTerm').selectOption('indeterminato');
    await page.locator('#workplaces').fill('Rovereto');
    await page.locator('#descriptionMd').fill("L'unità operativa di **Nefrologia** cerca due dirigenti medici.");
    const deadline = toRomeLocal(new Date(Date.now() + 20 * 86_400_000));
    await page.locator('#deadlineDate').fill(deadline.date);
    await page.locator('#deadlineTime').fill('12:00');
    // A mistake: the application link must be https.
    await page.locator('#applicationUrl').fill('http://concorsi.example.org/nefrologia');
    const invalid = await follow(page, page.getByRole('button', { name: 'Crea il bando in bozza' }));
    expect(invalid.status()).toBe(422);
    await expect.poll(() => page.locator('#applicationUrl-error').textContent()).toContain('https://');
    expect(await page.locator('#title').inputValue()).toBe(TITLE);

    await page.locator('#applicationUrl').fill('https://concorsi.example.org/nefrologia');
    await follow(page, page.getByRole('button', { name: 'Crea il bando in bozza' }));
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/bandi\/[0-9a-f-]{36}$/);

    await follow(page, page.getByRole('button', { name: 'Pubblica ora' }));
    expect(await page.locator('main').textContent()).toMatch(/Aperto/);
  });

  it('a visitor filters the list, opens the call, and reads it in English', async () => {
    const { page, context } = j;
    await context.clearCookies();
    await visit(page, '/bandi');
    await page.locator('#profession').selectOption('medico_chirurgo');
    await page.locator('#discipline').selectOption('19');
    await page.locator('#province').selectOption('TN');
    await follow(page, page.getByRole('button', { name: 'Applica i filtri' }));
    const url = new URL(page.url());
    expect(url.searchParams.get('discipline')).toBe('19');
    expect(url.searchParams.get('province')).toBe('TN');
    expect(await page.locator('main').textContent()).toContain(TITLE);

    await follow(page, page.getByRole('link', { name: TITLE }));
    expect(new URL(page.url()).pathname).toMatch(/^\/bandi\/dirigente-medico-di-nefrologia-rovereto$/);
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent())!);
    expect(ld['@type']).toBe('JobPosting');
    expect(ld.title).toBe(TITLE);
    expect(await page.getByRole('link', { name: 'Candidati sul portale ufficiale' }).count()).toBe(1);

    await follow(page, page.locator('a[hreflang="en"]'));
    expect(new URL(page.url()).pathname).toBe('/en/bandi/dirigente-medico-di-nefrologia-rovereto');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toContain(TITLE);
  });
});
