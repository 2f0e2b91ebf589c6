// First browser journey: the home page in Italian, the language switch to English and back, axe-clean
// on every page, each page saved for the Nu HTML checker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { follow, startJourney, visit, type Journey } from './support/index.ts';

let j: Journey;
beforeAll(async () => {
  j = await startJourney();
});
afterAll(() => j?.close());

describe('home page and language switch', () => {
  it('shows the home page in Italian, switches to English keeping the page, and back', async () => {
    const { page, baseUrl } = j;
    const home = await visit(page, '/');
    expect(home?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('it');
    expect(await page.locator('h1').count()).toBe(1);

    const toEnglish = page.locator('a[hreflang="en"]');
    expect(await toEnglish.getAttribute('lang')).toBe('en');
    const en = await follow(page, toEnglish);
    expect(en.status()).toBe(200);
    expect(page.url()).toBe(`${baseUrl}/en`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    const toItalian = page.locator('a[hreflang="it"]');
    await follow(page, toItalian);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('it');
  });
});
