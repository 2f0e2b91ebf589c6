// "Leave your references" over HTTP: the /contatti form (422 keeping what was typed, 303 to the
// thanks page), the honeypot, the rate limits per address and per email, the compact form on /bandi
// without results and on a closed call (never stored in the render cache), and the privacy notice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { getCsrf, ORIGIN } from '../support/http.ts';
import { ADMIN_ACTOR, buildOrganisation } from '../factories/index.ts';
import { closedCall, get, openCall } from '../public/support.ts';
import { text } from '../backoffice/calls-support.ts';
import { getLead, listLeads } from '../../src/domains/leads/index.ts';
import { PRIVACY_NOTICE_VERSION } from '../../src/platform/consent/index.ts';
import type { Call } from '../../src/domains/calls/index.ts';

let rt: TestRuntime;
let csrf: { token: string; cookie: string };
let closed: Call;
let open: Call;
let n = 0;

beforeAll(async () => {
  rt = await testRuntime();
  await buildOrganisation(rt.deps.db, { name: 'Azienda provinciale per i servizi sanitari (prova)', kind: 'health_agency', isHost: true, email: 'privacy@apss-prova.example.it', address: 'Via Degasperi 79', postalCode: '38123' });
  csrf = await getCsrf(rt.app, '/contatti');
  open = await openCall(rt, { title: 'Dirigente medico di Medicina interna – Trento' });
  closed = await closedCall(rt, { title: 'Dirigente medico di Geriatria – Rovereto' });
});
afterAll(() => rt.close());

const fields = (over: Record<string, string> = {}) => ({
  name: 'Chiara Neri',
  email: `chiara.neri.${++n}@example.org`,
  phone: '',
  professionCode: 'infermiere',
  specialisationCode: '',
  preferredTime: 'afternoon',
  message: 'Disponibile da ottobre.',
  consent: 'on',
  source: 'contatti',
  website: '',
  ...over,
});

/** A same-origin form POST, optionally from a given client address (as the Node server passes it). */
async function post(path: string, f: Record<string, string>, ip?: string): Promise<Response> {
  const body = new URLSearchParams({ _csrf: csrf.token, ...f });
  const req = new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie, origin: ORIGIN },
    body: body.toString(),
    redirect: 'manual',
  });
  return rt.app.fetch(req, ip ? { incoming: { socket: { remoteAddress: ip } } } : {});
}

/** The leads with this address as the inbox finds them, each with its page's record and consents. */
async function leadsByEmail(email: string) {
  const list = await listLeads(rt.deps.db, ADMIN_ACTOR, { q: email });
  if (!list.ok) throw new Error(`listLeads: ${list.error.code}`);
  return Promise.all(
    list.value.items
      .filter((l) => l.email === email)
      .map(async (l) => {
        const d = await getLead(rt.deps.db, ADMIN_ACTOR, l.id);
        if (!d.ok) throw new Error(`getLead: ${d.error.code}`);
        return { ...d.value.lead, consents: d.value.consents };
      }),
  );
}

