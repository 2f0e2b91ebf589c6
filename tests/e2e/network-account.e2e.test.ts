// A person of the network (a partner's referent, no staff role) signs in with a link by mail:
// asks for it on /accedi (a wrong address first), opens the mail's link, presses the button, lands
// on their own page, goes into their organisation's portal, cannot reach another organisation's,
// downloads their data and erases their account — in Italian and English. axe runs on every page;
// pages are saved for the Nu HTML checker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { follow, startJourney, visit, type Journey } from './support/index.ts';
import { createMember } from '../support/http.ts';
import { buildOrganisation } from '../factories/index.ts';

let j: Journey;
let mine: { slug: string; name: string };
let other: { slug: string };
const EMAIL = 'referente.turismo@example.org';

beforeAll(async () => {
  j = await startJourney();
  const a = (await buildOrganisation(j.rt.deps.db, { name: 'Azienda per il turismo di prova', kind: 'tourism_board', isPartner: true }))!;
  const b = (await buildOrganisation(j.rt.deps.db, { name: 'Comune di prova', kind: 'municipality', isPartner: true }))!;
  mine = { slug: a.slug, name: a.name };
  other = { slug: b.slug };
  await createMember(j.rt, { organisationId: a.id, role: 'referent', email: EMAIL, name: 'Rita Referente' });
});
afterAll(() => j?.close());

describe('a partner referent with an account', () => {
  it('signs in with a link by mail, pressing a button on the page the link opens', async () => {
    const { page, smtp } = j;
    await visit(page, '/accedi');
    await page.locator('#link_email').fill('referente.turismo@example');
    const wrong = await follow(page, page.getByRole('button', { name: 'Inviami il collegamento' }));
    expect(wrong.status()).toBe(422);
    expect(await page.locator('#link_email-error').textContent()).toContain('indirizzo email valido');
    await page.locator('#link_email').fill(EMAIL);
    await follow(page, page.getByRole('button', { name: 'Inviami il collegamento' }));
    expect(await page.locator('h1').textContent()).toBe('Controlla la posta');

    const mail = await smtp.waitFor((m) => m.to.includes(EMAIL));
    expect(mail.subject).toBe('Il tuo collegamento per accedere');
    const link = /https?:\/\/\S+\/accedi\/link\/\S+/.exec(mail.text)![0];
    await visit(page, new URL(link).pathname);
    await follow(page, page.getByRole('button', { name: 'Accedi ora' }));
    expect(new URL(page.url()).pathname).toBe('/area-personale');
    expect(await page.locator('h1').textContent()).toBe('La mia area');
    expect(await page.locator('main').textContent()).toContain(mine.name);

    // The link is spent: opening it again says so and offers a new one.
    await visit(page, new URL(link).pathname);
    const again = await follow(page, page.getByRole('button', { name: 'Accedi ora' }));
    expect(again.status()).toBe(410);
    expect(await page.locator('.alert-danger').textContent()).toContain('già stato usato');
  });

  it("goes into their organisation's portal, and another organisation's is not found", async () => {
    const { page } = j;
    await visit(page, '/area-personale');
    await follow(page, page.getByRole('link', { name: mine.name }));
    expect(new URL(page.url()).pathname).toBe(`/partner/${mine.slug}`);
    expect(await page.locator('h1').textContent()).toBe(mine.name);
    const res = await visit(page, `/partner/${other.slug}`);
    expect(res!.status()).toBe(404);
    const admin = await visit(page, '/admin');
    expect(admin!.status()).toBe(403);
  });

  it('reads their page in English, downloads their data, and erases their account', async () => {
    const { page } = j;
    await visit(page, '/en/area-personale');
    expect(await page.locator('h1').textContent()).toBe('My area');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data (JSON)' }).click()]);
    expect(download.suggestedFilename()).toBe('i-miei-dati.json');
    await follow(page, page.getByRole('link', { name: 'Erase my account' }));
    expect(await page.locator('h1').textContent()).toBe('Erase your account?');
    await follow(page, page.getByRole('button', { name: 'Erase my account for good' }));
    expect(new URL(page.url()).pathname).toBe('/en/accedi');
    expect(await page.locator('.alert-success').textContent()).toBe('Your account has been erased.');
    const gone = await visit(page, `/partner/${mine.slug}`);
    expect(new URL(page.url()).pathname).toBe('/accedi');
    expect(gone!.status()).toBe(200);
  });
});
