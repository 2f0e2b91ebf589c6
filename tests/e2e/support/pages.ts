// Page checks every journey runs after each navigation: axe (WCAG 2.1 AA), no browser errors, and
// the served HTML saved to .tmp/vnu/ for the Nu HTML checker that `npm test` runs afterwards.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page, Response } from 'playwright-core';
import { expectAccessible } from './a11y.ts';

export const VNU_DIR = join(process.cwd(), '.tmp', 'vnu');

interface PageState {
  journey: string;
  count: number;
  /** The last main-frame document (non-redirect) response: the HTML as served, not page.content(). */
  lastDocument: Response | null;
  documentWaiters: ((r: Response) => void)[];
  problems: string[];
}

const states = new WeakMap<Page, PageState>();

/** Browser messages that are known and harmless, each with its reason. */
const IGNORED_CONSOLE: { pattern: RegExp; why: string }[] = [
  {
    // Bootstrap Italia's CSS embeds the VideoJS icon font as a data: URL; we ship no video player,
    // and the CSP (font-src 'self') correctly refuses it.
    pattern: /^Loading the font 'data:application\/font-woff;.*violates the following Content Security Policy directive: "font-src 'self'"/s,
    why: 'VideoJS icon font inlined in bootstrap-italia.min.css',
  },
  {
    // Chromium logs every 4xx document as a console error; a form answered 422 or a 404 page is an
    // expected outcome of a journey, and failed sub-resources are caught by the response listener.
    pattern: /^Failed to load resource: the server responded with a status of 4\d\d/,
    why: 'document answered with a 4xx status on purpose (form errors, not found)',
  },
];

const short = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…` : s);

/** Starts recording a page's documents and browser errors; `journey` prefixes the saved file names. */
export function instrumentPage(page: Page, journey: string): void {
  const state: PageState = { journey, count: 0, lastDocument: null, documentWaiters: [], problems: [] };
  states.set(page, state);
  page.on('response', (r) => {
    const req = r.request();
    if (req.isNavigationRequest() && r.frame() === page.mainFrame()) {
      if (r.status() >= 300 && r.status() < 400) return;
      state.lastDocument = r;
      const waiters = state.documentWaiters.splice(0);
      for (const w of waiters) w(r);
    } else if (r.status() >= 400) {
      state.problems.push(`${r.status()} for ${req.resourceType()} ${r.url()}`);
    }
  });
  page.on('requestfailed', (req) => {
    if (!req.isNavigationRequest()) state.problems.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? '?'})`);
  });
  page.on('pageerror', (e) => state.problems.push(`page error: ${short(e.message)}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !IGNORED_CONSOLE.some((i) => i.pattern.test(m.text()))) state.problems.push(`console error: ${short(m.text())}`);
  });
}

function stateOf(page: Page): PageState {
  const s = states.get(page);
  if (!s) throw new Error('this page is not instrumented: create it with startJourney() or call instrumentPage(page, name)');
  return s;
}

const slug = (url: string) => {
  const u = new URL(url);
  const s = `${u.pathname}${u.search}`.replace(/^\/+|\/+$/g, '').replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '');
  return (s || 'home').slice(0, 80);
};

/**
 * Checks the page now shown: no failed sub-resources or script errors since the last check, axe
 * clean, and (for HTML documents) the served HTML saved as .tmp/vnu/<journey>-<nn>-<name>.html.
 */
export async function checkPage(page: Page, name?: string): Promise<void> {
  const state = stateOf(page);
  await page.waitForLoadState('load');
  const problems = state.problems.splice(0);
  if (problems.length) throw new Error(`browser problems on ${page.url()}:\n  ${problems.join('\n  ')}`);
  const doc = state.lastDocument;
  // Only HTML documents are pages: a downloaded ICS or a JSON answer has nothing for axe or vnu.
  if (!doc || !(doc.headers()['content-type'] ?? '').includes('text/html')) return;
  const html = await doc.body();
  state.count += 1;
  mkdirSync(VNU_DIR, { recursive: true });
  const file = `${state.journey}-${String(state.count).padStart(2, '0')}-${name ?? slug(doc.url())}.html`;
  writeFileSync(join(VNU_DIR, file), html);
  await expectAccessible(page);
}

/** Navigates to a URL (relative to the journey's base URL) and checks the page. */
export async function visit(page: Page, url: string, name?: string): Promise<Response | null> {
  const res = await page.goto(url, { waitUntil: 'load' });
  await checkPage(page, name);
  return res;
}

/**
 * Performs an action that navigates (click a link or button given as a Locator, or any function,
 * e.g. submitting a form), waits for the new document and checks it. Returns the document response
 * (after redirects: a POST answered 303 returns the page redirected to).
 */
export async function follow(page: Page, action: Locator | (() => Promise<unknown>), name?: string): Promise<Response> {
  const state = stateOf(page);
  const next = new Promise<Response>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no navigation within 15 s after the action on ${page.url()}`)), 15_000);
    state.documentWaiters.push((r) => {
      clearTimeout(timer);
      ok(r);
    });
  });
  next.catch(() => {}); // awaited below; keeps a timeout during a slow action from counting as unhandled
  await (typeof action === 'function' ? action() : action.click());
  const res = await next;
  await checkPage(page, name);
  return res;
}

/**
 * Selects an option that triggers an htmx swap (the call form's profession reloads the disciplines)
 * and waits until the swap has settled: acting on the swapped element before that races the swap,
 * which on a loaded machine replaces the choice just made.
 */
export async function selectAndSettle(page: Page, selector: string, value: string): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __settled: Promise<void> }).__settled = new Promise((ok) => document.body.addEventListener('htmx:afterSettle', () => ok(), { once: true }));
  });
  await page.locator(selector).selectOption(value);
  await page.evaluate(() => (window as unknown as { __settled: Promise<void> }).__settled);
}

/** On the sign-in page (reached directly or by a redirect): fills it in and follows to where it leads. */
export async function fillSignIn(page: Page, user: { email: string; password: string }): Promise<Response> {
  await page.locator('#email').fill(user.email);
  await page.getByLabel('Password', { exact: false }).first().fill(user.password);
  return follow(page, page.getByRole('button', { name: 'Accedi' }));
}
