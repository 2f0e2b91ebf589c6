// /admin/utenti and /admin/audit: creating users (generated password or set-password mail),
// changing role, disabling, the safety rules, and the audit rows each change leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/authz/index.ts';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { createStaff, postForm, signIn, type StaffUserFixture } from '../support/http.ts';
import { listAuditLog } from '../../src/domains/accounts/index.ts';
import { audit, auditFor } from '../../src/platform/audit/index.ts';
import { storedMail } from '../../src/platform/mail/index.ts';
import { userByEmail as userWithEmail } from '../factories/accounts.ts';

let rt: TestRuntime;
let admin: StaffUserFixture;
let cookie: string;
beforeAll(async () => {
  rt = await testRuntime();
  admin = await createStaff(rt, { role: 'admin', name: 'Ada Admin' });
  cookie = await signIn(rt, admin.email, admin.password);
});
afterAll(() => rt.close());

const db = () => rt.deps.db;
const get = (path: string) => rt.app.request(path, { headers: { cookie } });
const post = (path: string, fields: Record<string, string>) => postForm(rt.app, path, fields, { cookie });
const userByEmail = async (email: string) => (await userWithEmail(rt.deps, email))!;
/** The user's history as their page shows it, newest first. */
const historyOf = (userId: string) => auditFor(db(), 'user', userId);

