// Sign-in and sign-out at /accedi and /esci: success, generic failure, disabled accounts, rate
// limits, the `next` parameter, and cross-origin posts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/authz/index.ts';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { createStaff, getCsrf, ORIGIN, postForm, signIn, withResponseCookies, type StaffUserFixture } from '../support/http.ts';
import { safeNextPath } from '../../src/web/public/auth/auth.tsx';
import { setUserDisabled } from '../../src/domains/accounts/index.ts';

let rt: TestRuntime;
let admin: StaffUserFixture;
beforeAll(async () => {
  rt = await testRuntime();
  admin = await createStaff(rt, { role: 'admin', name: 'Ada Amministratrice' });
});
afterAll(() => rt.close());

const GENERIC_IT = 'Email o password non corretti';

describe('GET /accedi', () => {
  it('shows the form with a CSRF field and labelled fields', async () => {
    const res = await rt.app.request('/accedi');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('name="_csrf"');
    expect(html).toMatch(/<label for="email"/);
    expect(html).toMatch(/<label for="password"/);
    expect(html).toContain('autocomplete="current-password"');
  });
});

describe('POST /accedi', () => {
  it('signs in, sets the session cookie and goes to the back office', async () => {
    const csrf = await getCsrf(rt.app);
    const res = await postForm(rt.app, '/accedi', { email: admin.email.toUpperCase(), password: admin.password }, { cookie: csrf.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin');
    const cookie = withResponseCookies(csrf.cookie, res);
    expect(cookie).toMatch(/approdo\.session_token=/);
    const page = await rt.app.request('/admin', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Ada Amministratrice');
  });

  it('goes to a same-site `next` path, in the current language', async () => {
    let res = await postForm(rt.app, '/accedi', { email: admin.email, password: admin.password, next: '/admin/utenti?x=1' });
    expect(res.headers.get('location')).toBe('/admin/utenti?x=1');
    res = await postForm(rt.app, '/en/accedi', { email: admin.email, password: admin.password, next: '/admin/audit' });
    expect(res.headers.get('location')).toBe('/en/admin/audit');
    res = await postForm(rt.app, '/en/accedi', { email: admin.email, password: admin.password });
    expect(res.headers.get('location')).toBe('/en/admin');
  });

  it.each(['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', '/%0d%0aLocation:x'.replace('%0d%0a', '\r\n')])(
    'refuses `next` = %j (open redirect) and goes to /admin',
    async (next) => {
      const res = await postForm(rt.app, '/accedi', { email: admin.email, password: admin.password, next });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin');
    },
  );

  it('answers a wrong password and an unknown address with the same generic message, 422, email kept', async () => {
    const wrong = await postForm(rt.app, '/accedi', { email: admin.email, password: 'not the password at all' });
    expect(wrong.status).toBe(422);
    const html = await wrong.text();
    expect(html).toContain(GENERIC_IT);
    expect(html).toContain(`value="${admin.email}"`);
    expect(html).not.toContain('not the password at all');
    expect(wrong.headers.getSetCookie().join()).not.toMatch(/session_token=[^;]/);

    const unknown = await postForm(rt.app, '/accedi', { email: 'nobody@example.test', password: 'whatever whatever' });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain(GENERIC_IT);
  });

  it('shows field errors for an empty form', async () => {
    const res = await postForm(rt.app, '/accedi', { email: '', password: '' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="email-error"');
    expect(html).toContain('id="password-error"');
  });

  it('does not let a disabled user sign in, and ends their open sessions', async () => {
    const u = await createStaff(rt, { role: 'editor' });
    const cookie = await signIn(rt, u.email, u.password);
    expect((await rt.app.request('/admin', { headers: { cookie } })).status).toBe(200);
    const r = await setUserDisabled(rt.deps, SYSTEM_ACTOR, u.id, true);
    expect(r.ok).toBe(true);
    const after = await rt.app.request('/admin', { headers: { cookie } });
    expect(after.status).toBe(303);
    const res = await postForm(rt.app, '/accedi', { email: u.email, password: u.password });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(GENERIC_IT);
  });

  it('rate-limits by email: the 11th attempt in 15 minutes gets 429 with Retry-After, even with the right password', { timeout: 120_000 }, async () => {
    const u = await createStaff(rt, { role: 'recruiter' });
    for (let i = 0; i < 10; i++) {
      const res = await postForm(rt.app, '/accedi', { email: u.email, password: `wrong password ${i}` });
      expect(res.status).toBe(422);
    }
    const res = await postForm(rt.app, '/accedi', { email: u.email, password: u.password });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.text()).toContain('Troppi tentativi');
    // Another account is not affected.
    expect((await postForm(rt.app, '/accedi', { email: admin.email, password: admin.password })).status).toBe(303);
  });

  it('rate-limits by client address: 30 attempts, then 429 for any email', { timeout: 180_000 }, async () => {
    const { token, cookie } = await getCsrf(rt.app);
    const post = (email: string, ip: string) =>
      rt.app.fetch(
        new Request(`${ORIGIN}/accedi`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie },
          body: new URLSearchParams({ _csrf: token, email, password: 'wrong password here' }).toString(),
        }),
        { incoming: { socket: { remoteAddress: ip } } },
      );
    for (let i = 0; i < 30; i++) expect((await post(`probe${i}@example.test`, '203.0.113.7')).status).toBe(422);
    const blocked = await post('another@example.test', '203.0.113.7');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await post('another@example.test', '203.0.113.8')).status).toBe(422);
  });

  it('rejects a cross-origin form post with 403', async () => {
    const { token, cookie } = await getCsrf(rt.app);
    const res = await postForm(rt.app, '/accedi', { email: admin.email, password: admin.password, _csrf: token }, { cookie, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().join()).not.toMatch(/session_token=[^;]/);
  });

  it('rejects a post without the CSRF field with 403', async () => {
    const { cookie } = await getCsrf(rt.app);
    const res = await postForm(rt.app, '/accedi', { email: admin.email, password: admin.password, _csrf: '' }, { cookie });
    expect(res.status).toBe(403);
  });

  it('is not reachable over better-auth HTTP endpoints, which would bypass the limits', async () => {
    const res = await rt.app.request('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    expect(res.status).toBe(404);
    expect(res.headers.getSetCookie().join()).not.toMatch(/session_token=[^;]/);
  });
});

describe('POST /esci', () => {
  it('ends the session: the cookie no longer opens the back office', async () => {
    const cookie = await signIn(rt, admin.email, admin.password);
    expect((await rt.app.request('/admin', { headers: { cookie } })).status).toBe(200);
    const res = await postForm(rt.app, '/esci', {}, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/accedi?esito=signed_out');
    expect(res.headers.getSetCookie().join()).toMatch(/approdo\.session_token=;/);
    // Even a stolen copy of the old cookie is now worthless: the session row is gone.
    const again = await rt.app.request('/admin', { headers: { cookie } });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/accedi?next=%2Fadmin');
    const page = await rt.app.request('/accedi?esito=signed_out');
    expect(await page.text()).toContain('Sei uscito');
  });
});

describe('safeNextPath', () => {
  it('keeps same-site paths and refuses everything else', () => {
    expect(safeNextPath('/admin/bandi?x=1#y')).toBe('/admin/bandi?x=1#y');
    for (const bad of ['', 'admin', '//x.example', '/\\x.example', 'http://x.example', '/a\nb', '/a\tb', undefined, 42, '/'.padEnd(1001, 'a')]) {
      expect(safeNextPath(bad)).toBeNull();
    }
  });
});
