import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from './support/runtime.ts';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.close());

describe('the app boots on the prepared database', () => {
  it('serves the home page in Italian and English with security headers', async () => {
    const it_ = await rt.app.request('/');
    expect(it_.status).toBe(200);
    expect(await it_.text()).toContain('<html lang="it"');
    expect(it_.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(it_.headers.get('x-content-type-options')).toBe('nosniff');
    const en = await rt.app.request('/en');
    expect(await en.text()).toContain('<html lang="en"');
  });
  it('answers unknown pages with a 404 page carrying the request id', async () => {
    const res = await rt.app.request('/no-such-page');
    expect(res.status).toBe(404);
    const id = res.headers.get('x-request-id')!;
    expect(await res.text()).toContain(id);
  });
});
