// The journey helpers themselves: axe fails on a violation, browser errors fail the page, and the
// HTML saved for the Nu checker is the served document, not the DOM after scripts ran.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, instrumentPage, launchBrowser, visit, VNU_DIR } from './support/index.ts';

const ORIGIN = 'http://approdo.test';
const served = (body: string) =>
  `<!DOCTYPE html>\n<html lang="it">\n<head><meta charset="utf-8"><title>Prova</title></head>\n<body>\n<main><h1>Prova</h1>${body}</main>\n</body>\n</html>\n`;
const pages: Record<string, string> = {
  '/good': served('<p id="p">servito</p><script src="/change.js"></script>'),
  '/change.js': `document.getElementById('p').textContent = 'cambiato dallo script';`,
  '/broken': served('<script src="/missing.js"></script>'),
  '/throws': served('<script src="/throw.js"></script>'),
  '/throw.js': `throw new Error('boom from script');`,
};

let browser: Browser;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: ORIGIN });
  // A fake origin answered inside the browser: no server needed to test the helpers.
  await context.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const body = pages[path];
    if (body === undefined) return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
    return route.fulfill({ status: 200, contentType: path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8', body });
  });
  page = await context.newPage();
  instrumentPage(page, 'support-selftest');
});
afterAll(() => browser?.close());

describe('journey helpers', () => {
  it('saves the served HTML for the Nu checker, not the DOM changed by scripts', async () => {
    await visit(page, '/good');
    expect(await page.locator('#p').textContent()).toBe('cambiato dallo script');
    const saved = readFileSync(join(VNU_DIR, 'support-selftest-01-good.html'), 'utf8');
    expect(saved).toBe(pages['/good']);
  });

  it('fails a page whose sub-resource is missing or whose script throws', async () => {
    await expect(visit(page, '/broken')).rejects.toThrow(/404 for script .*\/missing\.js/);
    await expect(visit(page, '/throws')).rejects.toThrow(/page error: boom from script/);
  });

  it('fails on an axe violation and names the rule and the element', async () => {
    await page.setContent('<!DOCTYPE html><html lang="it"><head><title>x</title></head><body><main><h1>x</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></main></body></html>');
    const err = await expectAccessible(page).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/image-alt \(critical\)/);
    expect(err?.message).toMatch(/\n {4}at img/);
    expect(err?.message).toMatch(/label \(critical\)/);
  });
});