describe('/admin/utenti', () => {
  it('lists users with role and status in words', async () => {
    const res = await get('/admin/utenti');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(admin.email);
    expect(html).toContain('amministratore');
    expect(html).toContain('Attivo');
    expect(html).toMatch(/<caption>Utenti del personale: \d+<\/caption>/);
  });

  it('creates a user with a generated password shown once, which signs in; the creation is audited', async () => {
    const form = await get('/admin/utenti/nuovo');
    expect(form.status).toBe(200);
    const res = await post('/admin/utenti/nuovo', { name: 'Roberto Rossi', email: 'Roberto.Rossi@Example.test', role: 'recruiter', locale: 'it', password_mode: 'generate' });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    const password = /data-testid="generated-password">([^<]+)</.exec(html)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);

    const row = await userByEmail('roberto.rossi@example.test');
    expect(row).toMatchObject({ name: 'Roberto Rossi', role: 'recruiter', disabled: false });
    await expect(signIn(rt, 'roberto.rossi@example.test', password!)).resolves.toMatch(/session_token/);

    const [entry] = await historyOf(row.id);
    expect(entry).toMatchObject({ action: 'user.create', entityType: 'user', actorId: admin.id, actorLabel: admin.email });
    expect(JSON.stringify(entry.changes)).not.toContain(password!);
  });

  it('keeps what was typed and explains each problem at the field', async () => {
    const res = await post('/admin/utenti/nuovo', { name: 'Senza Email', email: 'not-an-email', role: 'boss', locale: 'it', password_mode: 'generate' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="email-error"');
    expect(html).toContain('id="role-error"');
    expect(html).toContain('value="Senza Email"');

    const dup = await post('/admin/utenti/nuovo', { name: 'Again', email: admin.email, role: 'editor', locale: 'it', password_mode: 'generate' });
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain('Esiste già un utente con questo indirizzo email');
  });

  it('creates a user who sets the password through the mail', async () => {
    const res = await post('/admin/utenti/nuovo', { name: 'Mara Mail', email: 'mara@example.test', role: 'editor', locale: 'en', password_mode: 'mail' });
    expect(res.status).toBe(303);
    const row = await userByEmail('mara@example.test');
    expect(res.headers.get('location')).toBe(`/admin/utenti/${row.id}?esito=created_mail`);
    expect(row.locale).toBe('en');
    const [mail] = await storedMail(db(), { to: ['mara@example.test'] });
    expect(mail.text).toMatch(/\/en\/reimposta-password\?token=/);
    const token = /token=([\w-]+)/.exec(mail.text)![1];
    const set = await postForm(rt.app, '/en/reimposta-password', { token, password: 'mara sceglie la sua password', password_confirm: 'mara sceglie la sua password' });
    expect(set.status).toBe(303);
    await expect(signIn(rt, 'mara@example.test', 'mara sceglie la sua password')).resolves.toMatch(/session_token/);
  });

  it('changes the role, audited with before and after', async () => {
    const u = await createStaff(rt, { role: 'editor' });
    const res = await post(`/admin/utenti/${u.id}/ruolo`, { role: 'recruiter' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/utenti/${u.id}?esito=role_changed`);
    expect((await userByEmail(u.email)).role).toBe('recruiter');
    const [entry] = await historyOf(u.id);
    expect(entry).toMatchObject({ action: 'user.role_change', actorLabel: admin.email, changes: { role: { from: 'editor', to: 'recruiter' } } });
    const page = await get(`/admin/utenti/${u.id}?esito=role_changed`);
    expect(await page.text()).toContain('Ruolo aggiornato.');
  });

  it('disables and enables a user, audited; the disabled user is signed out', async () => {
    const u = await createStaff(rt, { role: 'recruiter' });
    const theirs = await signIn(rt, u.email, u.password);
    let res = await post(`/admin/utenti/${u.id}/stato`, { disabled: '1' });
    expect(res.status).toBe(303);
    expect((await userByEmail(u.email)).disabled).toBe(true);
    expect((await rt.app.request('/admin', { headers: { cookie: theirs } })).status).toBe(303);
    expect(await (await get('/admin/utenti')).text()).toContain('Disattivato');
    res = await post(`/admin/utenti/${u.id}/stato`, { disabled: '0' });
    expect(res.status).toBe(303);
    expect((await userByEmail(u.email)).disabled).toBe(false);
    const actions = (await historyOf(u.id)).map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['user.enable', 'user.disable']);
  });

  it('refuses to let admins disable themselves', async () => {
    const res = await post(`/admin/utenti/${admin.id}/stato`, { disabled: '1' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Non puoi disattivare la tua stessa utenza');
    expect((await userByEmail(admin.email)).disabled).toBe(false);
  });

  it('sends a reset mail on request, audited', async () => {
    const u = await createStaff(rt, { role: 'editor' });
    const res = await post(`/admin/utenti/${u.id}/reimposta-password`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/utenti/${u.id}?esito=reset_sent`);
    const mails = await storedMail(db(), { to: [u.email] });
    expect(mails).toHaveLength(1);
    expect((await historyOf(u.id))[0].action).toBe('user.reset_mail');
  });

  it('answers 404 for an unknown user and a bad role value with 422', async () => {
    expect((await get('/admin/utenti/no-such-user')).status).toBe(404);
    expect((await post('/admin/utenti/no-such-user/ruolo', { role: 'editor' })).status).toBe(404);
    const u = await createStaff(rt, { role: 'editor' });
    expect((await post(`/admin/utenti/${u.id}/ruolo`, { role: 'superuser' })).status).toBe(422);
  });
});

describe('/admin/audit', () => {
  it('lists entries newest first, filters by entity type and actor, and paginates', async () => {
    for (let i = 0; i < 55; i++) await audit(db(), SYSTEM_ACTOR, { action: 'test.ping', entityType: 'probe', entityId: `p${i}`, summary: `probe <${i}>` });
    const all = await get('/admin/audit');
    expect(all.status).toBe(200);
    const html = await all.text();
    expect(html).toContain('probe &lt;54&gt;');
    expect(html).toContain('<option value="probe"');
    expect(html).toContain('href="/admin/audit?pagina=1" aria-current="page"');

    const probes = await (await get('/admin/audit?tipo=probe&attore=system')).text();
    expect(probes).toContain('Modifiche registrate: 55');
    expect(probes).toContain('href="/admin/audit?tipo=probe&amp;attore=system&amp;pagina=2"');
    const page2 = await (await get('/admin/audit?tipo=probe&attore=system&pagina=2')).text();
    expect(page2).toContain('probe &lt;0&gt;');
    expect(page2).not.toContain('probe &lt;54&gt;');

    const byAdmin = await (await get(`/admin/audit?attore=${encodeURIComponent(admin.email)}`)).text();
    expect(byAdmin).toContain('user.create');
    expect(byAdmin).not.toContain('test.ping');

    const none = await (await get('/admin/audit?tipo=nothing-like-this')).text();
    expect(none).toContain('Nessuna modifica registrata');
    const probesLogged = await listAuditLog(rt.deps, SYSTEM_ACTOR, { entityType: 'probe' });
    expect(probesLogged.ok && probesLogged.value.total).toBe(55);
  });

  it('survives nonsense query values', async () => {
    for (const q of ['pagina=-1', 'pagina=abc', 'pagina=99999999999', `tipo=${'x'.repeat(5000)}`]) {
      expect((await get(`/admin/audit?${q}`)).status).toBe(200);
    }
  });
});
