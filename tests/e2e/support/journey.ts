// One call sets up a browser journey: the real server on a fresh test database, an SMTP peer the
// app sends mail to, and an instrumented Chromium page whose base URL is the server.
//   const j = await startJourney();  afterAll(() => j.close());
//   const { page, baseUrl, rt, smtp } = j;  await visit(page, '/bandi');
import { basename } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SmtpPeer } from '../../support/smtp.ts';
import type { TestRuntime, TestRuntimeOptions } from '../../support/runtime.ts';
import { launchBrowser } from './browser.ts';
import { startServer } from './server.ts';
import { instrumentPage } from './pages.ts';

export interface Journey {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  baseUrl: string;
  rt: TestRuntime;
  smtp: SmtpPeer;
  /** Closes browser, server, database and SMTP peer. */
  close(): Promise<void>;
}

export interface JourneyOptions extends TestRuntimeOptions {
  /** Prefix of the saved page files; defaults to the test file's name. */
  name?: string;
  /** Browser locale (Accept-Language); the site's language still comes from the URL. */
  locale?: string;
}

export async function startJourney(opts: JourneyOptions = {}): Promise<Journey> {
  const testPath = expect.getState().testPath;
  const name = opts.name ?? (testPath ? basename(testPath).replace(/\.e2e\.test\.tsx?$|\.test\.tsx?$/, '') : 'journey');
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const c of cleanups.reverse()) await c().catch((e) => console.error(e));
    cleanups.length = 0;
  };
  try {
    const smtp = await SmtpPeer.start();
    cleanups.push(() => smtp.stop());
    const server = await startServer({ ...opts, env: { SMTP_URL: smtp.url, ...opts.env } });
    cleanups.push(() => server.close());
    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: opts.locale ?? 'it-IT', timezoneId: 'Europe/Rome' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    instrumentPage(page, name);
    return { page, context, browser, baseUrl: server.baseUrl, rt: server.rt, smtp, close };
  } catch (e) {
    await close();
    throw e;
  }
}
