// The accounts domain without the web: who may do what, the last-admin rule, passwords, API tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, SYSTEM_ACTOR } from '../../platform/authz/index.ts';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { createStaff, postForm, signIn, withResponseCookies } from '../../../tests/support/http.ts';
import { auditFor } from '../../platform/audit/index.ts';
import { apiTokensListed, userByEmail, userOf } from '../../../tests/factories/accounts.ts';
import {
  changeUserRole,
  createApiToken,
  createUser,
  generatePassword,
  listApiTokens,
  listUsers,
  revokeApiToken,
  setUserDisabled,
  setUserPassword,
  verifyBearer,
} from './index.ts';
import { addExpiringAuthRecords, sessionIdsOf, storedApiToken, verificationIds } from './testing.ts';
import { purgeExpired } from './jobs.ts';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.close());

const actorOf = (u: { id: string; email: string; role: Actor['role'] }): Actor => ({ id: u.id, label: u.email, role: u.role, memberships: [] });

describe('authorization inside the domain', () => {
  it('refuses user and token management to recruiters, editors and anonymous visitors', async () => {
    for (const role of ['recruiter', 'editor', 'anonymous'] as const) {
      const actor: Actor = { id: null, label: role, role, memberships: [] };
      expect(await listUsers(rt.deps, actor)).toEqual({ ok: false, error: { code: 'forbidden' } });
      expect((await createUser(rt.deps, actor, { name: 'X', email: `x-${role}@example.test`, role: 'admin' })).ok).toBe(false);
      expect((await createApiToken(rt.deps, actor, { name: 't', role: 'admin' })).ok).toBe(false);
    }
    for (const role of ['recruiter', 'editor', 'anonymous']) expect(await userByEmail(rt.deps, `x-${role}@example.test`)).toBeNull();
  });
});

describe('the last active admin', () => {
  it('can be neither demoted nor disabled; with a second admin both are allowed', async () => {
    // The prepared database has no users: these two are the only admins.
    const a = await createStaff(rt, { role: 'admin' });
    const e = await createStaff(rt, { role: 'editor' });
    const asA = actorOf(a);
    expect(await changeUserRole(rt.deps, asA, a.id, 'editor')).toEqual({ ok: false, error: { code: 'invalid_state', message: 'accounts.users.errors.last_admin' } });
    expect(await setUserDisabled(rt.deps, SYSTEM_ACTOR, a.id, true)).toEqual({
      ok: false,
      error: { code: 'invalid_state', message: 'accounts.users.errors.last_admin' },
    });
    expect(await setUserDisabled(rt.deps, asA, a.id, true)).toEqual({ ok: false, error: { code: 'invalid_state', message: 'accounts.users.errors.self_disable' } });

    expect((await changeUserRole(rt.deps, asA, e.id, 'admin')).ok).toBe(true);
    expect((await changeUserRole(rt.deps, asA, a.id, 'recruiter')).ok).toBe(true);
    // e is now the only admin again.
    expect((await changeUserRole(rt.deps, actorOf({ ...e, role: 'admin' }), e.id, 'editor')).ok).toBe(false);
    expect((await userOf(rt.deps, e.id))!.role).toBe('admin');
  });
});

describe('passwords', () => {
  it('generates long, varied passwords', () => {
    const seen = new Set(Array.from({ length: 50 }, generatePassword));
    expect(seen.size).toBe(50);
    for (const p of seen) expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}$/);
  });

  it('sets a password that signs in, rejects a short one, and ends existing sessions', async () => {
    const u = await createStaff(rt, { role: 'recruiter' });
    const before = await signIn(rt, u.email, u.password);
    expect(await setUserPassword(rt.deps, SYSTEM_ACTOR, u.id, 'short')).toEqual({ ok: false, error: { code: 'invalid', fields: { password: 'accounts.password.too_short' } } });
    const r = await setUserPassword(rt.deps, SYSTEM_ACTOR, u.id);
    expect(r.ok && r.value.generatedPassword).toBeTruthy();
    const pw = r.ok ? r.value.generatedPassword! : '';
    expect((await rt.app.request('/admin', { headers: { cookie: before } })).status).toBe(303);
    await expect(signIn(rt, u.email, pw)).resolves.toMatch(/session_token/);
  });

  it('creates the credential for a user who never had one', async () => {
    const r = await createUser(rt.deps, SYSTEM_ACTOR, { name: 'Nopass', email: 'nopass@example.test', role: 'editor', sendSetPasswordMail: true });
    expect(r.ok && r.value.generatedPassword).toBeNull();
    const id = r.ok ? r.value.user.id : '';
    const res = await postForm(rt.app, '/accedi', { email: 'nopass@example.test', password: 'anything at all here' });
    expect(res.status).toBe(422);
    expect((await setUserPassword(rt.deps, SYSTEM_ACTOR, id, 'finalmente una password')).ok).toBe(true);
    await expect(signIn(rt, 'nopass@example.test', 'finalmente una password')).resolves.toMatch(/session_token/);
  });
});

