// Every page the other journeys do not reach, in the browser with axe and saved for the Nu checker:
// the admin sections (users, API tokens, audit log, outbox, import), the password-reset pages, a
// closed call, the English list and the 404 page. An admin also creates a user through the form,
// fixing a wrong email on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillSignIn, follow, startJourney, visit, type Journey } from './support/index.ts';
import { createStaff } from '../support/http.ts';
import { buildCall } from '../factories/index.ts';

let j: Journey;
let closedSlug = '';

beforeAll(async () => {
  j = await startJourney();
  // A call published two months ago whose deadline passed last week.
  const past = new Date(Date.now() - 60 * 86_400_000);
  const call = await buildCall({ ...j.rt.deps, now: () => past }, { title: 'Tecnico di radiologia – bando chiuso', deadline: new Date(Date.now() - 7 * 86_400_000) }, { publish: true });
  closedSlug = call.slug;
});
afterAll(() => j?.close());

describe('pages outside the main journeys', () => {
  it('an admin walks through users, API tokens, audit log, outbox and import', async () => {
    const { page } = j;
    const admin = await createStaff(j.rt, { role: 'admin' });
    await visit(page, '/accedi');
    await fillSignIn(page, admin);

    await visit(page, '/admin/utenti');
    await follow(page, page.getByRole('link', { name: 'Nuovo utente' }));
    await page.locator('#name').fill('Giulia Rossi');
    await page.locator('#email').fill('non-valida');
    await page.locator('#role').selectOption('recruiter');
    const bad = await follow(page, () => page.locator('main form button[type="submit"]').last().click());
    expect(bad.status()).toBe(422);
    expect(await page.locator('#email-error').textContent()).toContain('indirizzo email valido');
    await page.locator('#email').fill('giulia.rossi@example.test');
    await page.locator('#role').selectOption('recruiter');
    await follow(page, () => page.locator('main form button[type="submit"]').last().click());
    expect(await page.locator('main').textContent()).toContain('giulia.rossi@example.test');

    for (const path of ['/admin/token-api', '/admin/audit', '/admin/outbox', '/admin/bandi/importa', '/admin/riferimenti', '/admin/enti']) {
      const res = await visit(page, path);
      expect(res?.status(), path).toBe(200);
    }
  });

  it('a visitor sees a closed call, the English list, the reset pages and a 404', async () => {
    const { page, context } = j;
    await context.clearCookies();
    await visit(page, `/bandi/${closedSlug}`);
    expect(await page.locator('main').textContent()).toMatch(/Chiuso/);
    expect(await page.locator('script[type="application/ld+json"]').count()).toBe(0);
    await visit(page, '/en/bandi?state=closed');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await visit(page, '/password-dimenticata');
    await visit(page, '/reimposta-password?token=non-valido');
    // The page sends no referrer (the token is in its URL), so the browser posts with Origin: null:
    // the form must still get through the CSRF check and answer about the token.
    await page.fill('#password', 'una-password-nuova-2026');
    await page.fill('#password_confirm', 'una-password-nuova-2026');
    const answer = await follow(page, page.locator('main form button[type="submit"]'), 'reset-invalid-token');
    expect(answer.status()).not.toBe(403);
    expect(await page.locator('main').textContent()).toMatch(/scaduto o è già stato usato/);
    const missing = await visit(page, '/bandi/nessun-bando-con-questo-nome');
    expect(missing?.status()).toBe(404);
  });
});
