// /bandi: search, filters, sort, pagination, bad parameters, escaping, English; and the home page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { buildCall } from '../factories/index.ts';
import { cardTitles, closedCall, DAY, get, openCall, testClock } from './support.ts';

let rt: TestRuntime;
const clock = testClock();

const CARDIO = 'Dirigente medico di Cardiologia';
const NURSE = 'Infermiere per il pronto soccorso';
const INTERNA = 'Dirigente medico di Medicina interna';
const CLOSED = 'Dirigente medico di Geriatria (chiuso)';

beforeAll(async () => {
  rt = await testRuntime({ now: clock.now });
  const now = clock.now().getTime();
  await openCall(rt, {
    title: CARDIO,
    disciplineCode: 3,
    workplaces: ['022205'],
    deadline: new Date(now + 10 * DAY),
    descriptionMd: 'Attività di **emodinamica** e cardiologia interventistica.',
  });
  clock.advance(60_000);
  await openCall(rt, {
    title: NURSE,
    professionCode: 'infermiere',
    disciplineCode: null,
    type: 'avviso_tempo_determinato',
    contractTerm: 'determinato',
    workplaces: ['058091'],
    deadline: new Date(now + 5 * DAY),
    descriptionMd: 'Turni in pronto soccorso.',
  });
  clock.advance(60_000);
  await openCall(rt, { title: INTERNA, disciplineCode: 15, workplaces: ['015146'], deadline: new Date(now + 20 * DAY) });
  clock.advance(60_000);
  await closedCall(rt, { title: CLOSED, disciplineCode: 9, workplaces: ['022161'] });
  clock.advance(60_000);
});
afterAll(() => rt.close());

describe('/bandi search and filters', () => {
  it('lists the open calls by deadline with the count, and not the closed one', async () => {
    const { res, html } = await get(rt, '/bandi');
    expect(res.status).toBe(200);
    expect(html).toContain('3 bandi trovati');
    expect(cardTitles(html)).toEqual([NURSE, CARDIO, INTERNA]);
    expect(html).not.toContain(CLOSED);
    // The form works without JavaScript: a GET form with labelled fields.
    expect(html).toMatch(/<form action="\/bandi" method="get" role="search"/);
    for (const id of ['q', 'profession', 'discipline', 'province', 'type', 'sort']) expect(html).toContain(`<label for="${id}"`);
    expect(html).toContain('<input type="radio" id="state-open" name="state" value="open" checked=""');
  });

  it('filters by profession, discipline, province and type', async () => {
    expect(cardTitles((await get(rt, '/bandi?profession=infermiere')).html)).toEqual([NURSE]);
    expect(cardTitles((await get(rt, '/bandi?discipline=3')).html)).toEqual([CARDIO]);
    expect(cardTitles((await get(rt, '/bandi?province=TN')).html)).toEqual([CARDIO]);
    expect(cardTitles((await get(rt, '/bandi?province=mi')).html)).toEqual([INTERNA]);
    expect(cardTitles((await get(rt, '/bandi?type=avviso_tempo_determinato')).html)).toEqual([NURSE]);
    const both = await get(rt, '/bandi?profession=medico_chirurgo&province=RM');
    expect(cardTitles(both.html)).toEqual([]);
    // The chosen values stay selected in the form.
    const sel = await get(rt, '/bandi?profession=infermiere&province=RM');
    expect(sel.html).toContain('<option value="infermiere" selected="">');
    expect(sel.html).toContain('<option value="RM" selected="">');
  });

  it('shows closed calls when asked, marked closed', async () => {
    const { html } = await get(rt, '/bandi?state=closed');
    expect(cardTitles(html)).toEqual([CLOSED]);
    expect(html).toContain('1 bando trovato');
    expect(html).toMatch(/<span class="badge bg-dark"><span class="visually-hidden">Stato: <\/span>Chiuso<\/span>/);
    expect(html).toContain('<input type="radio" id="state-closed" name="state" value="closed" checked=""');
  });

  it('searches the full text, with relevance as the default order', async () => {
    const { html } = await get(rt, '/bandi?q=emodinamica');
    expect(cardTitles(html)).toEqual([CARDIO]);
    expect(html).toContain('1 bando trovato');
    expect(html).toContain('<option value="relevance" selected="">');
    expect(cardTitles((await get(rt, '/bandi?q=dirigente+medico&sort=deadline')).html)).toEqual([CARDIO, INTERNA]);
  });

  it('sorts by most recent publication', async () => {
    expect(cardTitles((await get(rt, '/bandi?sort=recent')).html)).toEqual([INTERNA, NURSE, CARDIO]);
  });

  it('explains an empty result and offers the way out', async () => {
    const { res, html } = await get(rt, '/bandi?q=zzzqqqxxx');
    expect(res.status).toBe(200);
    expect(html).toContain('Nessun bando trovato');
    expect(html).toContain('Nessun bando corrisponde alla ricerca');
    expect(html).toContain('href="/bandi?q=zzzqqqxxx&amp;state=closed"');
  });

  it('never fails on bad or hostile parameters, and ignores them', async () => {
    const bad = [
      '/bandi?q=' + 'x'.repeat(10_000),
      '/bandi?page=-1',
      '/bandi?page=abc',
      '/bandi?page=99999999999999999999',
      '/bandi?province=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      '/bandi?discipline=abc&profession=..%2F..&type=bogus&sort=nope&state=maybe',
      '/bandi?q=%00%01nul',
      '/bandi?q=%F0%9F%98%80&q=second&page=2&page=3',
      '/bandi?q=%22unbalanced+%28+or+-',
      '/bandi?profession=sconosciuta&discipline=99999&province=ZZ',
    ];
    for (const path of bad) {
      const { res, html } = await get(rt, path);
      expect(res.status, path).toBe(200);
      expect(html, path).not.toContain('<script>alert');
    }
    // Ignored values behave as if absent.
    expect(cardTitles((await get(rt, '/bandi?page=abc&type=bogus&province=ZZ')).html)).toEqual([NURSE, CARDIO, INTERNA]);
    // The search box keeps at most 200 characters.
    const long = await get(rt, '/bandi?q=' + 'y'.repeat(10_000));
    expect(long.html).toContain(`value="${'y'.repeat(200)}"`);
    expect(long.html).not.toContain('y'.repeat(201));
  });

  it('escapes what staff typed', async () => {
    await openCall(rt, { title: '<script>alert("x")</script> Tecnico di radiologia', professionCode: 'tsrm', disciplineCode: null });
    const { html } = await get(rt, '/bandi?profession=tsrm');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tecnico di radiologia');
    expect(html).not.toContain('<script>alert');
  });
});

