// /admin/casi/:id/cancella over HTTP: only admins erase a person (recruiter and editor 403,
// anonymous → sign-in), the case's page offers it to admins only, the confirmation page says what
// goes and what stays, and the POST erases (with the alert subscription when ticked) and redirects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/authz/index.ts';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { describeRoleMatrix, type MatrixRoute, type Role } from '../support/role-matrix.ts';
import { createStaff, postForm, signIn, type StaffUserFixture } from '../support/http.ts';
import { text } from '../backoffice/calls-support.ts';
import { createCase, getCase, type Case } from '../../src/domains/cases/index.ts';
import { subscribe, subscriberOf } from '../factories/alerts.ts';
import { ADMIN_ACTOR } from '../factories/index.ts';

let rt: TestRuntime;
const cookies: Record<Role, string> = { admin: '', recruiter: '', editor: '' };
const staff = {} as Record<Role, StaffUserFixture>;
let main: Case;
let n = 0;

async function mk(over: Record<string, string> = {}): Promise<Case> {
  const r = await createCase(rt.deps, SYSTEM_ACTOR, { name: 'Elisa Cancella', email: `elisa.${++n}.${Date.now()}@example.org`, locale: 'it', ...over });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

beforeAll(async () => {
  rt = await testRuntime({ work: false });
  for (const role of ['admin', 'recruiter', 'editor'] as const) {
    staff[role] = await createStaff(rt, { role, name: `Persona ${role}` });
    cookies[role] = await signIn(rt, staff[role].email, staff[role].password);
  }
  main = await mk();
});
afterAll(() => rt.close());

const get = (path: string, cookie?: string) => rt.app.request(path, { headers: cookie ? { cookie } : {} });

// Each successful POST erases a case: every call of the matrix (anonymous and three roles) gets its own.
const fresh: Case[] = [];
beforeAll(async () => {
  for (let i = 0; i < 4; i++) fresh.push(await mk());
});
const ROUTES: MatrixRoute[] = [
  { method: 'GET', path: () => `/admin/casi/${main.id}/cancella`, allowed: { admin: 200 } },
  { method: 'POST', path: () => `/admin/casi/${fresh.pop()!.id}/cancella`, fields: () => ({}), allowed: { admin: 303 } },
];

describeRoleMatrix({
  app: () => rt.app,
  cookies,
  routes: ROUTES,
  signInRedirect: /^\/accedi\?next=%2Fadmin%2Fcasi/,
  successRedirect: /^\/admin\/casi\?esito=erased$/,
});

describe('erasing from the case page', () => {
  it('offers the button to admins only', async () => {
    const admin = await (await get(`/admin/casi/${main.id}`, cookies.admin)).text();
    expect(admin).toContain(`href="/admin/casi/${main.id}/cancella"`);
    expect(admin).toContain('Cancella i dati di questa persona');
    const rec = await (await get(`/admin/casi/${main.id}`, cookies.recruiter)).text();
    expect(rec).not.toContain('/cancella');
  });

  it('confirms with what goes, what stays and why, then erases with the subscription when ticked', async () => {
    const c = await mk({ name: 'Franca Iscritta' });
    const sub = await subscribe(rt.deps, { email: c.email!, prefs: { name: c.name } });
    const page = text(await (await get(`/admin/casi/${c.id}/cancella`, cookies.admin)).text());
    expect(page).toContain('<h1>Cancellare i dati di Franca Iscritta?</h1>');
    expect(page).toContain('Che cosa sarà cancellato');
    expect(page).toContain('Che cosa resta, e perché');
    expect(page).toContain('iscrizioni agli avvisi: 1');
    expect(page).toContain('name="include" value="alerts"');
    expect(page).toContain('<label class="form-check-label" for="erase-alerts">');
    expect(page).toContain(`href="/admin/casi/${c.id}/dati.json"`);
    const en = text(await (await get(`/en/admin/casi/${c.id}/cancella`, cookies.admin)).text());
    expect(en).toContain('What is kept, and why');

    const res = await postForm(rt.app, `/admin/casi/${c.id}/cancella`, { include: 'alerts' }, { cookie: cookies.admin });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/casi?esito=erased');
    expect(text(await (await get(res.headers.get('location')!, cookies.admin)).text())).toContain('I dati della persona sono stati cancellati.');
    expect(await getCase(rt.deps.db, ADMIN_ACTOR, c.id)).toEqual({ ok: false, error: { code: 'not_found' } });
    expect(await subscriberOf(rt.deps, sub.id)).toBeNull();
    expect((await get(`/admin/casi/${c.id}/cancella`, cookies.admin)).status).toBe(404);
  });

  it('keeps the subscription when the box is left unticked; no box without a subscription', async () => {
    const c = await mk({ name: 'Gino Resta' });
    expect(await (await get(`/admin/casi/${c.id}/cancella`, cookies.admin)).text()).not.toContain('name="include"');
    const sub = await subscribe(rt.deps, { email: c.email!, prefs: { name: c.name } });
    const res = await postForm(rt.app, `/admin/casi/${c.id}/cancella`, {}, { cookie: cookies.admin });
    expect(res.status).toBe(303);
    expect(await getCase(rt.deps.db, ADMIN_ACTOR, c.id)).toEqual({ ok: false, error: { code: 'not_found' } });
    expect(await subscriberOf(rt.deps, sub.id)).toMatchObject({ email: c.email });
  });
});
