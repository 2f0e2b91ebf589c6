// Every accounts route under /admin for each kind of visitor: anonymous → sign-in page, editor and
// recruiter → 403 page in the site's look, admin → the page (or the action's success).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/authz/index.ts';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { createStaff, postForm, signIn, type StaffUserFixture } from '../support/http.ts';
import { createApiToken } from '../../src/domains/accounts/index.ts';
import { storedMail } from '../../src/platform/mail/index.ts';

let rt: TestRuntime;
const cookies: Record<'admin' | 'recruiter' | 'editor', string> = { admin: '', recruiter: '', editor: '' };
let target: StaffUserFixture;
let tokenId: string;
let mailId: string;

beforeAll(async () => {
  rt = await testRuntime();
  for (const role of ['admin', 'recruiter', 'editor'] as const) {
    const u = await createStaff(rt, { role });
    cookies[role] = await signIn(rt, u.email, u.password);
  }
  target = await createStaff(rt, { role: 'editor' });
  const t = await createApiToken(rt.deps, SYSTEM_ACTOR, { name: 'matrix', role: 'recruiter' });
  tokenId = t.ok ? t.value.id : '';
  await rt.deps.mailer.queue({ owner: 'test', key: 'matrix:1', to: 'someone@example.test', subject: 'Matrix', text: 'hello' });
  const [m] = await storedMail(rt.deps.db, { keys: ['matrix:1'] });
  mailId = m.id;
});
afterAll(() => rt.close());

interface Route {
  method: 'GET' | 'POST';
  path: () => string;
  fields?: () => Record<string, string>;
  /** What an admin gets. */
  admin: number;
}

let n = 0;
const ROUTES: Route[] = [
  { method: 'GET', path: () => '/admin/utenti', admin: 200 },
  { method: 'GET', path: () => '/admin/utenti/nuovo', admin: 200 },
  { method: 'GET', path: () => `/admin/utenti/${target.id}`, admin: 200 },
  { method: 'POST', path: () => '/admin/utenti/nuovo', fields: () => ({ name: 'M', email: `m${++n}@example.test`, role: 'editor', locale: 'it', password_mode: 'generate' }), admin: 201 },
  { method: 'POST', path: () => `/admin/utenti/${target.id}/ruolo`, fields: () => ({ role: 'recruiter' }), admin: 303 },
  { method: 'POST', path: () => `/admin/utenti/${target.id}/stato`, fields: () => ({ disabled: '0' }), admin: 303 },
  { method: 'POST', path: () => `/admin/utenti/${target.id}/reimposta-password`, fields: () => ({}), admin: 303 },
  { method: 'GET', path: () => '/admin/audit', admin: 200 },
  { method: 'GET', path: () => '/admin/outbox', admin: 200 },
  { method: 'GET', path: () => `/admin/outbox/${mailId}`, admin: 200 },
  { method: 'GET', path: () => '/admin/token-api', admin: 200 },
  { method: 'POST', path: () => '/admin/token-api', fields: () => ({ name: 'from matrix', role: 'editor' }), admin: 201 },
  { method: 'POST', path: () => `/admin/token-api/${tokenId}/revoca`, fields: () => ({}), admin: 303 },
];

const call = (r: Route, cookie?: string) =>
  r.method === 'GET' ? rt.app.request(r.path(), { headers: cookie ? { cookie } : {} }) : postForm(rt.app, r.path(), r.fields!(), { cookie });

describe.each(ROUTES.map((r) => [`${r.method} ${r.path.toString().replace(/^\(\) => /, '')}`, r] as const))('%s', (_name, r) => {
  it('sends anonymous visitors to the sign-in page', async () => {
    const res = await call(r);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/accedi\?next=%2Fadmin%2F/);
  });

  it.each(['editor', 'recruiter'] as const)('answers %s with the 403 page', async (role) => {
    const res = await call(r, cookies[role]);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('<html lang="it"');
    expect(html).toContain('Accesso non consentito');
  });

  it(`gives the admin ${r.admin}`, async () => {
    const res = await call(r, cookies.admin);
    expect(res.status).toBe(r.admin);
    if (r.method === 'POST' && r.admin === 303) expect(res.headers.get('location')).not.toMatch(/^\/accedi/);
  });
});

describe('navigation', () => {
  it('shows the accounts sections to admins only', async () => {
    const adminNav = await (await rt.app.request('/admin', { headers: { cookie: cookies.admin } })).text();
    const editorNav = await (await rt.app.request('/admin', { headers: { cookie: cookies.editor } })).text();
    for (const path of ['/admin/utenti', '/admin/audit', '/admin/outbox', '/admin/token-api']) {
      expect(adminNav).toContain(`href="${path}"`);
      expect(editorNav).not.toContain(`href="${path}"`);
    }
  });
});
