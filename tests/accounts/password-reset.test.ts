// Password reset end to end: request → mail in the outbox with the link → new password → sign in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/authz/index.ts';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { createStaff, postForm, signIn, type StaffUserFixture } from '../support/http.ts';
import { storedMail } from '../../src/platform/mail/index.ts';
import { setUserDisabled } from '../../src/domains/accounts/index.ts';
import { resetLink } from '../../src/domains/accounts/jobs.ts';

let rt: TestRuntime;
let admin: StaffUserFixture;
beforeAll(async () => {
  rt = await testRuntime();
  admin = await createStaff(rt, { role: 'admin' });
});
afterAll(() => rt.close());

/** The mails stored for this address, newest first. */
const mailsTo = async (to: string) => (await storedMail(rt.deps.db, { to: [to] })).reverse();
const tokenIn = (text: string) => /reimposta-password\?token=([\w-]+)/.exec(text)?.[1];

describe('password reset', () => {
  it('mails a link, which sets a new password that then signs in; the old one stops working', async () => {
    const u = await createStaff(rt, { role: 'editor', name: 'Elena Editor' });
    const res = await postForm(rt.app, '/password-dimenticata', { email: u.email });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/password-dimenticata?esito=sent');

    const [mail] = await mailsTo(u.email);
    expect(mail.subject).toBe('Reimposta la password dell\'area riservata');
    expect(mail.text).toContain('Gentile Elena Editor');
    expect(mail.text).toMatch(/http:\/\/localhost\/reimposta-password\?token=[\w-]+/);
    const token = tokenIn(mail.text)!;

    // The admin reads the same link in the outbox.
    const cookie = await signIn(rt, admin.email, admin.password);
    const list = await (await rt.app.request('/admin/outbox', { headers: { cookie } })).text();
    expect(list).toContain(u.email);
    expect(list).toContain(`/admin/outbox/${mail.id}`);
    const page = await rt.app.request(`/admin/outbox/${mail.id}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`reimposta-password?token=${token}`);

    const form = await rt.app.request(`/reimposta-password?token=${token}`);
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain(`name="token" value="${token}"`);
    expect(formHtml).toContain('<meta name="referrer" content="no-referrer"/>');

    const newPassword = 'un nuovo segreto piuttosto lungo';
    const done = await postForm(rt.app, '/reimposta-password', { token, password: newPassword, password_confirm: newPassword });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/accedi?esito=password_reset');

    await expect(signIn(rt, u.email, newPassword)).resolves.toMatch(/session_token/);
    expect((await postForm(rt.app, '/accedi', { email: u.email, password: u.password })).status).toBe(422);

    // A used link cannot be used again.
    const again = await postForm(rt.app, '/reimposta-password', { token, password: 'ancora un altro segreto', password_confirm: 'ancora un altro segreto' });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('scaduto o è già stato usato');
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const res = await postForm(rt.app, '/password-dimenticata', { email: 'nessuno@example.test' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/password-dimenticata?esito=sent');
    expect(await mailsTo('nessuno@example.test')).toHaveLength(0);
    const page = await rt.app.request('/password-dimenticata?esito=sent');
    expect(await page.text()).toContain('Se l&#39;indirizzo corrisponde');
  });

  it('sends nothing to a disabled account, with the same answer', async () => {
    const u = await createStaff(rt, { role: 'editor' });
    await setUserDisabled(rt.deps, SYSTEM_ACTOR, u.id, true);
    const res = await postForm(rt.app, '/password-dimenticata', { email: u.email });
    expect(res.headers.get('location')).toBe('/password-dimenticata?esito=sent');
    expect(await mailsTo(u.email)).toHaveLength(0);
  });

  it('writes the mail in the user\'s language, linking to the English page', async () => {
    const u = await createStaff(rt, { role: 'recruiter', locale: 'en', name: 'Rita Recruiter' });
    await postForm(rt.app, '/password-dimenticata', { email: u.email });
    const [mail] = await mailsTo(u.email);
    expect(mail.subject).toBe('Reset your staff area password');
    expect(mail.text).toContain('Dear Rita Recruiter');
    expect(mail.text).toMatch(/http:\/\/localhost\/en\/reimposta-password\?token=[\w-]+/);
  });

  it('checks the new password at the field: length and confirmation, with translated messages', async () => {
    const short = await postForm(rt.app, '/reimposta-password', { token: 'abcdefghijklmnop', password: 'breve', password_confirm: 'breve' });
    expect(short.status).toBe(422);
    const html = await short.text();
    expect(html).toContain('id="password-error"');
    expect(html).toContain('almeno 12 caratteri');

    const mismatch = await postForm(rt.app, '/en/reimposta-password', {
      token: 'abcdefghijklmnop',
      password: 'a long enough password',
      password_confirm: 'another long password',
    });
    expect(mismatch.status).toBe(422);
    expect(await mismatch.text()).toContain('The two passwords do not match');

    const badToken = await postForm(rt.app, '/reimposta-password', { token: 'abcdefghijklmnop', password: 'a long enough password', password_confirm: 'a long enough password' });
    expect(badToken.status).toBe(422);
    expect(await badToken.text()).toContain('Chiedi un nuovo collegamento');
  });

  it('shows an explanation instead of the form without a usable token', async () => {
    for (const q of ['', '?token=', '?token=%3Cscript%3E']) {
      const res = await rt.app.request(`/reimposta-password${q}`);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('Il collegamento non è valido');
      expect(html).not.toContain('<script>');
    }
  });

  it('rejects an invalid email at the field', async () => {
    const res = await postForm(rt.app, '/password-dimenticata', { email: 'not-an-email' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('id="email-error"');
  });

  it('rate-limits requests for one address: the 6th in an hour gets 429', async () => {
    const u = await createStaff(rt, { role: 'editor' });
    for (let i = 0; i < 5; i++) expect((await postForm(rt.app, '/password-dimenticata', { email: u.email })).status).toBe(303);
    const res = await postForm(rt.app, '/password-dimenticata', { email: u.email });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await mailsTo(u.email)).toHaveLength(5);
  });
});

describe('resetLink', () => {
  it('builds the link from the better-auth callback URL, keeping a base path', () => {
    expect(resetLink('https://lavoro.asl.example/sub/api/auth/reset-password/TOK?callbackURL=x', 'TOK', 'it')).toBe(
      'https://lavoro.asl.example/sub/reimposta-password?token=TOK',
    );
    expect(resetLink('https://a.example/api/auth/reset-password/T1', 'T1', 'en')).toBe('https://a.example/en/reimposta-password?token=T1');
  });
});