describe('/bandi pagination', () => {
  let ctx: TestRuntime;
  const c2 = testClock();
  beforeAll(async () => {
    ctx = await testRuntime({ now: c2.now });
    for (let i = 1; i <= 45; i++) {
      await buildNurse(ctx, i);
    }
  });
  afterAll(() => ctx.close());

  async function buildNurse(r: TestRuntime, i: number) {
    await buildCall(
      r.deps,
      {
        title: `Infermiere numero ${String(i).padStart(2, '0')}`,
        professionCode: 'infermiere',
        disciplineCode: null,
        workplaces: ['022205'],
        deadline: new Date(c2.now().getTime() + (10 + i) * DAY),
      },
      { publish: true },
    );
  }

  it('pages 20 at a time with an accessible navigation that keeps the filters', async () => {
    const p1 = await get(ctx, '/bandi?profession=infermiere');
    expect(p1.html).toContain('45 bandi trovati');
    expect(p1.html).toContain('pagina 1 di 3');
    const t1 = cardTitles(p1.html);
    expect(t1).toHaveLength(20);
    expect(t1[0]).toBe('Infermiere numero 01');
    expect(p1.html).toContain('<nav class="pagination-wrapper" aria-label="Pagine dei risultati">');
    expect(p1.html).toMatch(/<a class="page-link" href="\/bandi\?profession=infermiere" aria-current="page">/);
    expect(p1.html).toContain('href="/bandi?profession=infermiere&amp;page=2" rel="next"');

    const p3 = await get(ctx, '/bandi?profession=infermiere&page=3');
    const t3 = cardTitles(p3.html);
    expect(t3).toEqual(['Infermiere numero 41', 'Infermiere numero 42', 'Infermiere numero 43', 'Infermiere numero 44', 'Infermiere numero 45']);
    expect(p3.html).toMatch(/href="\/bandi\?profession=infermiere&amp;page=3" aria-current="page"/);
    expect(p3.html).toContain('href="/bandi?profession=infermiere&amp;page=2" rel="prev"');
    expect(p3.html).not.toContain('rel="next"');
  });

  it('shows the last page for a page past the end', async () => {
    const { res, html } = await get(ctx, '/bandi?page=99');
    expect(res.status).toBe(200);
    expect(cardTitles(html)).toHaveLength(5);
    expect(html).toContain('pagina 3 di 3');
  });
});

describe('English', () => {
  it('serves /en/bandi in English with English profession names and /en links', async () => {
    const { res, html } = await get(rt, '/en/bandi?profession=infermiere');
    expect(res.status).toBe(200);
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('1 call found');
    expect(html).toContain('<option value="infermiere" selected="">Nurse</option>');
    expect(html).toMatch(/<a href="\/en\/bandi\/infermiere-per-il-pronto-soccorso(-\d+)?">/);
    expect(html).toContain('Profession:');
    expect(html).toContain('Fixed-term notice');
    // The switch goes back to the same list in Italian.
    expect(html).toContain('href="/bandi?profession=infermiere" hreflang="it"');
  });

  it('the Italian switch keeps the filters', async () => {
    const { html } = await get(rt, '/bandi?province=TN&junk=1');
    expect(html).toContain('href="/en/bandi?province=TN" hreflang="en"');
  });
});

describe('home page', () => {
  it('shows the promise, open calls by profession with links to the filtered list, the latest calls and a search box', async () => {
    const { res, html } = await get(rt, '/');
    expect(res.status).toBe(200);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain('Lavora con noi');
    expect(html).toMatch(/<a href="\/bandi\?profession=medico_chirurgo">Medico chirurgo: 2 bandi aperti<\/a>/);
    expect(html).toMatch(/<a href="\/bandi\?profession=infermiere">Infermiere: 1 bando aperto<\/a>/);
    expect(html).toContain('Ultimi bandi pubblicati');
    expect(cardTitles(html)).toContain(CARDIO);
    expect(cardTitles(html)).not.toContain(CLOSED);
    expect(html).toMatch(/<form action="\/bandi" method="get" role="search"[^>]*>[\s\S]*name="q"/);
    // Alerts arrive with the next issue: mentioned, not linked.
    expect(html).not.toContain('href="/avvisi"');
  });

  it('is in English under /en', async () => {
    const { html } = await get(rt, '/en');
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Physician (medical doctor): 2 open calls');
    expect(html).toContain('<form action="/en/bandi" method="get"');
  });
});
