// The kit's catalogue in Chromium: an admin opens /admin/componenti from the menu, sees every
// example rendered with its props, opens each example that needs a page of its own (axe on every
// page, each saved for the Nu checker), and reads the catalogue in English; a recruiter neither
// sees the entry nor reaches the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillSignIn, follow, startJourney, visit, type Journey } from './support/index.ts';
import { createStaff } from '../support/http.ts';
import { examples } from '../../src/web/kit/catalogue.tsx';

let j: Journey;

beforeAll(async () => {
  j = await startJourney();
});
afterAll(() => j?.close());

describe('the kit catalogue', () => {
  it('an admin finds every example, with its props, on /admin/componenti and on their own pages', async () => {
    const { page } = j;
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const admin = await createStaff(j.rt, { role: 'admin' });
    await visit(page, '/accedi');
    await fillSignIn(page, admin);

    await follow(page, page.locator('nav.admin-nav').getByRole('link', { name: 'Componenti del kit' }));
    expect(new URL(page.url()).pathname).toBe('/admin/componenti');
    expect(await page.locator('h1').textContent()).toBe('Componenti del kit');

    const inline = examples.filter((e) => !e.alone);
    expect(await page.locator('[data-example]').count()).toBe(inline.length);
    for (const e of examples) {
      const section = page.locator(`#ex-${e.id}`);
      expect(await section.locator('pre code').textContent(), e.id).toMatch(/^\{/);
    }
    // Each component has its section, headed by its name.
    const names = [...new Set(examples.map((e) => e.name))];
    expect(await page.locator('main h2 code').allTextContents()).toEqual(names);
    // The hostile strings in the examples stay text: no script of theirs ran or was inserted.
    expect(await page.locator('main script').count()).toBe(0);
    expect(await page.locator('#people-table th[scope="row"]').first().textContent()).toBe('<script>alert("x")</script> & "Rossi"');

    // The examples with a page of their own: each linked from its section, each page checked.
    const alone = examples.filter((x) => x.alone);
    const hrefs: (string | null)[] = [];
    for (const e of alone) hrefs.push(await page.locator(`#ex-${e.id}`).getByRole('link', { name: /Apri l'esempio/ }).getAttribute('href'));
    expect(hrefs).toEqual(alone.map((e) => `/admin/componenti/esempi/${e.id}`));
    for (const e of alone) {
      const res = await visit(page, `/admin/componenti/esempi/${e.id}`);
      expect(res?.status(), e.id).toBe(200);
      if (e.alone === 'layout') expect(await page.locator(`[data-example="${e.id}"]`).count()).toBe(1);
      if (e.id === 'public-page') expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
      if (e.id === 'confirm-page') expect(await page.getByRole('button', { name: 'Sì, cancella' }).count()).toBe(1);
    }

    await visit(page, '/en/admin/componenti');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Kit components');
    const missing = await visit(page, '/admin/componenti/esempi/nessun-esempio');
    expect(missing?.status()).toBe(404);
    expect(dialogs).toEqual([]);
  });

  it('a recruiter has no entry in the menu and is refused the page', async () => {
    const { page, context } = j;
    await context.clearCookies();
    const recruiter = await createStaff(j.rt, { role: 'recruiter' });
    await visit(page, '/accedi');
    await fillSignIn(page, recruiter);
    await visit(page, '/admin');
    expect(await page.locator('nav.admin-nav').getByRole('link', { name: 'Componenti del kit' }).count()).toBe(0);
    const refused = await visit(page, '/admin/componenti');
    expect(refused?.status()).toBe(403);
  });
});
