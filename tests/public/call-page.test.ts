// /bandi/:slug and what hangs off it: JSON-LD, meta tags, closed calls, the apply redirect with
// its click counter, the deadline in a calendar file (checked with ical.js), attachments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { ADMIN_ACTOR, buildCall, buildOrganisation } from '../factories/index.ts';
import { addAttachment, outboundClicks, type Call } from '../../src/domains/calls/index.ts';
import { fromRomeLocal, romeParts } from '../../src/platform/i18n/format.ts';
import { timeLeft } from '../../src/web/public/calls/CallCard.tsx';
import { translator } from '../../src/platform/i18n/index.ts';
import { closedCall, DAY, get, openCall, testClock } from './support.ts';

let rt: TestRuntime;
const clock = testClock('2026-06-01T08:00:00Z');
let open: Call;
let partTime: Call;
let closed: Call;
const SUMMER = fromRomeLocal('2026-07-15', '12:00')!;
const WINTER = fromRomeLocal('2026-12-15', '12:00')!;

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
}
const meta = (html: string, attr: 'property' | 'name', key: string) =>
  new RegExp(`<meta ${attr}="${key.replace(/[:.]/g, '\\$&')}" content="([^"]*)"`).exec(html)?.[1];

beforeAll(async () => {
  rt = await testRuntime({ now: clock.now });
  const employer = await buildOrganisation(rt.deps.db, { name: 'Ospedale di Trento', kind: 'public_hospital', website: 'https://www.ospedale.example.it' });
  open = await openCall(rt, {
    title: 'Dirigente medico </script><!-- Cardiologia',
    employerId: employer.id,
    disciplineCode: 3,
    posts: 3,
    workplaces: ['022205'],
    deadline: SUMMER,
    descriptionMd: 'Il reparto di **cardiologia** cerca medici.',
    officialRef: 'BUR n. 24 del 2026',
    applicationUrl: 'https://www.inpa.gov.it/bandi/12345',
    contactName: 'Ufficio concorsi',
    contactPhone: '0461 123456',
  });
  partTime = await openCall(rt, {
    title: 'Infermiere a tempo parziale',
    professionCode: 'infermiere',
    disciplineCode: null,
    type: 'avviso_tempo_determinato',
    contractTerm: 'determinato',
    contractHours: 'part_time',
    workplaces: ['022205', '058091'],
    deadline: WINTER,
    officialRef: null,
  });
  closed = await closedCall(rt, { title: 'Dirigente medico di Geriatria', disciplineCode: 9 });
});
afterAll(() => rt.close());

