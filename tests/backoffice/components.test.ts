// The kit catalogue (/admin/componenti) for each kind of visitor: anonymous → sign-in, editor and
// recruiter → 403, admin → the catalogue and its whole-page examples; an unknown example is a 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { describeRoleMatrix, type Role } from '../support/role-matrix.ts';
import { createStaff, signIn } from '../support/http.ts';

let rt: TestRuntime;
const cookies: Record<Role, string> = { admin: '', recruiter: '', editor: '' };

beforeAll(async () => {
  rt = await testRuntime();
  for (const role of ['admin', 'recruiter', 'editor'] as const) {
    const u = await createStaff(rt, { role });
    cookies[role] = await signIn(rt, u.email, u.password);
  }
});
afterAll(() => rt.close());

describeRoleMatrix({
  app: () => rt.app,
  cookies,
  signInRedirect: /^\/accedi\?next=%2Fadmin%2Fcomponenti/,
  successRedirect: /^$/,
  routes: [
    { method: 'GET', path: () => '/admin/componenti', allowed: { admin: 200 } },
    { method: 'GET', path: () => '/admin/componenti/esempi/confirm-page', allowed: { admin: 200 } },
  ],
});

describe('/admin/componenti', () => {
  it('answers 404 for an example that does not exist', async () => {
    expect((await rt.app.request('/admin/componenti/esempi/nessuno', { headers: { cookie: cookies.admin } })).status).toBe(404);
  });
});
