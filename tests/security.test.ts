import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from './support/runtime.ts';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
  rt.app.hono.get('/__boom', () => {
    throw new Error('secret internal detail');
  });
});
afterAll(() => rt.close());

describe('errors never leak', () => {
  it('renders a 500 page with the request id and no stack trace', async () => {
    const res = await rt.app.request('/__boom');
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain(res.headers.get('x-request-id')!);
    expect(html).not.toContain('secret internal detail');
    expect(html).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers malformed and over-long requests without a 500', async () => {
    for (const path of ['/bandi/%E0%A4%A', '/%', '/bandi?q=' + 'x'.repeat(20_000), '/bandi?page=-1&page=abc', '/en/%zz']) {
      const res = await rt.app.request(path);
      expect(res.status, path).toBeLessThan(500);
    }
  });
});

describe('cross-site requests', () => {
  it('rejects a form post from another origin', async () => {
    const res = await rt.app.request('/accedi', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'email=a%40b.it&password=x',
    });
    expect(res.status).toBe(403);
  });

  it('rejects a same-origin form post without the CSRF token', async () => {
    const res = await rt.app.request('/accedi', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: 'email=a%40b.it&password=x',
    });
    expect(res.status).toBe(403);
  });
});

describe('security headers', () => {
  it('are on every response, including assets and errors', async () => {
    for (const path of ['/', '/no-such-page', '/assets/app/app.css']) {
      const res = await rt.app.request(path);
      expect(res.headers.get('content-security-policy'), path).toMatch(/default-src 'self'/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
    }
  });
});

describe('signed-out htmx fragments', () => {
  it('send the browser to sign in (HX-Redirect back to the page) instead of swapping the sign-in page into the fragment', async () => {
    const res = await rt.app.request('/admin/avvisi/00000000-0000-0000-0000-000000000000/avanzamento', {
      headers: { 'HX-Request': 'true', 'HX-Current-URL': 'http://localhost/en/admin/avvisi/00000000-0000-0000-0000-000000000000' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('hx-redirect')).toBe(`/accedi?next=${encodeURIComponent('/admin/avvisi/00000000-0000-0000-0000-000000000000')}`);
    const plain = await rt.app.request('/admin/avvisi');
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`/accedi?next=${encodeURIComponent('/admin/avvisi')}`);
  });
});

describe('origin check', () => {
  it('accepts Origin: null only when the browser says the form is same-origin (pages with no-referrer)', async () => {
    const { sameOrigin } = await import('../src/web/middleware/core.ts');
    const url = 'http://localhost/reimposta-password';
    expect(sameOrigin('null', 'same-origin', url, 'http://localhost')).toBe(true);
    expect(sameOrigin('null', 'cross-site', url, 'http://localhost')).toBe(false);
    expect(sameOrigin('null', undefined, url, 'http://localhost')).toBe(false);
    expect(sameOrigin('https://evil.example', 'same-origin', url, 'http://localhost')).toBe(false);
  });
});