describe('a call page', () => {
  it('shows everything a candidate needs', async () => {
    const { res, html } = await get(rt, `/bandi/${open.slug}`);
    expect(res.status).toBe(200);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain('<h1>Dirigente medico &lt;/script&gt;&lt;!-- Cardiologia</h1>');
    for (const text of [
      'Concorso pubblico',
      'Ospedale di Trento',
      'Medico chirurgo',
      'Cardiologia',
      'Tempo indeterminato, tempo pieno',
      'Trento (TN)',
      'BUR n. 24 del 2026',
      '15 luglio 2026 alle ore 12:00',
      'scade tra 44 giorni',
      '<strong>cardiologia</strong>',
      'Specializzazioni ammesse',
      'Ufficio concorsi',
      'href="tel:0461123456"',
      'href="mailto:concorsi@asl.example.it"',
    ])
      expect(html, text).toContain(text);
    expect(html).toContain(`href="/bandi/${open.slug}/candidati"`);
    expect(html).toContain(`href="/bandi/${open.slug}/scadenza.ics"`);
    expect(html).toContain('<span class="badge bg-success"><span class="visually-hidden">Stato: </span>Aperto</span>');
  });

  it('groups the admitted specialisations by kind, with a note on what they mean', async () => {
    const call = await openCall(rt, {
      title: 'Dirigente medico di Medicina interna',
      disciplineCode: 15,
      specialisations: [
        { code: 'medicina-interna', kind: 'same' },
        { code: 'geriatria', kind: 'equipollent' },
        { code: 'medicina-d-emergenza-urgenza', kind: 'affine' },
      ],
    });
    const { html } = await get(rt, `/bandi/${call.slug}`);
    const same = html.indexOf('Specializzazione nella disciplina</h3><ul><li>Medicina interna</li>');
    const equi = html.indexOf('Specializzazioni equipollenti</h3><ul><li>Geriatria</li>');
    const affine = html.indexOf("Specializzazioni affini</h3><ul><li>Medicina d&#39;emergenza-urgenza</li>");
    expect(same).toBeGreaterThan(0);
    expect(equi).toBeGreaterThan(same);
    expect(affine).toBeGreaterThan(equi);
    expect(html).toContain('DM 31 gennaio 1998');
  });

  it('carries a JobPosting whose every field is right, safe against a title that tries to end the script', async () => {
    const { html } = await get(rt, `/bandi/${open.slug}`);
    const blocks = jsonLd(html);
    expect(blocks).toHaveLength(1);
    const jp = blocks[0]!;
    expect(jp['@context']).toBe('https://schema.org');
    expect(jp['@type']).toBe('JobPosting');
    expect(jp.title).toBe('Dirigente medico </script><!-- Cardiologia');
    expect(jp.description).toContain('Il reparto di cardiologia cerca medici.');
    expect(jp.description).not.toContain('**');
    expect(jp.datePosted).toBe(open.publishAt!.toISOString());
    expect(jp.validThrough).toBe(SUMMER.toISOString());
    expect(jp.employmentType).toBe('FULL_TIME');
    expect(jp.hiringOrganization).toEqual({
      '@type': 'Organization',
      name: 'Ospedale di Trento',
      sameAs: 'https://www.ospedale.example.it/',
      url: 'https://www.ospedale.example.it/',
    });
    expect(jp.jobLocation).toEqual({
      '@type': 'Place',
      address: { '@type': 'PostalAddress', addressLocality: 'Trento', addressRegion: 'TN', addressCountry: 'IT' },
    });
    expect(jp.identifier).toEqual({ '@type': 'PropertyValue', name: 'Ospedale di Trento', value: 'BUR n. 24 del 2026' });
    expect(jp.directApply).toBe(false);
    expect(jp.totalJobOpenings).toBe(3);
    expect(jp.url).toBe(`http://localhost/bandi/${open.slug}`);
    // The raw block holds no "<" at all: the title's </script><!-- is written as \u003c.
    const raw = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(raw).not.toContain('<');
    expect(raw).toContain('\\u003c/script\\u003e\\u003c!--');
  });

  it('maps contract and hours to employmentType, lists several workplaces, falls back to the slug as identifier', async () => {
    const jp = jsonLd((await get(rt, `/bandi/${partTime.slug}`)).html)[0]!;
    expect(jp.employmentType).toEqual(['TEMPORARY', 'PART_TIME']);
    expect(jp.jobLocation).toEqual([
      { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Roma', addressRegion: 'RM', addressCountry: 'IT' } },
      { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Trento', addressRegion: 'TN', addressCountry: 'IT' } },
    ]);
    expect(jp.identifier).toEqual({ '@type': 'PropertyValue', name: 'Azienda sanitaria di prova', value: partTime.slug });
    expect(jp.hiringOrganization).toEqual({ '@type': 'Organization', name: 'Azienda sanitaria di prova' });
  });

  it('has Open Graph and Twitter tags, a canonical link and it/en alternates', async () => {
    const { html } = await get(rt, `/bandi/${open.slug}`);
    const url = `http://localhost/bandi/${open.slug}`;
    expect(html).toContain(`<link rel="canonical" href="${url}"/>`);
    expect(html).toContain(`<link rel="alternate" hreflang="it" href="${url}"/>`);
    expect(html).toContain(`<link rel="alternate" hreflang="en" href="http://localhost/en/bandi/${open.slug}"/>`);
    expect(meta(html, 'property', 'og:title')).toBe('Dirigente medico &lt;/script&gt;&lt;!-- Cardiologia');
    expect(meta(html, 'property', 'og:url')).toBe(url);
    expect(meta(html, 'property', 'og:type')).toBe('article');
    expect(meta(html, 'property', 'og:description')).toBe('Il reparto di cardiologia cerca medici.');
    expect(meta(html, 'name', 'twitter:card')).toBe('summary');
    expect(meta(html, 'name', 'twitter:title')).toBe('Dirigente medico &lt;/script&gt;&lt;!-- Cardiologia');
  });

  it('offers share links that load nothing from third parties', async () => {
    const { html } = await get(rt, `/bandi/${open.slug}`);
    const enc = encodeURIComponent(`http://localhost/bandi/${open.slug}`);
    expect(html).toContain(`https://www.linkedin.com/sharing/share-offsite/?url=${enc}`);
    expect(html).toContain(`https://www.facebook.com/sharer/sharer.php?u=${enc}`);
    expect(html).toContain(`https://x.com/intent/post?url=${enc}`);
    expect(html).toContain(`https://wa.me/?text=`);
    expect(html).toMatch(/href="mailto:\?subject=/);
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).not.toMatch(/<iframe/);
  });

  it('keeps a closed call visible, marked closed, without JobPosting, apply button or calendar', async () => {
    const { res, html } = await get(rt, `/bandi/${closed.slug}`);
    expect(res.status).toBe(200);
    expect(html).toContain('<span class="badge bg-dark"><span class="visually-hidden">Stato: </span>Chiuso</span>');
    expect(html).toContain('Questo bando è chiuso');
    expect(html).not.toContain('application/ld+json');
    expect(html).not.toContain('/candidati');
    expect(html).not.toContain('Candidati sul portale ufficiale');
    expect(html).not.toContain('scadenza.ics');
  });

  it('answers 404 for malformed, unknown, draft and scheduled slugs', async () => {
    const draft = await buildCall(rt.deps, { title: 'Bozza riservata' });
    const scheduled = await buildCall(rt.deps, { title: 'Programmato', publishAt: new Date(clock.now().getTime() + DAY) }, { publish: true });
    for (const path of [
      '/bandi/MAIUSCOLE',
      '/bandi/con_underscore',
      '/bandi/' + 'a'.repeat(121),
      '/bandi/non-esiste',
      '/bandi/%3Cscript%3E',
      `/bandi/${draft.slug}`,
      `/bandi/${scheduled.slug}`,
      `/bandi/${draft.slug}/scadenza.ics`,
      `/bandi/${draft.slug}/candidati`,
    ]) {
      const res = await rt.app.request(path);
      expect(res.status, path).toBe(404);
    }
  });

  it('is in English under /en', async () => {
    const { res, html } = await get(rt, `/en/bandi/${partTime.slug}`);
    expect(res.status).toBe(200);
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Nurse');
    expect(html).toContain('Fixed term, part time');
    expect(html).toContain('Apply on the official portal');
    expect(html).toContain(`href="/en/bandi/${partTime.slug}/candidati"`);
    expect(html).toContain(`<link rel="canonical" href="http://localhost/en/bandi/${partTime.slug}"/>`);
    expect(html).toContain(`href="/bandi/${partTime.slug}" hreflang="it"`);
  });
});

describe('time left', () => {
  const t = translator('it');
  const now = new Date('2026-06-01T08:00:00Z'); // 10:00 in Rome
  it('reads in days, tomorrow, today, minutes, expired', () => {
    expect(timeLeft(t, 'it', new Date('2026-06-06T08:00:00Z'), now)).toBe('scade tra 5 giorni');
    expect(timeLeft(t, 'it', new Date('2026-06-02T06:00:00Z'), now)).toBe('scade domani alle 08:00');
    expect(timeLeft(t, 'it', new Date('2026-06-01T20:00:00Z'), now)).toBe('scade oggi alle 22:00');
    // 23:30 UTC is already the next day in Rome.
    expect(timeLeft(t, 'it', new Date('2026-06-01T23:30:00Z'), now)).toBe('scade domani alle 01:30');
    expect(timeLeft(t, 'it', new Date('2026-06-01T08:20:00Z'), now)).toBe('scade tra 20 minuti');
    expect(timeLeft(t, 'it', now, now)).toBe('scaduto');
    expect(timeLeft(translator('en'), 'en', new Date('2026-06-06T08:00:00Z'), now)).toBe('closes in 5 days');
  });
});

describe('apply on the official portal', () => {
  it('counts the click and sends the visitor to the stored https URL only', async () => {
    const before = await outboundClicks(rt.deps.db, open.id);
    const res = await rt.app.request(`/bandi/${open.slug}/candidati?url=https://evil.example&next=//evil.example`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://www.inpa.gov.it/bandi/12345');
    expect(res.headers.get('cache-control')).toBe('no-store');
    await rt.app.request(`/en/bandi/${open.slug}/candidati`);
    expect(await outboundClicks(rt.deps.db, open.id)).toBe(before + 2);
  });

  it('sends a closed call back to its page and counts nothing', async () => {
    const res = await rt.app.request(`/bandi/${closed.slug}/candidati`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/bandi/${closed.slug}`);
    expect(await outboundClicks(rt.deps.db, closed.id)).toBe(0);
  });
});

describe('add to calendar', () => {
  async function event(slug: string, prefix = '') {
    const res = await rt.app.request(`${prefix}/bandi/${slug}/scadenza.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await res.text();
    const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
    return { text, ev: new ICAL.Event(vevent) };
  }

  it('ends at the deadline in Europe/Rome on a summer date (UTC+2)', async () => {
    const { text, ev } = await event(open.slug);
    expect(text).toContain('DTEND:20260715T100000Z');
    expect(ev.endDate.toJSDate().toISOString()).toBe(SUMMER.toISOString());
    expect(romeParts(ev.endDate.toJSDate())).toMatchObject({ year: 2026, month: 7, day: 15, hour: 12, minute: 0 });
    expect(romeParts(ev.startDate.toJSDate())).toMatchObject({ day: 15, hour: 11, minute: 0 });
    expect(ev.summary).toBe('Scadenza: Dirigente medico </script><!-- Cardiologia');
    expect(ev.description).toContain('15 luglio 2026 alle ore 12:00');
    expect(ev.uid).toBe(`call-${open.id}@localhost`);
  });

  it('ends at the deadline in Europe/Rome on a winter date (UTC+1), in English under /en', async () => {
    const { text, ev } = await event(partTime.slug, '/en');
    expect(text).toContain('DTEND:20261215T110000Z');
    expect(ev.endDate.toJSDate().toISOString()).toBe(WINTER.toISOString());
    expect(romeParts(ev.endDate.toJSDate())).toMatchObject({ year: 2026, month: 12, day: 15, hour: 12, minute: 0 });
    expect(ev.summary).toBe('Deadline: Infermiere a tempo parziale');
    expect(ev.description).toContain(`http://localhost/en/bandi/${partTime.slug}`);
  });
});

describe('attachments', () => {
  it('serves the PDF for download, only through its own call', async () => {
    const bytes = Buffer.from('%PDF-1.4\n% test\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    const r = await addAttachment(rt.deps, ADMIN_ACTOR, open.id, { name: 'Bando di concorso è.pdf', type: 'application/pdf', bytes }, 'Testo del bando');
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const page = await get(rt, `/bandi/${open.slug}`);
    expect(page.html).toContain(`<a href="/bandi/${open.slug}/allegati/${r.value.id}">Testo del bando</a>`);
    const res = await rt.app.request(`/bandi/${open.slug}/allegati/${r.value.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Bando di concorso _.pdf"; filename*=UTF-8''${encodeURIComponent('Bando di concorso è.pdf')}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    // Another call's slug, a malformed id, an unknown id: not found.
    for (const path of [
      `/bandi/${partTime.slug}/allegati/${r.value.id}`,
      `/bandi/${open.slug}/allegati/not-a-uuid`,
      `/bandi/${open.slug}/allegati/00000000-0000-4000-8000-000000000000`,
    ])
      expect((await rt.app.request(path)).status, path).toBe(404);
  });
});