describe('the /contatti page', () => {
  it('shows the form with consent (notice version, link to the notice), honeypot and selects, never cached', async () => {
    const { res, html } = await get(rt, '/contatti');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('set-cookie')).toMatch(/^approdo_csrf=/);
    expect(html).toContain('<h1>Lascia i tuoi riferimenti</h1>');
    expect(html).toContain('<form method="post" action="/contatti" novalidate=""');
    expect(html).toMatch(/<input type="hidden" name="_csrf" value="[\w-]+"/);
    expect(html).toContain('<input type="hidden" name="source" value="contatti"/>');
    expect(html).toMatch(/<input type="checkbox" id="consent" name="consent" value="on" required=""/);
    expect(text(html)).toContain(`Ho letto l'informativa privacy (versione ${PRIVACY_NOTICE_VERSION}) e acconsento`);
    expect(html).toContain(`<a href="/privacy">Leggi l&#39;informativa privacy (versione ${PRIVACY_NOTICE_VERSION}).</a>`);
    expect(html).toMatch(/<div class="hp-field"><label for="website">[^<]+<\/label><input type="text" id="website" name="website" value="" tabindex="-1" autocomplete="off"\/>/);
    expect(html).toContain('<option value="infermiere">');
    expect(html).toContain('<option value="geriatria">Geriatria</option>');
    expect(html).toContain('<option value="evening">Sera (18-20)</option>');
    const en = await get(rt, '/en/contatti?utm_source=flyer&utm_medium=print');
    expect(en.html).toContain('<form method="post" action="/en/contatti"');
    expect(en.html).toContain('<h1>Leave your references</h1>');
    expect(en.html).toContain('<a href="/en/privacy">');
    expect(en.html).toContain('<input type="hidden" name="utm_source" value="flyer"/>');
    expect(en.html).toContain('<input type="hidden" name="utm_medium" value="print"/>');
  });

  it('answers 422 with the messages at the fields, keeping what was typed, and stores nothing', async () => {
    const res = await post('/contatti', fields({ name: 'Chiara <b>Neri</b>', email: 'chiara@', consent: '', message: 'Resto qui', utm_source: 'mail' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<div id="email-error" class="field-error mt-1">Inserisci un indirizzo email valido, per esempio nome@esempio.it.</div>');
    expect(html).toContain('aria-describedby="consent-hint consent-error"');
    expect(html).toContain('Per inviare i tuoi riferimenti devi dare il consenso al trattamento dei dati.');
    expect(html).toContain('value="Chiara &lt;b&gt;Neri&lt;/b&gt;"');
    expect(html).toContain('value="chiara@"');
    expect(html).toMatch(/<textarea id="message"[^>]*>Resto qui<\/textarea>/);
    expect(html).toContain('<option value="afternoon" selected="">');
    expect(html).toContain('<input type="hidden" name="utm_source" value="mail"/>');
    expect(html).toContain('<a href="#email">');
    expect(await leadsByEmail('chiara@')).toHaveLength(0);
  });

  it('stores a valid lead and redirects to the thanks page, in the page’s language', async () => {
    const f = fields({ specialisationCode: '', utm_campaign: 'primavera' });
    const res = await post('/contatti', f);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/contatti/grazie');
    const [row] = await leadsByEmail(f.email);
    expect(row).toMatchObject({ name: 'Chiara Neri', locale: 'it', source: 'contatti', preferredTime: 'afternoon', utm: { utm_campaign: 'primavera' } });
    const thanks = await get(rt, '/contatti/grazie');
    expect(thanks.res.status).toBe(200);
    expect(thanks.html).toMatch(/<h1[^>]*>Grazie, abbiamo ricevuto i tuoi riferimenti<\/h1>/);

    const e = fields();
    const en = await post('/en/contatti', e);
    expect(en.headers.get('location')).toBe('/en/contatti/grazie');
    expect((await leadsByEmail(e.email))[0].locale).toBe('en');
    expect((await get(rt, '/en/contatti/grazie')).html).toMatch(/<h1[^>]*>Thank you, we have received your references<\/h1>/);
  });

  it('treats a filled honeypot as a bot: the same answer as a success, nothing stored', async () => {
    const f = fields({ website: 'https://spam.example' });
    const res = await post('/contatti', f);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/contatti/grazie');
    expect(await leadsByEmail(f.email)).toHaveLength(0);
    // Even with an otherwise invalid form.
    expect((await post('/contatti', { website: 'x', email: 'bad' })).status).toBe(303);
  });

  it('limits each email to 3 leads an hour with a translated 429 page that keeps the form', async () => {
    const email = `ripetuta.${Date.now()}@example.org`;
    for (let i = 0; i < 3; i++) expect((await post('/contatti', fields({ email }), `198.51.100.${i + 1}`)).status).toBe(303);
    const res = await post('/contatti', fields({ email, name: 'Quarta Volta' }), '198.51.100.9');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(3000);
    const html = await res.text();
    expect(html).toContain('Abbiamo ricevuto troppi invii da qui in poco tempo. Riprova tra 60 minuti');
    expect(html).toContain('value="Quarta Volta"');
    expect(await leadsByEmail(email)).toHaveLength(3);
    const en = await post('/en/contatti', fields({ email }), '198.51.100.10');
    expect(en.status).toBe(429);
    expect(await en.text()).toContain('We have received too many submissions from here');
    // Another address still gets through.
    expect((await post('/contatti', fields(), '198.51.100.9')).status).toBe(303);
  });

  it('limits each client address to 10 leads an hour', async () => {
    const ip = '203.0.113.77';
    for (let i = 0; i < 10; i++) expect((await post('/contatti', fields(), ip)).status, `attempt ${i + 1}`).toBe(303);
    const f = fields();
    expect((await post('/contatti', f, ip)).status).toBe(429);
    expect(await leadsByEmail(f.email)).toHaveLength(0);
    expect((await post('/contatti', fields(), '203.0.113.78')).status).toBe(303);
  });
});

describe('the compact form on other pages', () => {
  it('appears on /bandi when a search finds nothing, posts to /contatti, and keeps that page out of the cache', async () => {
    rt.deps.cache.invalidate();
    const res = await rt.app.request('/bandi?q=zzzqqqxxx&utm_source=newsletter');
    const html = await res.text();
    expect(html).toContain('<h3 id="lead-block-title" class="h4">Nessun bando per te? Lascia i tuoi riferimenti</h3>');
    expect(html).toContain('<form method="post" action="/contatti" novalidate="" class="lead-form">');
    expect(html).toContain('<input type="hidden" name="source" value="bandi-empty"/>');
    expect(html).toContain('<input type="hidden" name="utm_source" value="newsletter"/>');
    expect(html).toContain('id="lead-email" name="email"');
    expect(html).toContain('id="lead-consent" name="consent"');
    expect(html).not.toContain('name="callSlug"');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('set-cookie')).toMatch(/^approdo_csrf=/);
    expect(rt.deps.cache.get('it:/bandi?q=zzzqqqxxx')).toBeUndefined();
    // A search with results has no form and is still cached for everyone.
    const list = await rt.app.request('/bandi');
    expect(await list.text()).not.toContain('lead-form');
    expect(list.headers.get('set-cookie')).toBeNull();
    expect(rt.deps.cache.get('it:/bandi')).toBeDefined();
  });

  it('appears on a closed call with the call named, not on an open one; the lead links the call', async () => {
    const { html } = await get(rt, `/bandi/${closed.slug}`);
    expect(html).toContain('<h2 id="lead-block-title" class="h4">');
    expect(html).toContain(`<input type="hidden" name="callSlug" value="${closed.slug}"/>`);
    expect(html).toContain('<input type="hidden" name="source" value="call-closed"/>');
    expect(html).not.toContain('/candidati');
    const openHtml = (await get(rt, `/bandi/${open.slug}`)).html;
    expect(openHtml).not.toContain('lead-form');
    expect(rt.deps.cache.get(`it:/bandi/${open.slug}`)).toBeDefined();
    expect(rt.deps.cache.get(`it:/bandi/${closed.slug}`)).toBeUndefined();

    const f = fields({ callSlug: closed.slug, source: 'call-closed' });
    expect((await post('/contatti', f)).status).toBe(303);
    const [row] = await leadsByEmail(f.email);
    expect(row.callId).toBe(closed.id);
    expect(row.consents.map((x) => x.source)).toEqual(['call-closed']);
  });
});

describe('the privacy notice', () => {
  it('names the host as controller and states purposes, basis, data, retention, recipients, rights and version', async () => {
    const { res, html } = await get(rt, '/privacy');
    expect(res.status).toBe(200);
    const body = text(html);
    expect(body).toContain('<h1>Informativa privacy</h1>');
    expect(body).toContain('Il titolare del trattamento è Azienda provinciale per i servizi sanitari (prova)');
    expect(body).toContain('Via Degasperi 79, 38123');
    expect(html).toContain('<a href="mailto:privacy@apss-prova.example.it">privacy@apss-prova.example.it</a>');
    expect(body).toContain(`Versione ${PRIVACY_NOTICE_VERSION}`);
    expect(body).toContain('articolo 6, paragrafo 1, lettera a, del GDPR');
    expect(body).toContain('24 mesi dal consenso');
    expect(body).toContain('dopo 7 giorni');
    expect(body).toContain("24 mesi dall'ultimo aggiornamento");
    // Talks, webinars, the team's follow-up record and ranked lists (issue 4) are covered too.
    expect(body).toContain("Scheda di accompagnamento, colloqui e iscrizioni ai webinar: 24 mesi dall'ultima attività");
    expect(body).toContain('articolo 6, paragrafo 1, lettere c ed e, del GDPR');
    expect(body).toContain('restano, scollegati da essa');
    expect(body).toContain('quando la graduatoria scade (di norma dopo due anni) cancelliamo email, PEC e telefono');
    expect(body).toContain('<h3>Per colloqui, webinar e accompagnamento</h3>');
    expect(body).toContain('team accoglienza');
    expect(body).toContain('non sono comunicati a terzi');
    expect(body).toContain('scrivi a privacy@apss-prova.example.it');
    for (const h of ['Titolare del trattamento', 'Base giuridica', 'Quali dati conserviamo', 'Per quanto tempo', 'Chi vede i tuoi dati', 'I tuoi diritti']) {
      expect(body).toContain(`<h2>${h}</h2>`);
    }
    const en = text((await get(rt, '/en/privacy')).html);
    expect(en).toContain('<h1>Privacy notice</h1>');
    expect(en).toContain('Article 6(1)(a) GDPR');
    expect(en).toContain('Article 6(1)(c) and (e) GDPR');
    expect(en).toContain(`Version ${PRIVACY_NOTICE_VERSION}`);
    // Every page links to it from the footer.
    expect((await get(rt, '/')).html).toContain('<a class="text-white" href="/privacy">Informativa privacy</a>');
  });

  it('still reads right before a host organisation is set', async () => {
    // A site whose host organisation has not been set yet: a runtime of its own, with none.
    const bare = await testRuntime();
    try {
      const body = text((await get(bare, '/privacy')).html);
      expect(body).toContain("Il titolare del trattamento è l'azienda sanitaria che gestisce questo sito");
      expect(body).not.toContain('mailto:');
    } finally {
      await bare.close();
    }
  });
});
