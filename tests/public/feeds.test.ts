// Machine endpoints: the Atom feed and the sitemap (parsed with fast-xml-parser), robots.txt, /healthz.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { buildCall } from '../factories/index.ts';
import type { Call } from '../../src/domains/calls/index.ts';
import { closedCall, DAY, openCall, testClock } from './support.ts';

let rt: TestRuntime;
const clock = testClock('2026-06-01T08:00:00Z');
let first: Call;
let second: Call;
let closed: Call;
let draft: Call;
let scheduled: Call;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link', 'url', 'xhtml:link'].includes(name) });

beforeAll(async () => {
  rt = await testRuntime({ now: clock.now, env: { BASE_URL: 'https://lavoro.asl.example.it' } });
  first = await openCall(rt, { title: 'Primo bando & <prova>', descriptionMd: 'Testo **importante** del primo bando.' });
  clock.advance(3_600_000);
  second = await openCall(rt, { title: 'Secondo bando', professionCode: 'infermiere', disciplineCode: null });
  clock.advance(3_600_000);
  closed = await closedCall(rt, { title: 'Bando chiuso' });
  draft = await buildCall(rt.deps, { title: 'Bando in bozza' });
  scheduled = await buildCall(rt.deps, { title: 'Bando futuro', publishAt: new Date(clock.now().getTime() + DAY) }, { publish: true });
});
afterAll(() => rt.close());

describe('Atom feed', () => {
  it('is valid Atom 1.0 with the visible calls, newest first', async () => {
    const res = await rt.app.request('/bandi/feed.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = parser.parse(xml).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('https://lavoro.asl.example.it/bandi/feed.xml');
    expect(feed.title).toBe('Bandi — Lavora con noi');
    expect(Number.isNaN(Date.parse(feed.updated))).toBe(false);
    expect(feed.author.name).toBe('Lavora con noi');
    const links = Object.fromEntries(feed.link.map((l: Record<string, string>) => [l['@rel'], l]));
    expect(links.self['@href']).toBe('https://lavoro.asl.example.it/bandi/feed.xml');
    expect(links.self['@type']).toBe('application/atom+xml');
    expect(links.alternate['@href']).toBe('https://lavoro.asl.example.it/bandi');

    const entries = feed.entry as Record<string, unknown>[];
    expect(entries.map((e) => e.title)).toEqual(['Bando chiuso', 'Secondo bando', 'Primo bando & <prova>']);
    const e = entries[2] as Record<string, unknown> & { link: Record<string, string>[]; author: { name: string } };
    expect(e.id).toBe(`urn:uuid:${first.id}`);
    expect(e.published).toBe(first.publishAt!.toISOString());
    expect(Number.isNaN(Date.parse(e.updated as string))).toBe(false);
    expect(e.link[0]['@rel']).toBe('alternate');
    expect(e.link[0]['@href']).toBe(`https://lavoro.asl.example.it/bandi/${first.slug}`);
    expect(e.author.name).toBe('Azienda sanitaria di prova');
    expect(e.summary).toContain('Testo importante del primo bando.');
    expect(e.summary).toContain('Aperto');
    expect(entries[0]!.summary).toContain('Chiuso');
    expect(xml).not.toContain('Bando in bozza');
    expect(xml).not.toContain('Bando futuro');
    // The feed's updated is the newest entry's.
    expect(feed.updated).toBe(entries.map((x) => x.updated as string).sort().at(-1));
  });

  it('has an English version with English links', async () => {
    const xml = await (await rt.app.request('/en/bandi/feed.xml')).text();
    const feed = parser.parse(xml).feed;
    expect(feed['@xml:lang']).toBe('en');
    expect(feed.title).toBe('Calls — Work with us');
    expect(feed.entry[0].link[0]['@href']).toBe(`https://lavoro.asl.example.it/en/bandi/${closed.slug}`);
    expect(feed.entry[0].summary).toContain('Closed');
  });
});

describe('sitemap', () => {
  it('lists home, /bandi and every visible call in both languages, with lastmod', async () => {
    const res = await rt.app.request('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const urls = parser.parse(xml).urlset.url as { loc: string; lastmod?: string; 'xhtml:link': Record<string, string>[] }[];
    const locs = urls.map((u) => u.loc);
    const base = 'https://lavoro.asl.example.it';
    for (const p of ['/', '/en', '/bandi', '/en/bandi']) expect(locs).toContain(base + p);
    for (const c of [first, second, closed]) {
      const it_ = urls.find((u) => u.loc === `${base}/bandi/${c.slug}`)!;
      expect(it_, c.slug).toBeDefined();
      expect(locs).toContain(`${base}/en/bandi/${c.slug}`);
      expect(new Date(it_.lastmod!).getTime()).toBeGreaterThanOrEqual(c.publishAt!.getTime());
      expect(it_['xhtml:link'].map((l) => [l['@hreflang'], l['@href']])).toEqual([
        ['it', `${base}/bandi/${c.slug}`],
        ['en', `${base}/en/bandi/${c.slug}`],
      ]);
    }
    expect(xml).not.toContain(draft.slug);
    expect(xml).not.toContain(scheduled.slug);
    expect(urls).toHaveLength(2 * (2 + 3));
  });
});

describe('robots.txt', () => {
  it('allows the site, keeps crawlers out of staff and API areas, and names the sitemap', async () => {
    const res = await rt.app.request('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const lines = (await res.text()).split('\n');
    expect(lines[0]).toBe('User-agent: *');
    for (const p of ['/admin', '/api', '/accedi']) expect(lines).toContain(`Disallow: ${p}`);
    expect(lines).not.toContain('Disallow: /');
    expect(lines).not.toContain('Disallow: /bandi');
    expect(lines).toContain('Sitemap: https://lavoro.asl.example.it/sitemap.xml');
  });
});

describe('/healthz', () => {
  it('reports ok with the version, never cached', async () => {
    const res = await rt.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('set-cookie')).toBeNull();
    const body = await res.json();
    expect(body).toEqual({ status: 'ok', database: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('answers 503 when the database does not respond', async () => {
    const db = rt.deps.db;
    rt.deps.db = { execute: () => Promise.reject(new Error('connection lost')) } as unknown as typeof db;
    try {
      const res = await rt.app.request('/healthz');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'error', database: 'error' });
    } finally {
      rt.deps.db = db;
    }
  });
});
