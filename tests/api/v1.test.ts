import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { createStaff, signIn, ORIGIN } from '../support/http.ts';
import { ADMIN_ACTOR, buildCall, callInput } from '../factories/index.ts';
import { revokeApiToken } from '../../src/domains/accounts/index.ts';
import { apiTokensListed } from '../factories/accounts.ts';
import { callRecord, callsTitled, countCalls, staffCall } from '../factories/calls.ts';
import { api, apiToken } from './support.ts';

let rt: TestRuntime;
let clock = new Date('2026-06-01T08:00:00Z');
const DAY = 86_400_000;
const tokens: Record<'admin' | 'recruiter' | 'editor', string> = { admin: '', recruiter: '', editor: '' };

beforeAll(async () => {
  rt = await testRuntime({ now: () => clock });
  for (const role of ['admin', 'recruiter', 'editor'] as const) tokens[role] = (await apiToken(rt, role)).secret;
});
afterAll(() => rt.close());

/** A valid POST body as a client sends it: dates as ISO strings. */
async function body(): Promise<Record<string, unknown>> {
  return JSON.parse(JSON.stringify(await callInput(rt.deps)));
}
const withOver = async (over: Record<string, unknown>) => ({ ...(await body()), ...over });

describe('authentication', () => {
  it('answers 401 with WWW-Authenticate: Bearer without a token, with a malformed header and with an unknown token', async () => {
    const cases: Record<string, string>[] = [{}, { authorization: 'Basic dXNlcjpwYXNz' }, { authorization: 'Bearer' }];
    for (const headers of cases) {
      const r = await api(rt, 'GET', '/api/v1/calls', { headers });
      expect(r.status).toBe(401);
      expect(r.data.error).toBe('unauthorized');
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    for (const token of ['apd_' + randomBytes(32).toString('base64url'), 'not-even-token-shaped']) {
      const r = await api(rt, 'GET', '/api/v1/calls', { token });
      expect(r.status).toBe(401);
      expect(r.data).toMatchObject({ error: 'unauthorized' });
      expect(r.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
  });

  it('refuses a revoked token and records when a token was last used', async () => {
    const t = await apiToken(rt, 'recruiter', 'to revoke');
    const tokenRow = async () => (await apiTokensListed(rt.deps)).find((x) => x.id === t.id)!;
    expect((await tokenRow()).lastUsedAt).toBeNull();
    expect((await api(rt, 'GET', '/api/v1/calls', { token: t.secret })).status).toBe(200);
    const used = await tokenRow();
    expect(used.lastUsedAt?.toISOString()).toBe(clock.toISOString());
    expect((await revokeApiToken(rt.deps, ADMIN_ACTOR, t.id)).ok).toBe(true);
    const r = await api(rt, 'GET', '/api/v1/calls', { token: t.secret });
    expect(r.status).toBe(401);
    expect(r.data.error).toBe('unauthorized');
    const w = await api(rt, 'POST', '/api/v1/calls', { token: t.secret, json: await body() });
    expect(w.status).toBe(401);
  });

  it('ignores a signed-in browser’s session cookie: no token, no API', async () => {
    const admin = await createStaff(rt, { role: 'admin' });
    const cookie = await signIn(rt, admin.email, admin.password);
    const callsBefore = await countCalls(rt.deps);
    const admin_ = await rt.app.request('/admin', { headers: { cookie } });
    expect(admin_.status).toBe(200); // the cookie does sign in to the back office
    const list = await api(rt, 'GET', '/api/v1/calls', { headers: { cookie } });
    expect(list.status).toBe(401);
    const title = `Cookie-only ${randomBytes(3).toString('hex')}`;
    const post = await api(rt, 'POST', '/api/v1/calls', { json: await withOver({ title }), headers: { cookie, origin: ORIGIN } });
    expect(post.status).toBe(401);
    const withBadToken = await api(rt, 'POST', '/api/v1/calls', { token: 'apd_' + 'x'.repeat(43), json: await withOver({ title }), headers: { cookie, origin: ORIGIN } });
    expect(withBadToken.status).toBe(401);
    expect(await callsTitled(rt.deps, [title])).toHaveLength(0);
    expect(await countCalls(rt.deps)).toBe(callsBefore);
  });

  it('limits each token to 600 requests a minute with 429 and Retry-After, without touching other tokens', async () => {
    const t = await apiToken(rt, 'editor', 'busy client');
    for (let i = 0; i < 600; i++) {
      const res = await rt.app.request('/api/v1/calls/not-a-uuid', { headers: { authorization: `Bearer ${t.secret}` } });
      if (res.status !== 404) throw new Error(`request ${i} answered ${res.status}`);
    }
    const over = await api(rt, 'GET', '/api/v1/calls/not-a-uuid', { token: t.secret });
    expect(over.status).toBe(429);
    expect(over.data.error).toBe('rate_limited');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api(rt, 'GET', '/api/v1/calls/not-a-uuid', { token: tokens.editor })).status).toBe(404);
  });
});

describe('roles', () => {
  it('lets an editor token read but never write', async () => {
    const call = await buildCall(rt.deps);
    const t = tokens.editor;
    expect((await api(rt, 'GET', '/api/v1/calls', { token: t })).status).toBe(200);
    expect((await api(rt, 'GET', `/api/v1/calls/${call.id}`, { token: t })).status).toBe(200);
    const writes = [
      await api(rt, 'POST', '/api/v1/calls', { token: t, json: await body() }),
      await api(rt, 'PATCH', `/api/v1/calls/${call.id}`, { token: t, json: { posts: 9 } }),
      await api(rt, 'POST', `/api/v1/calls/${call.id}/publish`, { token: t }),
      await api(rt, 'POST', `/api/v1/calls/${call.id}/close`, { token: t }),
      await api(rt, 'POST', `/api/v1/calls/${call.id}/archive`, { token: t }),
      // Forbidden comes before any complaint about the body.
      await api(rt, 'POST', '/api/v1/calls', { token: t, raw: '{nope' }),
    ];
    expect(writes.map((w) => w.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(writes.every((w) => w.data.error === 'forbidden')).toBe(true);
    const after = await callRecord(rt.deps, call.id);
    expect(after).toMatchObject({ posts: call.posts, status: 'draft', version: call.version });
  });

  for (const role of ['recruiter', 'admin'] as const) {
    it(`lets a ${role} token create, read, update, publish, close and archive, audited as the token`, async () => {
      const t = tokens[role];
      const title = `Infermiere di area critica (${role})`;
      const created = await api(rt, 'POST', '/api/v1/calls', { token: t, json: await withOver({ title }) });
      expect(created.status).toBe(201);
      const id = created.data.id as string;
      expect(created.headers.get('location')).toBe(`/api/v1/calls/${id}`);
      expect(created.data).toMatchObject({ title, state: 'draft', version: 1, posts: 2 });
      expect((await api(rt, 'GET', `/api/v1/calls/${id}`, { token: t })).data.title).toBe(title);
      const patched = await api(rt, 'PATCH', `/api/v1/calls/${id}`, { token: t, json: { posts: 4 } });
      expect(patched.status).toBe(200);
      expect(patched.data).toMatchObject({ posts: 4, version: 2 });
      const published = await api(rt, 'POST', `/api/v1/calls/${id}/publish`, { token: t });
      expect(published.status).toBe(200);
      expect(published.data.state).toBe('open');
      const closed = await api(rt, 'POST', `/api/v1/calls/${id}/close`, { token: t });
      expect(closed.status).toBe(200);
      expect(closed.data.state).toBe('closed');
      const archived = await api(rt, 'POST', `/api/v1/calls/${id}/archive`, { token: t });
      expect(archived.status).toBe(200);
      expect(archived.data.state).toBe('archived');
      const audits = (await staffCall(rt.deps, id)).history;
      expect(audits.map((a) => a.action).sort()).toEqual(['call.archived', 'call.closed', 'call.created', 'call.published', 'call.updated']);
      expect(new Set(audits.map((a) => a.actorLabel))).toEqual(new Set([`api:test ${role}`]));
    });
  }
});

describe('calls', () => {
  it('publishes a call created through the API on its public page', async () => {
    const title = `Tecnico di radiologia ${randomBytes(3).toString('hex')}`;
    const created = await api(rt, 'POST', '/api/v1/calls', { token: tokens.recruiter, json: await withOver({ title }) });
    expect(created.status).toBe(201);
    const { id, slug, url } = created.data;
    expect(url).toBe(`http://localhost/bandi/${slug}`);
    expect((await rt.app.request(`/bandi/${slug}`)).status).toBe(404);
    const published = await api(rt, 'POST', `/api/v1/calls/${id}/publish`, { token: tokens.recruiter, json: { publishAt: null } });
    expect(published.status).toBe(200);
    expect(published.data.state).toBe('open');
    expect(published.data.publishAt).toBe(clock.toISOString());
    const page = await rt.app.request(`/bandi/${slug}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(title);
  });

  it('returns the call with camelCase fields, ISO dates, state, url and an ETag', async () => {
    const call = await buildCall(rt.deps, { title: 'Ostetrica', professionCode: 'ostetrica', disciplineCode: null, workplaces: ['022205'] });
    const r = await api(rt, 'GET', `/api/v1/calls/${call.id}`, { token: tokens.admin });
    expect(r.status).toBe(200);
    expect(r.headers.get('etag')).toBe('"1"');
    expect(r.headers.get('content-type')).toContain('application/json');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.data).toMatchObject({
      id: call.id,
      slug: call.slug,
      url: `http://localhost/bandi/${call.slug}`,
      state: 'draft',
      professionCode: 'ostetrica',
      disciplineCode: null,
      deadline: call.deadline!.toISOString(),
      workplaces: [{ code: '022205', name: 'Trento', province: 'TN' }],
      version: 1,
    });
    expect(r.data.employer.id).toBe(call.employerId);
    expect(r.data.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('lists calls with a state filter, text search and pages', async () => {
    const word = `zx${randomBytes(3).toString('hex')}`;
    const open = await buildCall(rt.deps, { title: `Fisioterapista ${word}` }, { publish: true });
    const draft = await buildCall(rt.deps, { title: `Logopedista ${word}` });
    const all = await api(rt, 'GET', `/api/v1/calls?q=${word}`, { token: tokens.editor });
    expect(all.status).toBe(200);
    expect(all.data.items.map((i: { id: string }) => i.id).sort()).toEqual([open.id, draft.id].sort());
    expect(all.data).toMatchObject({ total: 2, page: 1, pages: 1, pageSize: 20 });
    const onlyOpen = await api(rt, 'GET', `/api/v1/calls?q=${word}&state=open`, { token: tokens.editor });
    expect(onlyOpen.data.items).toEqual([
      expect.objectContaining({ id: open.id, state: 'open', url: `http://localhost/bandi/${open.slug}`, deadline: open.deadline!.toISOString() }),
    ]);
    const drafts = await api(rt, 'GET', '/api/v1/calls?state=draft', { token: tokens.editor });
    expect(drafts.data.items.every((i: { state: string }) => i.state === 'draft')).toBe(true);
    const total = (await api(rt, 'GET', '/api/v1/calls', { token: tokens.editor })).data.total as number;
    for (let i = total; i <= 20; i++) await buildCall(rt.deps, { title: `Pagina ${i}` });
    const page2 = await api(rt, 'GET', '/api/v1/calls?page=2', { token: tokens.editor });
    expect(page2.data.page).toBe(2);
    expect(page2.data.items.length).toBeGreaterThan(0);
    const bad = await api(rt, 'GET', '/api/v1/calls?state=nonsense', { token: tokens.editor });
    expect(bad.status).toBe(400);
    expect(bad.data.error).toBe('bad_request');
    expect((await api(rt, 'GET', '/api/v1/calls?page=0', { token: tokens.editor })).status).toBe(400);
  });

  it('answers 404 for unknown and non-uuid ids on every call route', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const id of [unknown, 'not-a-uuid', "1' or '1'='1"]) {
      const path = `/api/v1/calls/${encodeURIComponent(id)}`;
      const results = [
        await api(rt, 'GET', path, { token: tokens.admin }),
        await api(rt, 'PATCH', path, { token: tokens.admin, json: { posts: 3 } }),
        await api(rt, 'POST', `${path}/publish`, { token: tokens.admin }),
        await api(rt, 'POST', `${path}/close`, { token: tokens.admin }),
        await api(rt, 'POST', `${path}/archive`, { token: tokens.admin }),
      ];
      expect(results.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
      expect(results.every((r) => r.data.error === 'not_found')).toBe(true);
    }
  });
});

describe('bad input', () => {
  it('answers malformed JSON, non-objects, a missing body and a non-JSON type with 400/415, never 500', async () => {
    const call = await buildCall(rt.deps);
    for (const [method, path] of [
      ['POST', '/api/v1/calls'],
      ['PATCH', `/api/v1/calls/${call.id}`],
      ['POST', `/api/v1/calls/${call.id}/publish`],
    ] as const) {
      for (const raw of ['{"title": "x",', '[1,2]', 'null', '"text"', '\u0000']) {
        const r = await api(rt, method, path, { token: tokens.admin, raw });
        expect(r.status, `${method} ${path} ${JSON.stringify(raw)}`).toBe(400);
        expect(r.data.error).toBe('bad_request');
      }
      const form = await api(rt, method, path, { token: tokens.admin, raw: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(form.status).toBe(415);
    }
    const deep = '{"title":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    const nested = await api(rt, 'POST', '/api/v1/calls', { token: tokens.admin, raw: deep });
    expect(nested.status).toBe(422);
    expect(nested.data.fields.title).toBeDefined();
    expect((await api(rt, 'POST', '/api/v1/calls', { token: tokens.admin })).status).toBe(400);
    expect((await api(rt, 'PATCH', `/api/v1/calls/${call.id}`, { token: tokens.admin })).status).toBe(400);
  });

  it('refuses a body over the limit with 413', async () => {
    const r = await api(rt, 'POST', '/api/v1/calls', { token: tokens.admin, json: await withOver({ descriptionMd: 'x'.repeat(1_100_000) }) });
    expect(r.status).toBe(413);
    expect(r.data.error).toBe('payload_too_large');
  });

  it('answers invalid fields with 422, the i18n key as code and the message in English or Italian', async () => {
    const bad = await withOver({ title: '', applicationUrl: 'javascript:alert(1)', deadline: '31/12/2026', posts: 'many' });
    const r = await api(rt, 'POST', '/api/v1/calls', { token: tokens.recruiter, json: bad });
    expect(r.status).toBe(422);
    expect(r.data.error).toBe('invalid');
    expect(r.data.fields.title).toEqual({ code: 'common.forms.required', message: 'This field is required.' });
    expect(r.data.fields.applicationUrl.code).toBe('common.forms.invalid_url');
    expect(r.data.fields.posts.code).toBe('common.forms.invalid_number');
    expect(r.data.fields.deadline.code).toBe('api.errors.invalid_datetime');
    const it_ = await api(rt, 'POST', '/api/v1/calls', { token: tokens.recruiter, json: bad, headers: { 'accept-language': 'it-IT,it;q=0.9,en;q=0.5' } });
    expect(it_.data.fields.title.message).toBe('Questo campo è obbligatorio.');
    const refs = await api(rt, 'POST', '/api/v1/calls', { token: tokens.recruiter, json: await withOver({ disciplineCode: 9999, workplaces: ['999999'] }) });
    expect(refs.status).toBe(422);
    expect(refs.data.fields).toMatchObject({ disciplineCode: { code: 'calls.errors.discipline_mismatch' }, workplaces: { code: 'calls.errors.comune_unknown' } });
    const unknown = await api(rt, 'POST', '/api/v1/calls', { token: tokens.recruiter, json: await withOver({ status: 'published' }) });
    expect(unknown.status).toBe(422);
    expect(unknown.data.fields.status.code).toBe('api.errors.unknown_field');
  });

  it('accepts ISO dates with an offset and rejects dates without one', async () => {
    const ok = await api(rt, 'POST', '/api/v1/calls', { token: tokens.recruiter, json: await withOver({ deadline: '2026-07-15T12:00:00+02:00' }) });
    expect(ok.status).toBe(201);
    expect(ok.data.deadline).toBe('2026-07-15T10:00:00.000Z');
    const local = await api(rt, 'POST', '/api/v1/calls', { token: tokens.recruiter, json: await withOver({ deadline: '2026-07-15T12:00:00' }) });
    expect(local.status).toBe(422);
    expect(local.data.fields.deadline.code).toBe('api.errors.invalid_datetime');
  });
});

describe('updating', () => {
  it('changes only the fields sent and keeps the rest, including the admitted specialisations', async () => {
    const call = await buildCall(rt.deps, { specialisations: [{ code: 'geriatria', kind: 'equipollent' }] });
    const r = await api(rt, 'PATCH', `/api/v1/calls/${call.id}`, { token: tokens.recruiter, json: { title: 'Nuovo titolo', deadline: '2026-08-01T10:00:00Z' } });
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({
      title: 'Nuovo titolo',
      deadline: '2026-08-01T10:00:00.000Z',
      posts: call.posts,
      slug: call.slug,
      officialRef: call.officialRef,
      applicationUrl: call.applicationUrl,
      workplaces: [expect.objectContaining({ code: '022205' })],
      specialisations: [expect.objectContaining({ code: 'medicina-interna', kind: 'same' }), expect.objectContaining({ code: 'geriatria', kind: 'equipollent' })],
      version: 2,
    });
    expect(r.headers.get('etag')).toBe('"2"');
  });

  it('merges two simultaneous edits without a version instead of losing one', async () => {
    const call = await buildCall(rt.deps);
    const path = `/api/v1/calls/${call.id}`;
    const [a, b] = await Promise.all([
      api(rt, 'PATCH', path, { token: tokens.admin, json: { posts: 11 } }),
      api(rt, 'PATCH', path, { token: tokens.recruiter, json: { title: 'Titolo cambiato insieme' } }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const row = await callRecord(rt.deps, call.id);
    expect(row).toMatchObject({ posts: 11, title: 'Titolo cambiato insieme', version: 3 });
  });

  it('answers 409 when If-Match or version names an older version, and saves nothing', async () => {
    const call = await buildCall(rt.deps);
    const path = `/api/v1/calls/${call.id}`;
    expect((await api(rt, 'PATCH', path, { token: tokens.admin, json: { posts: 5 }, headers: { 'if-match': '"1"' } })).status).toBe(200);
    const stale = await api(rt, 'PATCH', path, { token: tokens.admin, json: { posts: 6 }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ error: 'conflict', code: 'calls.errors.edited_meanwhile' });
    const staleField = await api(rt, 'PATCH', path, { token: tokens.admin, json: { posts: 7, version: 1 } });
    expect(staleField.status).toBe(409);
    const row = await callRecord(rt.deps, call.id);
    expect(row).toMatchObject({ posts: 5, version: 2 });
    expect((await api(rt, 'PATCH', path, { token: tokens.admin, json: { posts: 8, version: 2 } })).data.version).toBe(3);
    expect((await api(rt, 'PATCH', path, { token: tokens.admin, json: { posts: 8 }, headers: { 'if-match': 'three' } })).status).toBe(400);
    expect((await api(rt, 'PATCH', path, { token: tokens.admin, json: { posts: 8, version: 'x' } })).status).toBe(422);
  });

  it('refuses to edit an archived call and to publish twice with 409 invalid_state', async () => {
    const call = await buildCall(rt.deps, {}, { publish: true });
    const again = await api(rt, 'POST', `/api/v1/calls/${call.id}/publish`, { token: tokens.admin });
    expect(again.status).toBe(409);
    expect(again.data).toMatchObject({ error: 'invalid_state', code: 'calls.errors.not_publishable' });
    const draft = await buildCall(rt.deps);
    expect((await api(rt, 'POST', `/api/v1/calls/${draft.id}/close`, { token: tokens.admin })).status).toBe(409);
    expect((await api(rt, 'POST', `/api/v1/calls/${draft.id}/archive`, { token: tokens.admin })).status).toBe(200);
    const edit = await api(rt, 'PATCH', `/api/v1/calls/${draft.id}`, { token: tokens.admin, json: { posts: 3 } });
    expect(edit.status).toBe(409);
    expect(edit.data.code).toBe('calls.errors.archived_readonly');
  });
});

describe('publishing', () => {
  it('schedules a call for a future publishAt and says what publishing still needs', async () => {
    const call = await buildCall(rt.deps);
    const when = new Date(clock.getTime() + 2 * DAY).toISOString();
    const r = await api(rt, 'POST', `/api/v1/calls/${call.id}/publish`, { token: tokens.recruiter, json: { publishAt: when } });
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ state: 'scheduled', publishAt: when });
    const incomplete = await buildCall(rt.deps, { applicationUrl: null });
    const p = await api(rt, 'POST', `/api/v1/calls/${incomplete.id}/publish`, { token: tokens.recruiter });
    expect(p.status).toBe(422);
    expect(p.data.fields.applicationUrl.code).toBe('calls.errors.application_url_required');
    const badDate = await api(rt, 'POST', `/api/v1/calls/${incomplete.id}/publish`, { token: tokens.recruiter, json: { publishAt: 'tomorrow' } });
    expect(badDate.status).toBe(422);
    expect(badDate.data.fields.publishAt.code).toBe('api.errors.invalid_datetime');
  });
});
