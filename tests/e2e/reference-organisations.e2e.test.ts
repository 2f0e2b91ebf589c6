// Browser journey of an administrator through reference data and organisations: sources, the
// relation of a discipline and its reverse, adding an edge, creating and editing an organisation —
// axe-clean on every page, each page saved for the Nu HTML checker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, parseCookieHeader, signIn } from '../support/http.ts';
import { follow, startJourney, visit, type Journey } from './support/index.ts';

let j: Journey;
beforeAll(async () => {
  j = await startJourney();
  const admin = await createStaff(j.rt, { role: 'admin' });
  // Signed in over HTTP: the sign-in page has its own journey; this one is about the admin pages.
  const cookie = await signIn(j.rt, admin.email, admin.password);
  await j.context.addCookies([...parseCookieHeader(cookie)].map(([name, value]) => ({ name, value, url: j.baseUrl })));
});
afterAll(() => j?.close());

describe('reference data', () => {
  it('shows the sources, the admitted specialisations of a discipline and the reverse view', async () => {
    const { page } = j;
    await visit(page, '/admin/riferimenti');
    expect(await page.locator('h1').textContent()).toBe('Dati di riferimento');
    await page.selectOption('#disciplina', '19');
    await follow(page, page.locator('form[action$="#per-disciplina"] button'));
    expect(await page.locator('#per-disciplina').textContent()).toContain('Nefrologia');
    expect(await page.locator('section[aria-labelledby="per-disciplina"] tbody').textContent()).toContain('Urologia');

    await page.selectOption('#specializzazione', 'urologia');
    await follow(page, page.locator('form[action$="#per-specializzazione"] button'));
    expect(await page.locator('section[aria-labelledby="per-specializzazione"]').textContent()).toContain('Urologia → posto in Nefrologia');
  });

  // The 422 re-render of an invalid form is covered over HTTP (tests/reference/admin.test.ts): the
  // journey helpers count Chromium's "status of 422" console line as a browser problem.
  it('adds an edge through the form', async () => {
    const { page } = j;
    // Medicina trasfusionale (47) has no edge to this school yet: an administrator adds one.
    await visit(page, '/admin/riferimenti/relazioni/nuova?disciplina=47');
    await page.selectOption('#kind', 'affine');
    await page.selectOption('#specialisationCode', 'patologia-clinica-e-biochimica-clinica');
    await page.fill('#source', 'DM 31-1-1998');
    await follow(page, page.locator('main form[novalidate] button[type="submit"]'));
    expect(await page.locator('[role="status"]').textContent()).toContain('Relazione aggiunta.');
    await follow(page, page.locator('a[aria-label^="Correggi o disattiva: Patologia clinica"]'), 'edge');
    expect(await page.locator('h1').textContent()).toContain('Patologia clinica');
  });
});

describe('organisations', () => {
  it('creates an organisation and edits it', async () => {
    const { page } = j;
    await visit(page, '/admin/enti');
    await follow(page, page.locator('a[href="/admin/enti/nuovo"]'));
    await page.fill('#name', 'RSA Villa dei Pini');
    await page.selectOption('#kind', 'nursing_home');
    await page.fill('#website', 'https://villa.example');
    await page.fill('#comune', 'Samone (TN)');
    await follow(page, page.locator('main form[novalidate] button[type="submit"]'));
    expect(await page.locator('h1').textContent()).toBe('RSA Villa dei Pini');
    expect(await page.locator('main dl').textContent()).toContain('rsa-villa-dei-pini');
    await follow(page, page.locator('a[href$="/modifica"]'));
    await page.click('label[for="isPartner"]'); // Bootstrap Italia draws the box on the label
    await follow(page, page.locator('main form[novalidate] button[type="submit"]'));
    expect(await page.locator('main dl').textContent()).toContain('partner');
    await visit(page, '/en/admin/enti');
  });
});
