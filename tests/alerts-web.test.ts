// The public alert pages (/avvisi): sign-up with double opt-in and its anti-abuse rules, the signed
// preferences, unsubscribe (also RFC 8058 one-click), renewal and click-through pages, erasure.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from './support/runtime.ts';
import { SmtpPeer } from './support/smtp.ts';
import { ORIGIN, getCsrf, postForm } from './support/http.ts';
import { edgeOfKind, prefs, provinceOf } from './support/alerts.ts';
import { buildCall } from './factories/index.ts';
import { buildFanout } from './factories/alerts.ts';
import { callDeliveries, pendingSignups, storedSubscriber } from '../src/domains/alerts/testing.ts';
import { consentHistory } from '../src/platform/consent/index.ts';
import { rowsHolding } from './support/trace.ts';
import { ALERT_PATHS, clickToken, createConfirmedSubscriber, subscriberToken } from '../src/domains/alerts/index.ts';

const DAY = 86_400_000;
const TRENTO = '022205';
const ROVERETO = '022161';
let rt: TestRuntime;
let smtp: SmtpPeer;
let clock = new Date('2026-06-01T08:00:00Z');
let trentino: string;

beforeAll(async () => {
  smtp = await SmtpPeer.start();
  rt = await testRuntime({ now: () => clock, env: { SMTP_URL: smtp.url } });
  trentino = await provinceOf(rt.deps.db, TRENTO);
});
afterAll(async () => {
  await rt?.close();
  await smtp?.stop();
});
beforeEach(() => {
  clock = new Date('2026-06-01T08:00:00Z');
});

let n = 0;
const email = (tag: string) => `${tag}-${++n}@example.org`;
const db = () => rt.deps.db;
const secret = () => rt.deps.links.secret;

/** The sign-up form as a browser sends it. */
const signupForm = (over: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  name: 'Marco Rossi',
  email: email('signup'),
  professionCode: 'medico_chirurgo',
  spec1: '',
  spec1_title: 'held',
  spec2: '',
  spec2_title: 'held',
  spec3: '',
  spec3_title: 'held',
  provinces: [trentino],
  comuni: '',
  alsoRelated: 'on',
  frequency: 'immediate',
  locale: 'it',
  consent: 'on',
  website: '',
  source: 'avvisi',
  ...over,
});

const signupsOf = (address: string) => pendingSignups(db(), address);
const subscriberOf = async (address: string) => (await storedSubscriber(db(), address)) ?? undefined;
const confirmToken = (text: string) => /\/avvisi\/conferma\/([\w-]+)/.exec(text)![1]!;

/** Signs up through the web and confirms through the mailed link: a subscriber as a person makes one. */
async function subscribeThroughWeb(over: Record<string, string | string[]> = {}) {
  const form = signupForm(over);
  const res = await postForm(rt.app, '/avvisi', form);
  expect(res.status).toBe(303);
  const mail = await smtp.waitFor((m) => m.to.includes(form.email as string));
  const token = confirmToken(mail.text);
  const done = await postForm(rt.app, `/avvisi/conferma/${token}`, {});
  expect(done.status).toBe(200);
  const sub = (await subscriberOf(form.email as string))!;
  return { sub, form, html: await done.text() };
}

const tokens = (s: { id: string; linkVersion: number }) => ({
  prefs: subscriberToken(secret(), 'prefs', s.id, s.linkVersion),
  unsub: subscriberToken(secret(), 'unsub', s.id, s.linkVersion),
  renew: subscriberToken(secret(), 'renew', s.id, s.linkVersion),
});

/** A form POST as if from a client at `ip` (the node server puts the socket in the env). */
async function postFromIp(ip: string, path: string, fields: Record<string, string | string[]>) {
  const csrf = await getCsrf(rt.app, '/avvisi');
  const body = new URLSearchParams({ _csrf: csrf.token });
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  const req = new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie, origin: ORIGIN },
    body: body.toString(),
    redirect: 'manual',
  });
  return rt.app.fetch(req, { incoming: { socket: { remoteAddress: ip } } });
}

