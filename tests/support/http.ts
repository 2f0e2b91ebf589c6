// HTTP test helpers: the CSRF cookie and field, same-origin form posts, signing in, staff users.
import { randomBytes } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../src/platform/authz/index.ts';
import type { WebApp } from '../../src/web/app.tsx';
import type { Runtime } from '../../src/runtime.ts';
import { createUser, ensureAccount, getOutboxMessage, grantMembership, listOutbox } from '../../src/domains/accounts/index.ts';
import type { StaffRole } from '../../src/platform/authz/index.ts';

export const ORIGIN = 'http://localhost';
const CSRF_COOKIE = 'approdo_csrf';

/** Cookie header string → name/value map. */
export function parseCookieHeader(cookie: string | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) jar.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return jar;
}

/** Applies a response's Set-Cookie headers to a Cookie header string (deleted cookies drop out). */
export function withResponseCookies(cookie: string | undefined, res: Response): string {
  const jar = parseCookieHeader(cookie);
  for (const sc of res.headers.getSetCookie()) {
    const [pair, ...attrs] = sc.split(';');
    const i = pair.indexOf('=');
    const name = pair.slice(0, i).trim();
    const value = pair.slice(i + 1).trim();
    const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
    if (expired) jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** A fresh CSRF token: GET a page, keep the cookie it sets. */
export async function getCsrf(app: WebApp, path = '/accedi'): Promise<{ token: string; cookie: string }> {
  const res = await app.request(path);
  const cookie = withResponseCookies(undefined, res);
  const token = parseCookieHeader(cookie).get(CSRF_COOKIE);
  if (!token) throw new Error(`GET ${path} set no ${CSRF_COOKIE} cookie (status ${res.status})`);
  return { token, cookie };
}

export interface PostOptions {
  /** Cookie header; a CSRF cookie is added when it has none. */
  cookie?: string;
  /** Origin header; null sends none. Defaults to this site. */
  origin?: string | null;
  headers?: Record<string, string>;
}

/** A same-origin urlencoded form POST carrying the CSRF cookie and `_csrf` field. */
export async function postForm(app: WebApp, path: string, fields: Record<string, string | string[]>, opts: PostOptions = {}): Promise<Response> {
  let cookie = opts.cookie ?? '';
  let token = parseCookieHeader(cookie).get(CSRF_COOKIE);
  if (!token) {
    const csrf = await getCsrf(app);
    token = csrf.token;
    cookie = cookie ? `${cookie}; ${csrf.cookie}` : csrf.cookie;
  }
  const body = new URLSearchParams();
  if (!('_csrf' in fields)) body.append('_csrf', token);
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', cookie, ...opts.headers };
  if (opts.origin !== null) headers.origin = opts.origin ?? ORIGIN;
  return app.request(path, { method: 'POST', headers, body: body.toString(), redirect: 'manual' });
}

/** Signs in through /accedi; returns a Cookie header with the session and CSRF cookies. */
export async function signIn(rt: Pick<Runtime, 'app'>, email: string, password: string): Promise<string> {
  const csrf = await getCsrf(rt.app);
  const res = await postForm(rt.app, '/accedi', { email, password }, { cookie: csrf.cookie });
  if (res.status !== 303) throw new Error(`sign-in as ${email} failed with status ${res.status}`);
  const cookie = withResponseCookies(csrf.cookie, res);
  if (!/approdo\.session_token=/.test(cookie)) throw new Error('sign-in set no session cookie');
  return cookie;
}

export const STAFF_PASSWORD = 'una password lunga e segreta';

export interface StaffUserFixture {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  password: string;
}

/** A staff user with a known password, created through the accounts domain (so sign-in works). */
export async function createStaff(
  rt: Pick<Runtime, 'deps'>,
  opts: { role: StaffRole; email?: string; name?: string; password?: string; locale?: 'it' | 'en' },
): Promise<StaffUserFixture> {
  const email = opts.email ?? `${opts.role}-${randomBytes(4).toString('hex')}@example.test`;
  const name = opts.name ?? `Test ${opts.role}`;
  const password = opts.password ?? STAFF_PASSWORD;
  const r = await createUser(rt.deps, SYSTEM_ACTOR, { name, email, role: opts.role, password, locale: opts.locale ?? 'it' });
  if (!r.ok) throw new Error(`createStaff failed: ${JSON.stringify(r.error)}`);
  return { id: r.value.user.id, email: r.value.user.email, name, role: opts.role, password };
}

/**
 * Signs in as a real person would with a sign-in link: asks for it on /accedi, reads the mail in
 * the outbox, opens the link's page and presses its button. Returns the Cookie header.
 */
export async function signInByLink(rt: Pick<Runtime, 'app' | 'deps'>, email: string): Promise<string> {
  const csrf = await getCsrf(rt.app);
  const asked = await postForm(rt.app, '/accedi/link', { link_email: email }, { cookie: csrf.cookie });
  if (asked.status !== 303) throw new Error(`asking a sign-in link for ${email} answered ${asked.status}`);
  const box = await listOutbox(rt.deps, SYSTEM_ACTOR, {});
  if (!box.ok) throw new Error('outbox not readable');
  const row = box.value.items.find((m) => m.to === email.toLowerCase());
  if (!row) throw new Error(`no sign-in mail to ${email}`);
  const msg = await getOutboxMessage(rt.deps, SYSTEM_ACTOR, row.id);
  if (!msg.ok) throw new Error('sign-in mail not readable');
  const url = /https?:\/\/\S+\/accedi\/link\/\S+/.exec(msg.value.text)?.[0];
  if (!url) throw new Error('no link in the sign-in mail');
  const path = new URL(url).pathname + new URL(url).search;
  const page = await rt.app.request(path, { headers: { cookie: csrf.cookie } });
  if (page.status !== 200) throw new Error(`the link's page answered ${page.status}`);
  const res = await postForm(rt.app, new URL(url).pathname, {}, { cookie: csrf.cookie });
  if (res.status !== 303) throw new Error(`using the link answered ${res.status}`);
  const cookie = withResponseCookies(csrf.cookie, res);
  if (!/approdo\.session_token=/.test(cookie)) throw new Error('the link set no session cookie');
  return cookie;
}

/** A person of the network (no staff role) with a role in an organisation. */
export async function createMember(rt: Pick<Runtime, 'deps'>, opts: { organisationId: string; role: string; email?: string; name?: string }): Promise<{ id: string; email: string }> {
  const email = opts.email ?? `member-${randomBytes(4).toString('hex')}@example.test`;
  const now = rt.deps.now();
  return rt.deps.db.transaction(async (tx) => {
    const a = await ensureAccount(rt.deps, tx, SYSTEM_ACTOR, { name: opts.name ?? 'Persona della rete', email }, now);
    await grantMembership(tx, SYSTEM_ACTOR, { userId: a.id, scope: 'organisation', scopeId: opts.organisationId, role: opts.role }, now);
    return { id: a.id, email };
  });
}
