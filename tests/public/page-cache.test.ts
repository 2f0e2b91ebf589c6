// The render cache of public pages: ETag/304, no Set-Cookie on shared pages, invalidation by
// writes, expiry when a call opens or closes on the clock, staff never served from the cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { ADMIN_ACTOR, callInput } from '../factories/index.ts';
import { createStaff, signIn } from '../support/http.ts';
import { updateCall, type Call } from '../../src/domains/calls/index.ts';
import { pageCache } from '../../src/web/middleware/page-cache.ts';
import { cardTitles, get, openCall, testClock } from './support.ts';

let rt: TestRuntime;
const clock = testClock('2026-06-01T08:00:00Z');
let first: Call;

beforeAll(async () => {
  rt = await testRuntime({ now: clock.now });
  first = await openCall(rt, { title: 'Primo bando in cache' });
  // A page that (wrongly) puts the visitor's CSRF token in a cacheable page: the safety net.
  rt.app.hono.get('/__form', pageCache(), (c) => c.html(`<form method="post"><input type="hidden" name="_csrf" value="${c.var.csrfToken}"></form>`));
});
afterAll(() => rt.close());

describe('ETag and conditional requests', () => {
  it('answers 304 to a matching If-None-Match or If-Modified-Since', async () => {
    const a = await rt.app.request('/bandi');
    expect(a.status).toBe(200);
    const etag = a.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(a.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    const lastModified = a.headers.get('last-modified')!;
    expect(Number.isNaN(Date.parse(lastModified))).toBe(false);

    const b = await rt.app.request('/bandi', { headers: { 'if-none-match': etag } });
    expect(b.status).toBe(304);
    expect(await b.text()).toBe('');
    expect(b.headers.get('etag')).toBe(etag);
    expect(b.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');

    expect((await rt.app.request('/bandi', { headers: { 'if-none-match': `"other", ${etag}` } })).status).toBe(304);
    expect((await rt.app.request('/bandi', { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
    expect((await rt.app.request('/bandi', { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
    expect((await rt.app.request('/bandi', { headers: { 'if-modified-since': 'Thu, 01 Jan 2026 00:00:00 GMT' } })).status).toBe(200);
  });

  it('answers a hit with the security headers and a request id, like any response', async () => {
    await rt.app.request('/bandi');
    expect(rt.deps.cache.get('it:/bandi')).toBeDefined();
    const res = await rt.app.request('/bandi', { headers: { 'x-request-id': 'proxy-id-12345' } });
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-request-id')).toBe('proxy-id-12345');
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect((await rt.app.request('/bandi')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves HEAD from the same entry', async () => {
    const get_ = await rt.app.request('/bandi');
    const head = await rt.app.request('/bandi', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(get_.headers.get('etag'));
    expect(await head.text()).toBe('');
  });

  it('keys by locale and canonical query: junk parameters share the entry, languages do not', async () => {
    const plain = (await rt.app.request('/bandi')).headers.get('etag');
    const size = rt.deps.cache.size;
    const junk = await rt.app.request('/bandi?page=1&utm_source=newsletter&state=open&sort=deadline');
    expect(junk.headers.get('etag')).toBe(plain);
    expect(rt.deps.cache.size).toBe(size);
    const en = await rt.app.request('/en/bandi');
    expect(en.headers.get('etag')).not.toBe(plain);
    expect(await en.text()).toContain('<html lang="en"');
    expect(rt.deps.cache.get('en:/bandi')).toBeDefined();
    expect(rt.deps.cache.get('it:/bandi')).toBeDefined();
  });

  it('does not cache a 404', async () => {
    expect((await rt.app.request('/bandi/non-esiste')).status).toBe(404);
    expect(rt.deps.cache.get('it:/bandi/non-esiste')).toBeUndefined();
  });
});

describe('cookies', () => {
  it('never sends a Set-Cookie with a shared page, on a miss or a hit', async () => {
    rt.deps.cache.invalidate();
    for (const path of ['/', '/bandi', `/bandi/${first.slug}`, '/bandi/feed.xml', '/sitemap.xml', '/en/bandi']) {
      for (const round of ['miss', 'hit']) {
        const res = await rt.app.request(path);
        expect(res.status, `${path} ${round}`).toBe(200);
        expect(res.headers.get('set-cookie'), `${path} ${round}`).toBeNull();
      }
    }
    // Pages with a form still hand out the CSRF cookie.
    expect((await rt.app.request('/accedi')).headers.get('set-cookie')).toMatch(/^approdo_csrf=/);
  });

  it('never stores a page carrying the visitor’s CSRF token', async () => {
    const a = await rt.app.request('/__form');
    const b = await rt.app.request('/__form');
    expect(a.headers.get('set-cookie')).toMatch(/^approdo_csrf=/);
    expect(a.headers.get('cache-control')).toBe('private, no-store');
    expect(await b.text()).not.toBe(await a.text());
    expect(rt.deps.cache.get('it:/__form')).toBeUndefined();
  });
});

describe('invalidation', () => {
  it('shows a newly published call on the next /bandi request', async () => {
    const before = await get(rt, '/bandi');
    expect(rt.deps.cache.get('it:/bandi')).toBeDefined();
    const etag = before.res.headers.get('etag')!;
    const added = await openCall(rt, { title: 'Bando appena pubblicato' });
    const after = await rt.app.request('/bandi', { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(cardTitles(await after.text())).toContain(added.title);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('shows fresh data on a cached call page after an edit', async () => {
    const path = `/bandi/${first.slug}`;
    expect((await get(rt, path)).html).toContain('<h1>Primo bando in cache</h1>');
    expect(rt.deps.cache.get(`it:${path}`)).toBeDefined();
    const input = await callInput(rt.deps, { title: 'Primo bando, titolo corretto', publishAt: first.publishAt, deadline: first.deadline, employerId: first.employerId });
    const r = await updateCall(rt.deps, ADMIN_ACTOR, first.id, input);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect((await get(rt, path)).html).toContain('<h1>Primo bando, titolo corretto</h1>');
  });
});

describe('expiry on the clock', () => {
  it('expires at the next deadline or opening, so calls close and open without any write', async () => {
    const soon = new Date(clock.now().getTime() + 2 * 60_000);
    const closing = await openCall(rt, { title: 'Bando che scade tra due minuti', deadline: soon });
    const opening = await openCall(rt, { title: 'Bando che apre tra un minuto', publishAt: new Date(clock.now().getTime() + 60_000) });

    const now1 = await get(rt, '/bandi');
    expect(cardTitles(now1.html)).toContain(closing.title);
    expect(cardTitles(now1.html)).not.toContain(opening.title);
    // The entry lives until the first change on the clock (the opening), well under 5 minutes.
    expect(rt.deps.cache.get('it:/bandi')!.expiresAt).toBe(opening.publishAt!.getTime());

    clock.advance(90_000);
    expect(rt.deps.cache.get('it:/bandi')).toBeUndefined();
    const now2 = await get(rt, '/bandi');
    expect(cardTitles(now2.html)).toContain(opening.title);
    expect(rt.deps.cache.get('it:/bandi')!.expiresAt).toBe(soon.getTime());

    clock.advance(60_000);
    const now3 = await get(rt, '/bandi');
    expect(cardTitles(now3.html)).not.toContain(closing.title);
    expect(cardTitles(now3.html)).toContain(opening.title);
  });

  it('keeps a page at most five minutes when nothing is due', async () => {
    rt.deps.cache.invalidate();
    await rt.app.request('/sitemap.xml');
    const entry = rt.deps.cache.get('it:/sitemap.xml')!;
    expect(entry.expiresAt).toBeLessThanOrEqual(clock.now().getTime() + 5 * 60_000);
  });
});

describe('staff', () => {
  it('are never served from, nor stored in, the cache', async () => {
    const staff = await createStaff(rt, { role: 'recruiter' });
    const cookie = await signIn(rt, staff.email, staff.password);
    rt.deps.cache.invalidate();
    const res = await rt.app.request('/bandi', { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('etag')).toBeNull();
    expect(await res.text()).toContain('Area riservata');
    expect(rt.deps.cache.get('it:/bandi')).toBeUndefined();
    const anon = await get(rt, '/bandi');
    expect(anon.html).not.toContain('Area riservata');
    expect(anon.html).toContain('href="/accedi"');
  });
});