describe('GET /avvisi', () => {
  it('explains the alerts, shows the form without JavaScript, and carries the visit source and UTM', async () => {
    const res = await rt.app.request('/avvisi?da=home&utm_source=newsletter&utm_campaign=inverno');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    expect(html).toContain('<h1>Avvisi sui nuovi bandi</h1>');
    expect(html).toMatch(/equipollenti: specializzazioni considerate equivalenti/);
    expect(html).toMatch(/affini: specializzazioni vicine/);
    expect(html).toMatch(/<form method="post" action="\/avvisi"/);
    // Three specialisation rows: a specialisation and a title (specialist or year 1–6 of training).
    for (const i of [1, 2, 3]) {
      expect(html).toContain(`name="spec${i}"`);
      expect(html).toContain(`name="spec${i}_title"`);
    }
    expect(html).toContain('<option value="6">In formazione, 6° anno</option>');
    // Provinces as checkboxes inside one <details> per region.
    expect(html).toMatch(/<details class="region mb-2"><summary>Trentino-Alto Adige[^<]*<\/summary>/);
    expect(html).toContain(`id="prov-${trentino}" name="provinces" value="${trentino}"`);
    expect(html).toMatch(/<input type="text" id="comuni" name="comuni"/);
    expect(html).toMatch(/id="alsoRelated" name="alsoRelated" value="on" checked=""/);
    expect(html).toMatch(/id="frequency-immediate" name="frequency" value="immediate" checked=""/);
    expect(html).toMatch(/id="locale-it" name="locale" value="it" checked=""/);
    expect(html).toContain('name="consent"');
    expect(html).toContain('name="website"');
    expect(html).toContain('<input type="hidden" name="source" value="home"/>');
    expect(html).toContain('<input type="hidden" name="utm_source" value="newsletter"/>');
    expect(html).toContain('<input type="hidden" name="utm_campaign" value="inverno"/>');
    // "No call open for you?": the references form posts to /contatti.
    expect(html).toMatch(/action="\/contatti"/);
  });

  it('ignores a source that is not a short code', async () => {
    const html = await (await rt.app.request('/avvisi?da=%3Cscript%3E')).text();
    expect(html).toContain('<input type="hidden" name="source" value="avvisi"/>');
    expect(html).not.toContain('&lt;script&gt;');
  });

  it('the home page invites to the alerts instead of announcing them', async () => {
    const html = await (await rt.app.request('/')).text();
    expect(html).toMatch(/href="\/avvisi\?da=home"/);
    expect(html).not.toContain('Presto potrai ricevere');
  });
});