describe('API tokens', () => {
  it('returns the secret once, stores only its SHA-256, verifies it as an actor, and stops after revocation', async () => {
    const admin = await createStaff(rt, { role: 'admin' });
    const actor = actorOf(admin);
    const r = await createApiToken(rt.deps, actor, { name: 'Portale inPA', role: 'recruiter' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { id, secret } = r.value;
    expect(secret).toMatch(/^apd_[A-Za-z0-9_-]{43}$/);

    const row = (await storedApiToken(rt.deps.db, id))!;
    expect(JSON.stringify(row)).not.toContain(secret.slice(4));
    const { createHash } = await import('node:crypto');
    expect(row.tokenHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(row.prefix).toBe(secret.slice(0, 12));

    const verified = await verifyBearer(rt.deps, secret);
    expect(verified).toMatchObject({ id: `api:${id}`, label: 'api:Portale inPA', role: 'recruiter' });
    const used = (await apiTokensListed(rt.deps)).find((t) => t.id === id)!;
    expect(used.lastUsedAt).toBeInstanceOf(Date);

    expect(await verifyBearer(rt.deps, secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A'))).toBeNull();
    expect(await verifyBearer(rt.deps, 'not a token')).toBeNull();
    expect(await verifyBearer(rt.deps, '')).toBeNull();

    const list = await listApiTokens(rt.deps, actor);
    expect(list.ok && list.value.find((t) => t.id === id)).toMatchObject({ name: 'Portale inPA', createdByEmail: admin.email, revokedAt: null });

    expect((await revokeApiToken(rt.deps, actor, id)).ok).toBe(true);
    expect(await verifyBearer(rt.deps, secret)).toBeNull();
    expect(await revokeApiToken(rt.deps, actor, 'not-a-uuid')).toEqual({ ok: false, error: { code: 'not_found' } });

    const actions = (await auditFor(rt.deps.db, 'api_token', id)).map((e) => e.action).sort();
    expect(actions).toEqual(['api_token.create', 'api_token.revoke']);
  });

  it('is managed at /admin/token-api: created with the secret shown once, listed by prefix, revoked', async () => {
    const admin = await createStaff(rt, { role: 'admin' });
    let cookie = await signIn(rt, admin.email, admin.password);
    const res = await postForm(rt.app, '/admin/token-api', { name: 'Sito aziendale', role: 'editor' }, { cookie });
    expect(res.status).toBe(201);
    cookie = withResponseCookies(cookie, res);
    const html = await res.text();
    const secret = /data-testid="token-secret">([^<]+)</.exec(html)?.[1];
    expect(secret).toMatch(/^apd_/);
    expect(await verifyBearer(rt.deps, secret!)).toMatchObject({ role: 'editor' });

    const list = await (await rt.app.request('/admin/token-api', { headers: { cookie } })).text();
    expect(list).toContain(secret!.slice(0, 12));
    expect(list).not.toContain(secret!);

    const row = (await apiTokensListed(rt.deps)).find((t) => t.name === 'Sito aziendale')!;
    const revoked = await postForm(rt.app, `/admin/token-api/${row.id}/revoca`, {}, { cookie });
    expect(revoked.status).toBe(303);
    expect(await verifyBearer(rt.deps, secret!)).toBeNull();
    expect(await (await rt.app.request('/admin/token-api?esito=revoked', { headers: { cookie } })).text()).toContain('Token revocato');

    const bad = await postForm(rt.app, '/admin/token-api', { name: '', role: 'emperor' }, { cookie });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('id="name-error"');
    expect(badHtml).toContain('id="role-error"');
  });
});

describe('purgeExpired', () => {
  it('deletes expired sessions and reset tokens, keeps live ones', async () => {
    const u = await createStaff(rt, { role: 'editor' });
    const db = rt.deps.db;
    const now = new Date('2026-06-01T10:00:00Z');
    const past = new Date('2026-06-01T09:00:00Z');
    const future = new Date('2026-06-01T11:00:00Z');
    await addExpiringAuthRecords(db, u.id, {
      sessions: [
        { id: 's-old', token: 't-old', expiresAt: past },
        { id: 's-new', token: 't-new', expiresAt: future },
      ],
      verifications: [
        { id: 'v-old', identifier: 'reset-password:old', expiresAt: past },
        { id: 'v-new', identifier: 'reset-password:new', expiresAt: future },
      ],
    });
    await purgeExpired(db, now);
    expect(await sessionIdsOf(db, u.id)).toEqual(['s-new']);
    const left = await verificationIds(db);
    expect(left).toContain('v-new');
    expect(left).not.toContain('v-old');
  });
});