describe('POST /avvisi', () => {
  it('stores the sign-up with its source and UTM, mails the confirmation link, and sends the person to "check your inbox"', async () => {
    const form = signupForm({
      spec1: 'nefrologia',
      spec1_title: 'held',
      spec2: 'urologia',
      spec2_title: '3',
      comuni: 'Rovereto',
      callTypes: ['concorso_pubblico'],
      frequency: 'weekly',
      source: 'home',
      utm_source: 'newsletter',
      utm_medium: 'email',
    });
    const res = await postForm(rt.app, '/avvisi', form);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/avvisi/controlla-la-posta');
    const [signup] = await signupsOf(form.email as string);
    expect(signup).toBeDefined();
    expect(signup!.source).toBe('home');
    expect(signup!.utm).toEqual({ utm_source: 'newsletter', utm_medium: 'email' });
    expect(signup!.prefs.specialisations).toEqual([
      { code: 'nefrologia', inTraining: false, trainingYear: null },
      { code: 'urologia', inTraining: true, trainingYear: 3 },
    ]);
    expect(signup!.prefs.comuni).toEqual([ROVERETO]);
    expect(signup!.prefs.provinces).toEqual([trentino]);
    expect(signup!.prefs.callTypes).toEqual(['concorso_pubblico']);
    expect(signup!.prefs.frequency).toBe('weekly');
    expect(signup!.prefs.alsoRelated).toBe(true);
    expect(await subscriberOf(form.email as string)).toBeUndefined();
    const mail = await smtp.waitFor((m) => m.to.includes(form.email as string));
    expect(mail.text).toMatch(/http:\/\/localhost\/avvisi\/conferma\/[\w-]+/);

    const page = await rt.app.request('/avvisi/controlla-la-posta');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Controlla la tua email');
    expect(html).toContain('Il link vale 7 giorni');
    expect(html).toMatch(/Finché non lo apri non ti mandiamo nessun avviso/);
  });

  it('an unticked "also equipollent or affine" box is stored as off', async () => {
    const form = signupForm({ alsoRelated: [] });
    delete form.alsoRelated;
    expect((await postForm(rt.app, '/avvisi', form)).status).toBe(303);
    expect((await signupsOf(form.email as string))[0]!.prefs.alsoRelated).toBe(false);
  });

  it('answers a known and an unknown address identically', async () => {
    const known = email('known');
    await createConfirmedSubscriber(rt.deps, known, prefs());
    const unknown = email('unknown');
    const a = await postForm(rt.app, '/avvisi', signupForm({ email: known }));
    const b = await postForm(rt.app, '/avvisi', signupForm({ email: unknown }));
    expect([a.status, a.headers.get('location')]).toEqual([b.status, b.headers.get('location')]);
    expect(a.status).toBe(303);
    expect(await a.text()).toBe(await b.text());
    expect(a.headers.getSetCookie()).toEqual(b.headers.getSetCookie());
    // Each owner learns the truth by mail only.
    expect((await smtp.waitFor((m) => m.to.includes(known))).text).toMatch(/già iscritto/);
    expect((await smtp.waitFor((m) => m.to.includes(unknown))).text).not.toMatch(/già iscritto/);
  });

  it('a filled honeypot gets the same answer and stores and sends nothing', async () => {
    const form = signupForm({ website: 'http://spam.example' });
    const res = await postForm(rt.app, '/avvisi', form);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/avvisi/controlla-la-posta');
    expect(await signupsOf(form.email as string)).toEqual([]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.messages.some((m) => m.to.includes(form.email as string))).toBe(false);
  });

  it('an invalid form comes back (422) with a summary, messages at each field, and everything typed', async () => {
    const form = signupForm({
      name: 'Lucia Verdi',
      email: 'not-an-address',
      professionCode: '',
      spec1: 'urologia',
      spec1_title: '2',
      spec2: '',
      spec2_title: '4',
      comuni: 'Rovereto, Paperopoli, Samone',
      frequency: 'weekly',
      consent: '',
    });
    const res = await postForm(rt.app, '/avvisi', form);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="error-summary"');
    expect(html).toMatch(/<a href="#email">Email: Inserisci un indirizzo email valido/);
    expect(html).toMatch(/<a href="#professionCode">Professione: Questo campo è obbligatorio/);
    expect(html).toMatch(/<a href="#spec2">Specializzazione 2: Hai indicato l&#39;anno di corso/);
    expect(html).toMatch(/<a href="#comuni">Comuni: /);
    expect(html).toMatch(/<a href="#consent">Consenso: /);
    // The summary follows the form, not the order the checks ran in.
    const order = ['#email', '#professionCode', '#spec2', '#comuni', '#consent'].map((a) => html.indexOf(`<a href="${a}">`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).toMatch(/id="email-error"/);
    expect(html).toMatch(/id="comuni-error"[^]*«Paperopoli»: non esiste un comune[^]*«Samone»: più comuni hanno questo nome/);
    expect(html).toMatch(/id="consent-error"/);
    // What was typed stays.
    expect(html).toContain('value="Lucia Verdi"');
    expect(html).toContain('value="not-an-address"');
    expect(html).toContain('value="Rovereto, Paperopoli, Samone"');
    expect(html).toMatch(/<option value="urologia" selected="">/);
    expect(html).toMatch(/id="spec1_title"[^]*?<option value="2" selected="">/);
    expect(html).toMatch(/id="frequency-weekly" name="frequency" value="weekly" checked=""/);
    expect(html).toMatch(new RegExp(`id="prov-${trentino}" name="provinces" value="${trentino}" checked=""`));
    // The region holding a ticked province stays open.
    expect(html).toMatch(/<details class="region mb-2" open=""><summary>Trentino-Alto Adige[^<]*\(scelte: 1\)<\/summary>/);
    expect(await signupsOf('not-an-address')).toEqual([]);
  });

  it('names the missing consent in the summary and keeps the address', async () => {
    const form = signupForm({ consent: '' });
    const res = await postForm(rt.app, '/avvisi', form);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Per iscriverti devi acconsentire");
    expect(html).toContain(`value="${form.email}"`);
    expect(await signupsOf(form.email as string)).toEqual([]);
  });

  it('limits sign-ups per email (3 an hour) with a translated 429', async () => {
    const address = email('limit');
    for (let i = 0; i < 3; i++) expect((await postForm(rt.app, '/avvisi', signupForm({ email: address }))).status).toBe(303);
    const res = await postForm(rt.app, '/avvisi', signupForm({ email: address }));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await res.text();
    expect(html).toMatch(/Hai inviato troppe richieste in poco tempo\. Riprova tra \d+ minuti\./);
    expect(html).toContain(`value="${address}"`);
    const en = await postForm(rt.app, '/en/avvisi', signupForm({ email: address }));
    expect(en.status).toBe(429);
    expect(await en.text()).toMatch(/You sent too many requests in a short time\. Try again in \d+ minutes\./);
  });

  it('limits sign-ups per address of origin (10 an hour), other addresses unaffected', async () => {
    for (let i = 0; i < 10; i++) expect((await postFromIp('203.0.113.7', '/avvisi', signupForm())).status).toBe(303);
    const res = await postFromIp('203.0.113.7', '/avvisi', signupForm());
    expect(res.status).toBe(429);
    expect((await postFromIp('203.0.113.8', '/avvisi', signupForm())).status).toBe(303);
  });
});

describe('confirmation', () => {
  it('a GET shows a button and changes nothing; the POST creates the subscriber; the link then is used up', async () => {
    const form = signupForm();
    await postForm(rt.app, '/avvisi', form);
    const token = confirmToken((await smtp.waitFor((m) => m.to.includes(form.email as string))).text);

    const get = await rt.app.request(`/avvisi/conferma/${token}`);
    expect(get.status).toBe(200);
    expect(get.headers.get('cache-control')).toBe('private, no-store');
    expect(get.headers.get('referrer-policy')).toBe('same-origin');
    const html = await get.text();
    expect(html).toContain('<meta name="robots" content="noindex"/>');
    expect(html).toMatch(new RegExp(`<form method="post" action="/avvisi/conferma/${token}"`));
    expect(html).toContain('Conferma l&#39;iscrizione');
    // A second GET (a mail scanner's prefetch) still changes nothing.
    await rt.app.request(`/avvisi/conferma/${token}`);
    expect(await subscriberOf(form.email as string)).toBeUndefined();
    expect(await signupsOf(form.email as string)).toHaveLength(1);

    const post = await postForm(rt.app, `/avvisi/conferma/${token}`, {});
    expect(post.status).toBe(200);
    const done = await post.text();
    expect(done).toContain('Iscrizione confermata');
    const sub = (await subscriberOf(form.email as string))!;
    expect(sub.status).toBe('active');
    expect(done).toContain(`href="/avvisi/preferenze/${tokens(sub).prefs}"`);

    const again = await rt.app.request(`/avvisi/conferma/${token}`);
    expect(again.status).toBe(404);
    const gone = await again.text();
    expect(gone).toContain('Link scaduto o già usato');
    expect(gone).toContain('href="/avvisi"');
    expect((await postForm(rt.app, `/avvisi/conferma/${token}`, {})).status).toBe(404);
  });

  it('an expired or unknown token is a 404 "link expired" page', async () => {
    const form = signupForm();
    await postForm(rt.app, '/avvisi', form);
    const token = confirmToken((await smtp.waitFor((m) => m.to.includes(form.email as string))).text);
    clock = new Date(clock.getTime() + 8 * DAY);
    expect((await rt.app.request(`/avvisi/conferma/${token}`)).status).toBe(404);
    expect((await rt.app.request('/avvisi/conferma/nonexistent-token-aaaaaaaaaaaa')).status).toBe(404);
  });
});

describe('preferences page', () => {
  it('404 for a forged or old link', async () => {
    const s = await createConfirmedSubscriber(rt.deps, email('forged'), prefs());
    const t = tokens(s);
    expect((await rt.app.request(`/avvisi/preferenze/${t.prefs.slice(0, -2)}xx`)).status).toBe(404);
    // A link of another purpose does not open the preferences.
    expect((await rt.app.request(`/avvisi/preferenze/${t.unsub}`)).status).toBe(404);
    expect((await rt.app.request(`/avvisi/preferenze/${subscriberToken(secret(), 'prefs', s.id, s.linkVersion + 1)}`)).status).toBe(404);
  });

  it('shows the subscription (consent dates, status, digest waiting) and the form filled in', async () => {
    const s = await createConfirmedSubscriber(
      rt.deps,
      email('prefs'),
      prefs({
        name: 'Anna Neri',
        specialisations: [{ code: 'urologia', inTraining: true, trainingYear: 4 }],
        provinces: [trentino],
        comuni: [ROVERETO],
        callTypes: ['avviso_tempo_determinato'],
        frequency: 'weekly',
        alsoRelated: false,
      }),
    );
    const res = await rt.app.request(`/avvisi/preferenze/${tokens(s).prefs}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    const html = await res.text();
    expect(html).toContain('<meta name="robots" content="noindex"/>');
    expect(html).toContain('<meta name="referrer" content="same-origin"/>');
    expect(html).toContain(s.email);
    expect(html).toContain('1 giugno 2026'); // consent given
    expect(html).toContain('1 giugno 2028'); // consent ends 24 months later
    expect(html).toContain('Attiva: ricevi gli avvisi.');
    expect(html).toContain('Nessun bando in attesa del prossimo riepilogo settimanale.');
    expect(html).toContain('value="Anna Neri"');
    expect(html).not.toContain('name="email"');
    expect(html).not.toMatch(/name="consent"/);
    expect(html).toMatch(/id="spec1"[^]*?<option value="urologia" selected="">/);
    expect(html).toMatch(/id="spec1_title"[^]*?<option value="4" selected="">/);
    expect(html).toMatch(new RegExp(`id="prov-${trentino}" name="provinces" value="${trentino}" checked=""`));
    expect(html).toContain('value="Rovereto (TN)"');
    expect(html).toMatch(/value="avviso_tempo_determinato" checked=""/);
    expect(html).toMatch(/id="frequency-weekly" name="frequency" value="weekly" checked=""/);
    expect(html).not.toMatch(/id="alsoRelated" name="alsoRelated" value="on" checked=""/);
  });

  it('counts the calls waiting for the weekly digest', async () => {
    const s = await createConfirmedSubscriber(rt.deps, email('digest'), prefs({ frequency: 'weekly' }));
    const a = await buildCall(rt.deps, { title: 'Attesa uno' }, { publish: true });
    const b = await buildCall(rt.deps, { title: 'Attesa due' }, { publish: true });
    await buildFanout(db(), a.id, [{ subscriberId: s.id, mode: 'weekly', status: 'pending' }], { status: 'done' });
    await buildFanout(db(), b.id, [{ subscriberId: s.id, mode: 'weekly', status: 'pending' }], { status: 'done' });
    const html = await (await rt.app.request(`/avvisi/preferenze/${tokens(s).prefs}`)).text();
    expect(html).toContain('2 bandi aspettano il prossimo riepilogo settimanale.');
  });

  it('saves changes (comuni typed by name), and an invalid change comes back 422 at the field', async () => {
    const s = await createConfirmedSubscriber(rt.deps, email('save'), prefs({ provinces: [trentino] }));
    const path = `/avvisi/preferenze/${tokens(s).prefs}`;
    const res = await postForm(rt.app, path, {
      name: 'Marco Rossi Bis',
      professionCode: 'medico_chirurgo',
      spec1: 'nefrologia',
      spec1_title: 'held',
      comuni: 'Trento, 022161',
      frequency: 'weekly',
      locale: 'en',
      callTypes: ['concorso_pubblico', 'mobilita'],
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${path}?esito=saved`);
    const after = (await subscriberOf(s.email))!;
    expect(after.name).toBe('Marco Rossi Bis');
    expect(after.frequency).toBe('weekly');
    expect(after.locale).toBe('en');
    expect(after.alsoRelated).toBe(false);
    expect(after.callTypes).toEqual(['concorso_pubblico', 'mobilita']);
    expect(after.matchKeys).toContain(`s:nefrologia:same|C${TRENTO}`);
    expect(after.matchKeys).toContain(`s:nefrologia:same|C${ROVERETO}`);
    expect(after.matchKeys.some((k) => k.includes(`P${trentino}`))).toBe(false);
    const page = await (await rt.app.request(`${path}?esito=saved`)).text();
    expect(page).toContain('Preferenze salvate.');

    const bad = await postForm(rt.app, path, { name: '', professionCode: 'medico_chirurgo', comuni: 'Atlantide', frequency: 'weekly', locale: 'it' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toMatch(/<a href="#name">Nome e cognome: Questo campo è obbligatorio/);
    expect(html).toContain('«Atlantide»: non esiste un comune');
    expect(html).toContain('value="Atlantide"');
    expect((await subscriberOf(s.email))!.name).toBe('Marco Rossi Bis');
  });

  it('pauses, resumes and unsubscribes', async () => {
    const s = await createConfirmedSubscriber(rt.deps, email('status'), prefs());
    const path = `/avvisi/preferenze/${tokens(s).prefs}`;
    const pause = await postForm(rt.app, `${path}/stato`, { action: 'pause' });
    expect(pause.headers.get('location')).toBe(`${path}?esito=paused`);
    expect((await subscriberOf(s.email))!.status).toBe('paused');
    const paused = await (await rt.app.request(`${path}?esito=paused`)).text();
    expect(paused).toContain('Sospesa: non ricevi avvisi');
    expect(paused).toContain('Riattiva gli avvisi');
    await postForm(rt.app, `${path}/stato`, { action: 'resume' });
    expect((await subscriberOf(s.email))!.status).toBe('active');
    await postForm(rt.app, `${path}/stato`, { action: 'unsubscribe' });
    expect((await subscriberOf(s.email))!.status).toBe('unsubscribed');
    const html = await (await rt.app.request(path)).text();
    expect(html).toMatch(/Annullata il 1 giugno 2026[^<]*entro il 1 luglio 2026/);
  });

  it('downloads the data as a JSON attachment', async () => {
    const s = await createConfirmedSubscriber(rt.deps, email('export'), prefs({ provinces: [trentino] }));
    const res = await rt.app.request(`/avvisi/preferenze/${tokens(s).prefs}/dati.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w.-]+\.json"$/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const data = (await res.json()) as { subscriber: { email: string; provinces: { code: string }[] }; consents: unknown[] };
    expect(data.subscriber.email).toBe(s.email);
    expect(data.subscriber.provinces.map((p) => p.code)).toEqual([trentino]);
    expect(data.consents).toHaveLength(1);
    expect((await rt.app.request(`/avvisi/preferenze/${tokens(s).unsub}/dati.json`)).status).toBe(404);
  });

  it('erasure asks first, then leaves no row with the address in subscribers, sign-ups, consents or mails', async () => {
    const { sub, form } = await subscribeThroughWeb();
    // A second, unconfirmed sign-up of the same address (and its mail) must go too.
    await postForm(rt.app, '/avvisi', signupForm({ email: form.email }));
    await smtp.waitFor((m) => m.to.includes(sub.email) && m.text.includes('già iscritto'));
    const path = `/avvisi/preferenze/${tokens(sub).prefs}`;
    const count = async () => {
      const q = (table: string) => rowsHolding(db(), table, sub.email);
      const consents = (await consentHistory(db(), 'alert_subscriber', sub.id)).length;
      return { subscribers: await q('alert_subscribers'), signups: await q('alert_signups'), consents, consentsText: await q('consent_records'), mails: await q('mail_messages') };
    };
    const before = await count();
    expect(before.subscribers).toBe(1);
    expect(before.signups).toBe(1);
    expect(before.consents).toBe(1);
    expect(before.mails).toBe(2);

    const ask = await rt.app.request(`${path}/cancella`);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toMatch(new RegExp(`<form method="post" action="${path}/cancella"`));
    expect((await count()).subscribers).toBe(1); // the GET only asks

    const res = await postForm(rt.app, `${path}/cancella`, {});
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Dati cancellati');
    expect(await count()).toEqual({ subscribers: 0, signups: 0, consents: 0, consentsText: 0, mails: 0 });
    // Every link of the erased person is dead.
    expect((await rt.app.request(path)).status).toBe(404);
    expect((await rt.app.request(`/avvisi/disiscrizione/${tokens(sub).unsub}`)).status).toBe(404);
  });
});

describe('unsubscribe', () => {
  it('a GET shows one button and changes nothing; the POST unsubscribes and says how to undo', async () => {
    const s = await createConfirmedSubscriber(rt.deps, email('unsub'), prefs());
    const t = tokens(s);
    const get = await rt.app.request(`/avvisi/disiscrizione/${t.unsub}`);
    expect(get.status).toBe(200);
    expect(get.headers.get('referrer-policy')).toBe('same-origin');
    const html = await get.text();
    expect(html.match(/<form method="post"/g)).toHaveLength(1);
    expect(html).toContain(`action="/avvisi/disiscrizione/${t.unsub}"`);
    expect((await subscriberOf(s.email))!.status).toBe('active');

    const post = await postForm(rt.app, `/avvisi/disiscrizione/${t.unsub}`, {});
    expect(post.status).toBe(200);
    const done = await post.text();
    expect(done).toContain('Iscrizione annullata');
    expect(done).toContain('Entro 30 giorni puoi riattivare');
    expect(done).toContain(`href="/avvisi/preferenze/${t.prefs}"`);
    expect((await subscriberOf(s.email))!.status).toBe('unsubscribed');
  });

  it('one-click (RFC 8058): a POST with List-Unsubscribe=One-Click and no cookie or Origin works', async () => {
    const s = await createConfirmedSubscriber(rt.deps, email('oneclick'), prefs());
    const res = await rt.app.request(`/avvisi/disiscrizione/${tokens(s).unsub}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    const after = (await subscriberOf(s.email))!;
    expect(after.status).toBe('unsubscribed');
    // Idempotent: a second one-click answers the same and changes nothing.
    const again = await rt.app.request(`/avvisi/disiscrizione/${tokens(s).unsub}`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
    });
    expect(again.status).toBe(200);
    expect((await subscriberOf(s.email))!.unsubscribedAt).toEqual(after.unsubscribedAt);
  });

  it('one-click works on the English path, and a forged token is a 404', async () => {
    const s = await createConfirmedSubscriber(rt.deps, email('oneclick-en'), prefs({ locale: 'en' }));
    const res = await rt.app.request(`/en/avvisi/disiscrizione/${tokens(s).unsub}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Unsubscribed');
    const forged = await rt.app.request(`/avvisi/disiscrizione/${tokens(s).prefs}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(forged.status).toBe(404);
  });
});

describe('CSRF: only the one-click unsubscribe is exempt', () => {
  it('other alert POSTs without the token or from another site are refused', async () => {
    const s = await createConfirmedSubscriber(rt.deps, email('csrf'), prefs());
    const t = tokens(s);
    const bare = (path: string, headers: Record<string, string> = {}) =>
      rt.app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: 'action=pause' });
    expect((await bare('/avvisi')).status).toBe(403);
    expect((await bare(`/avvisi/preferenze/${t.prefs}/stato`)).status).toBe(403);
    expect((await bare(`/avvisi/preferenze/${t.prefs}/cancella`)).status).toBe(403);
    expect((await bare(`/avvisi/rinnovo/${t.renew}`)).status).toBe(403);
    expect((await bare(`/en/avvisi/preferenze/${t.prefs}/stato`)).status).toBe(403);
    // With a valid cookie and token but from another site.
    const cross = await postForm(rt.app, `/avvisi/preferenze/${t.prefs}/stato`, { action: 'pause' }, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    // A path that only starts like the unsubscribe URL is not exempt.
    expect((await bare(`/avvisi/disiscrizione/${t.unsub}/x`)).status).toBe(403);
    expect((await bare('/accedi')).status).toBe(403);
    expect((await subscriberOf(s.email))!.status).toBe('active');
  });
});

describe('consent renewal', () => {
  it('a GET shows the expiry and a button; the POST renews for 24 months from now', async () => {
    const s = await createConfirmedSubscriber(rt.deps, email('renew'), prefs());
    const t = tokens(s);
    clock = new Date('2028-05-10T08:00:00Z');
    const get = await rt.app.request(`/avvisi/rinnovo/${t.renew}`);
    expect(get.status).toBe(200);
    const html = await get.text();
    expect(html).toContain('scade il 1 giugno 2028');
    expect(html).toContain(`action="/avvisi/rinnovo/${t.renew}"`);
    expect((await subscriberOf(s.email))!.consentExpiresAt.toISOString()).toBe('2028-06-01T08:00:00.000Z');

    const post = await postForm(rt.app, `/avvisi/rinnovo/${t.renew}`, {});
    expect(post.status).toBe(200);
    expect(await post.text()).toContain('il consenso ora vale fino al 10 maggio 2030');
    expect((await subscriberOf(s.email))!.consentExpiresAt.toISOString()).toBe('2030-05-10T08:00:00.000Z');
    expect((await rt.app.request(`/avvisi/rinnovo/${t.prefs}`)).status).toBe(404);
  });
});

describe('click-through', () => {
  it('counts the click and redirects to the call page; a bad token is a 404', async () => {
    const s = await createConfirmedSubscriber(rt.deps, email('click'), prefs());
    const call = await buildCall(rt.deps, { title: 'Bando cliccato' }, { publish: true });
    const { deliveries } = await buildFanout(db(), call.id, [{ subscriberId: s.id, status: 'sent' }]);
    const token = clickToken(secret(), deliveries[0]!.id);
    const res = await rt.app.request(ALERT_PATHS.click(token));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/bandi/${call.slug}`);
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    const en = await rt.app.request(`/en${ALERT_PATHS.click(token)}`);
    expect(en.headers.get('location')).toBe(`/en/bandi/${call.slug}`);
    const d = (await callDeliveries(db(), call.id)).find((x) => x.id === deliveries[0]!.id);
    expect(d!.clicks).toBe(2);
    expect((await rt.app.request(ALERT_PATHS.click(`${token.slice(0, -3)}abc`))).status).toBe(404);
  });
});

describe('English', () => {
  it('the sign-up, check-inbox, confirmation and preferences pages speak English under /en', async () => {
    const page = await rt.app.request('/en/avvisi');
    const html = await page.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Alerts for new calls</h1>');
    expect(html).toMatch(/<form method="post" action="\/en\/avvisi"/);
    expect(html).toMatch(/id="locale-en" name="locale" value="en" checked=""/);

    const form = signupForm({ locale: 'en' });
    const res = await postForm(rt.app, '/en/avvisi', form);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/en/avvisi/controlla-la-posta');
    expect(await (await rt.app.request('/en/avvisi/controlla-la-posta')).text()).toContain('Check your email');
    const mail = await smtp.waitFor((m) => m.to.includes(form.email as string));
    const link = /http:\/\/localhost(\/en\/avvisi\/conferma\/[\w-]+)/.exec(mail.text)![1]!;
    const confirm = await (await rt.app.request(link)).text();
    expect(confirm).toContain('Confirm subscription');
    const done = await postForm(rt.app, link, {});
    const doneHtml = await done.text();
    expect(doneHtml).toContain('<h1 class="mb-4">You&#39;re subscribed</h1>');
    const sub = (await subscriberOf(form.email as string))!;
    expect(doneHtml).toContain(`href="/en/avvisi/preferenze/${tokens(sub).prefs}"`);
    const prefsPage = await (await rt.app.request(`/en/avvisi/preferenze/${tokens(sub).prefs}`)).text();
    expect(prefsPage).toContain('Your alert preferences');
    expect(prefsPage).toContain('Consent valid until');
    const bad = await postForm(rt.app, '/en/avvisi', signupForm({ email: '' }));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/<a href="#email">Email: /);
    expect((await rt.app.request('/en/avvisi/conferma/nothing-here-aaaaaaaaaaaaaaa')).status).toBe(404);
  });
});

it('a web sign-up with a specialisation and a province gives the match keys the fan-out looks up', async () => {
  const edge = await edgeOfKind(db(), 'affine');
  const { sub } = await subscribeThroughWeb({ spec1: edge.specialisationCode, provinces: [trentino] });
  expect(sub.matchKeys).toContain(`s:${edge.specialisationCode}:any|P${trentino}`);
});
