// The kit's catalogue as tests: every component exported by src/web/kit has an example, every example
// renders and its markup says what matters for that component (roles, labels tied to inputs,
// captions, aria attributes, a hostile string kept as text), and the examples shown together on
// /admin/componenti never repeat an id.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../context.ts';
import { anonymousActor } from '../../platform/authz/index.ts';
import { translator, type Locale } from '../../platform/i18n/index.ts';
import { describeProps, examples, HOSTILE, type KitExample } from './catalogue.tsx';

const ctx = (locale: Locale = 'it') =>
  ({
    var: {
      locale,
      t: translator(locale),
      lp: (p: string) => (locale === 'en' ? `/en${p}` : p),
      csrfToken: 'tok',
      user: null,
      nav: { backoffice: [], partner: [] },
      actor: anonymousActor(),
      deps: { config: { baseUrl: 'https://approdo.example' }, flags: { demo: false } },
    },
    req: { path: '/admin/componenti', url: 'http://localhost/admin/componenti' },
  }) as unknown as Ctx;
const html = async (el: unknown) => String(await (el as { toString(): string | Promise<string> }).toString());
const render = (e: KitExample, locale?: Locale) => html(e.render(ctx(locale)));

/** The hostile string as hono/jsx writes it in text and in attribute values. */
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Rossi&quot;';
/** A label tied to its control: `<label for="x"…>` and a control with `id="x"`. */
const tied = (out: string, id: string) => {
  expect(out).toMatch(new RegExp(`<label for="${id}"`));
  expect(out).toMatch(new RegExp(`<(input|select|textarea)[^>]* id="${id}"`));
};
/** The control's aria-describedby names exactly these ids, and each of them exists. */
const describedBy = (out: string, id: string, ids: string[]) => {
  const m = new RegExp(`id="${id}"[^>]*aria-describedby="([^"]*)"`).exec(out) ?? new RegExp(`aria-describedby="([^"]*)"[^>]*id="${id}"`).exec(out);
  expect(m?.[1].split(' '), `aria-describedby of #${id}`).toEqual(ids);
  for (const d of ids) expect(out).toContain(`id="${d}"`);
};

/**
 * A component is an exported function with a capitalised name: only those can be JSX tags
 * (`<dataTable />` would be an HTML element), so helpers (`formPost`, `pageNumbers`) need no list.
 */
const isComponent = (name: string, value: unknown) => typeof value === 'function' && /^[A-Z]/.test(name);

describe('the catalogue covers the kit', () => {
  it('has an example for every component exported by src/web/kit', async () => {
    const dir = import.meta.dirname;
    const missing: string[] = [];
    const found: string[] = [];
    for (const file of readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))) {
      const mod = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (!isComponent(name, value)) continue;
        found.push(name);
        if (!examples.some((e) => e.component === value)) missing.push(`${file}: ${name}`);
      }
    }
    expect(missing, 'add an example to src/web/kit/catalogue.tsx').toEqual([]);
    // The walk saw the kit: the components of the examples are all among what it found.
    expect(found).toEqual(expect.arrayContaining([...new Set(examples.map((e) => e.name))]));
  });

  it('names each example uniquely, after the export it shows and the file it comes from', async () => {
    expect(new Set(examples.map((e) => e.id)).size).toBe(examples.length);
    for (const e of examples) {
      expect(e.id, e.id).toMatch(/^[a-z][a-z0-9-]*$/);
      const mod = (await import(`./${e.file}`)) as Record<string, unknown>;
      expect(mod[e.name], `${e.id}: ${e.name} from ${e.file}`).toBe(e.component);
    }
  });

  it('has a title and a description for every example in both languages', () => {
    for (const locale of ['it', 'en'] as const) {
      const t = translator(locale);
      for (const e of examples) {
        for (const part of ['title', 'description']) {
          const key = `components_admin.examples.${e.id}.${part}`;
          expect(t(key), `${locale}: ${key}`).not.toBe(key);
        }
      }
    }
  });

  it('never repeats an id among the examples the catalogue page shows together', async () => {
    const ids = new Map<string, string>();
    for (const e of examples.filter((x) => !x.alone)) {
      for (const [, id] of (await render(e)).matchAll(/\sid="([^"]+)"/g)) {
        expect(ids.get(id), `id "${id}" of ${e.id}`).toBeUndefined();
        ids.set(id, e.id);
      }
    }
    // The section of each example on the page is `ex-<id>`: no example uses that shape itself.
    for (const id of ids.keys()) expect(id.startsWith('ex-') || id.startsWith('comp-'), id).toBe(false);
  });
});

/** What each example must say; an example without checks fails the test below. */
const checks: Record<string, (out: string) => void> = {
  'data-table': (out) => {
    expect(out).toContain('<caption>Persone seguite</caption>');
    expect(out).toContain('<th scope="col" class="text-end">Casi</th>');
    expect(out).toContain(`<th scope="row">${ESCAPED}</th>`);
    expect(out).toContain('<td class="text-end">12</td>');
    expect(out).toContain('id="people-table"');
    expect(out).not.toContain('Solo nel file');
    expect(out).not.toContain('<script>');
  },
  'data-table-paged': (out) => {
    expect(out).toContain('<table class="table table-sm">');
    expect(out).toMatch(/<nav class="pagination-wrapper" aria-label="Pagine dei risultati">/);
    expect(out).toContain('aria-current="page"><span class="visually-hidden">Pagina </span>2</a>');
    expect(out).toContain('href="/admin/componenti?stato=aperti&amp;pagina=1" rel="prev"');
  },
  'data-table-empty': (out) => expect(out).toBe('<p>Nessuna persona corrisponde ai filtri.</p>'),
  pager: (out) => {
    expect(out).toMatch(/^<nav class="pagination-wrapper" aria-label="Pagine dei risultati">/);
    expect(out).toContain('href="/admin/componenti?q=rossi&amp;pagina=3" rel="next"><span class="visually-hidden">Pagina successiva</span>');
    expect(out).toContain('href="/admin/componenti?q=rossi&amp;pagina=5"><span class="visually-hidden">Pagina </span>5</a>');
    expect(out).toContain('<a class="page-link" href="/admin/componenti?q=rossi&amp;pagina=2" aria-current="page">');
  },
  pagination: (out) => {
    expect(out).toContain('aria-label="Pagine dei risultati"');
    expect(out).toContain('<a class="page-link" href="/bandi?pagina=5" aria-current="page"><span class="visually-hidden">Pagina </span>5</a>');
    expect(out.match(/<span class="page-link">…<\/span>/g)).toHaveLength(2);
    expect(out).toContain('<svg class="icon icon-primary" aria-hidden="true" focusable="false">');
    expect(out).toContain('<span class="visually-hidden">Pagina successiva</span>');
  },
  'status-tabs': (out) => {
    expect(out).toMatch(/^<nav aria-label="Stato dei contatti">/);
    expect(out).toContain('<a class="nav-link active" href="/admin/contatti?stato=nuovo" aria-current="page">Nuovi (12)</a>');
    expect(out).toContain('Tutti (15.200)');
    expect(out).toContain('>Chiusi</a>');
    expect(out.match(/aria-current/g)).toHaveLength(1);
  },
  'filter-form': (out) => {
    expect(out).toMatch(/^<form method="get" action="\/admin\/contatti" role="search" aria-label="Filtra i contatti"/);
    expect(out).toContain('<input type="hidden" name="stato" value="nuovo"/>');
    expect(out).not.toContain('name="vuoto"');
    tied(out, 'cerca');
    tied(out, 'fonte');
    expect(out).toContain(`value="${ESCAPED}"`);
    expect(out).toContain('<option value="sito" selected="">Sito</option>');
  },
  'filter-select': (out) => {
    tied(out, 'provincia');
    expect(out).toContain('<option value="">Tutte le province</option>');
    expect(out).toContain('<option value="TN" selected="">Trento</option>');
  },
  'filter-search': (out) => {
    tied(out, 'q');
    expect(out).toContain('type="search"');
    describedBy(out, 'q', ['q-hint']);
  },
  'assignee-filter': (out) => {
    tied(out, 'assegnatario');
    expect(out).toContain('<label for="assegnatario">Assegnati a</label>');
    expect(out).toContain('<option value="mine" selected="">A me</option>');
    expect(out).toContain('<option value="u-1">Giulia Rossi</option>');
  },
  'result-table': (out) => {
    expect(out).toContain('<caption>2 risultati, pagina 1 di 2</caption>');
    expect(out).toContain('<th scope="col">Nome</th><th scope="col">Email</th>');
    expect(out).toContain(`<th scope="row">${ESCAPED}</th>`);
    expect(out).toContain('aria-current="page"><span class="visually-hidden">Pagina </span>1</a>');
  },
  'counts-table': (out) => {
    expect(out).toContain('<table class="table table-sm" id="by-source"><caption>Contatti per fonte</caption>');
    expect(out).toContain('<th scope="col" class="text-end">Contatti</th>');
    expect(out).toContain('<th scope="row" class="fw-normal">Sito</th><td class="text-end">12.340</td>');
    expect(out).toContain('<td class="text-end">≈ 40</td>');
  },
  'text-field': (out) => {
    tied(out, 'full_name');
    expect(out).toContain('Nome e cognome *</label>');
    expect(out).toContain('required=""');
    expect(out).toContain('autocomplete="name"');
    describedBy(out, 'full_name', ['full_name-hint']);
    expect(out).not.toContain('aria-invalid');
  },
  'text-field-error': (out) => {
    tied(out, 'email');
    describedBy(out, 'email', ['email-hint', 'email-error']);
    expect(out).toContain('class="form-control is-invalid"');
    expect(out).toContain('aria-invalid="true"');
    expect(out).toContain('<div id="email-error" class="field-error mt-1">Inserisci un indirizzo email valido, per esempio nome@esempio.it.</div>');
    expect(out).toContain(`value="${ESCAPED}"`);
  },
  'text-area': (out) => {
    tied(out, 'note');
    expect(out).toContain('rows="4"');
    expect(out).toContain('>Prima riga\nseconda riga</textarea>');
    describedBy(out, 'note', ['note-hint']);
  },
  'select-field': (out) => {
    tied(out, 'role');
    expect(out).toContain('<option value="">Scegli un ruolo</option>');
    expect(out).toContain('required=""');
    describedBy(out, 'role', ['role-error']);
    expect(out).toContain('Scegli una delle opzioni proposte.');
  },
  'select-field-groups': (out) => {
    tied(out, 'disciplina');
    describedBy(out, 'disciplina', ['disciplina-hint']);
    expect(out).toContain('<option value="">Nessuna</option><optgroup label="Medico"><option value="1">Cardiologia</option><option value="2" selected="">Pediatria</option></optgroup>');
    expect(out).toContain('<optgroup label="Farmacista &lt;&amp;&gt;">');
    expect(out).not.toContain('required');
  },
  'select-field-multiple': (out) => {
    tied(out, 'langs');
    expect(out).toContain('multiple=""');
    expect(out).not.toContain('<option value="">');
    expect(out).not.toContain('required');
    expect(out.match(/selected=""/g)).toHaveLength(2);
  },
  'checkbox-group': (out) => {
    expect(out).toMatch(/^<fieldset class="mb-4" aria-describedby="kinds-hint"><legend class="h6">Tipi di incontro<\/legend>/);
    tied(out, 'kinds-0');
    tied(out, 'kinds-1');
    expect(out).toContain('value="webinar" checked=""');
    expect(out).toContain('id="kinds-hint"');
  },
  'radio-group': (out) => {
    expect(out).toContain('<legend class="h6">Frequenza delle mail</legend><p id="frequency-hint"');
    expect(out).toContain('aria-describedby="frequency-hint"');
    tied(out, 'frequency-daily');
    expect(out).toContain('<input type="radio" id="frequency-weekly" name="frequency" value="weekly" checked=""/>');
  },
  'radio-group-error': (out) => {
    expect(out).toContain('<fieldset class="mb-4" aria-describedby="language-error">');
    expect(out).toContain('<div id="language-error" class="field-error mt-1">Questo campo è obbligatorio.</div>');
    expect(out).toContain('<label for="language-en" lang="en">English</label>');
    expect(out).not.toContain('checked');
  },
  'error-summary': (out) => {
    expect(out).toMatch(/^<div class="alert alert-danger" role="alert" tabindex="-1" id="error-summary">/);
    expect(out).toContain('Errori nel modulo: 3.');
    expect(out).toContain('<a href="#email">Email: Inserisci un indirizzo email valido');
    expect(out).toContain('<a href="#language">Lingua delle mail: Questo campo è obbligatorio.</a>');
    expect(out).toContain('<li>Il testo è troppo lungo: accorcialo.</li>');
    expect(out).not.toContain('href="#_form"');
  },
  'csrf-field': (out) => expect(out).toBe('<input type="hidden" name="_csrf" value="token-della-sessione"/>'),
  'form-actions': (out) => expect(out).toMatch(/^<div class="d-flex gap-2 flex-wrap mt-4"><button type="button" class="btn btn-primary">Salva<\/button><a /),
  'file-field': (out) => {
    tied(out, 'file');
    expect(out).toContain('type="file"');
    expect(out).toContain('accept=".csv,text/csv"');
    expect(out).toContain('File dei professionisti *</label>');
    describedBy(out, 'file', ['file-hint', 'file-error']);
    expect(out).toContain('aria-invalid="true"');
  },
  'province-picker': (out) => {
    expect(out).toMatch(/^<fieldset id="provinces" class="mb-4" aria-describedby="provinces-hint"><legend class="h6">Province<\/legend>/);
    expect(out).toContain('<details class="region mb-2" open=""><summary>Trentino-Alto Adige (scelte: 1)</summary>');
    expect(out).toContain('<details class="region mb-2"><summary>Veneto</summary>');
    tied(out, 'prov-022');
    expect(out).toContain('value="022" checked=""');
    expect(out).toContain('<label for="prov-021">Bolzano (BZ)</label>');
  },
  'comuni-field': (out) => {
    tied(out, 'comuni');
    expect(out).toContain('autocomplete="off"');
    describedBy(out, 'comuni', ['comuni-hint', 'comuni-error']);
    expect(out).toContain(`<ul class="mb-0"><li>«${ESCAPED}»: non esiste un comune con questo nome.</li></ul></div>`);
  },
  'consent-field': (out) => {
    tied(out, 'consent-example');
    expect(out).toContain('name="consent" value="on" required=""');
    describedBy(out, 'consent-example', ['consent-example-hint', 'consent-example-error']);
    expect(out).toContain('(versione 2026-11.2)');
    expect(out).toContain('<a href="/privacy">');
    expect(out).toContain('Per inviare i tuoi riferimenti devi dare il consenso');
  },
  'honeypot-field': (out) => {
    expect(out).toMatch(/^<div class="hp-field">/);
    tied(out, 'hp-example');
    expect(out).toContain('name="website" value="" tabindex="-1" autocomplete="off"');
    expect(out).toContain('Non compilare questo campo');
  },
  'utm-fields': (out) => {
    expect(out).toBe(`<input type="hidden" name="source" value="/bandi/dirigente-medico"/><input type="hidden" name="utm_source" value="newsletter"/><input type="hidden" name="utm_campaign" value="${ESCAPED}"/>`);
  },
  'detail-list': (out) => {
    expect(out).toMatch(/^<dl class="row"><dt class="col-sm-4">Email<\/dt><dd class="col-sm-8" id="detail-email">ada@example.test<\/dd>/);
    expect(out).toContain(`<dd class="col-sm-8">${ESCAPED}</dd>`);
    expect(out.match(/<dt /g)).toHaveLength(3);
    expect(out).toContain('<time datetime="2026-03-03T09:00:00.000Z">3 marzo 2026</time>');
  },
  time: (out) => expect(out).toBe('<time datetime="2026-03-03T09:00:00.000Z">3 marzo 2026 alle ore 10:00</time>'),
  'time-short': (out) => expect(out).toBe('<time datetime="2026-03-03T09:00:00.000Z">03/03/2026</time>'),
  'entry-list': (out) => {
    expect(out).toMatch(/^<ol class="list-unstyled mt-2"><li class="border-bottom py-3"><p class="mb-1"><strong>Richiamare<\/strong><\/p>/);
    expect(out).toContain('<span class="badge bg-secondary me-2">Attività</span>Giulia Rossi · oggi');
    expect(out).toContain(`<p class="mb-0 entry-body">${ESCAPED}\nseconda riga</p>`);
    expect(out.match(/<li /g)).toHaveLength(2);
  },
  'entry-list-empty': (out) => expect(out).toBe('<p>Nessuna nota per ora.</p>'),
  'action-form': (out) => {
    expect(out).toBe(
      '<form method="post" action="/admin/componenti/esempio" class="mb-4"><input type="hidden" name="_csrf" value="tok"/><p>La graduatoria diventa visibile sul sito.</p><button type="submit" class="btn btn-primary">Pubblica la graduatoria</button></form>',
    );
  },
  'action-problem': (out) => expect(out).toBe('<div class="alert alert-danger" role="alert" id="problem">Aggiungi almeno un candidato prima di pubblicare.</div>'),
  'row-action': (out) => {
    expect(out).toContain('<input type="hidden" name="_csrf" value="tok"/><input type="hidden" name="rule" value="r-1"/>');
    expect(out).toContain('<button type="submit" class="btn btn-outline-danger btn-sm" aria-label="Elimina: Lunedì 09:00–12:00">Elimina</button>');
  },
  'case-link': (out) => expect(out).toBe(`<a href="/admin/casi/00000000-0000-4000-8000-000000000001">${ESCAPED}</a>`),
  'danger-section': (out) => {
    expect(out).toMatch(/^<section class="mb-5" aria-labelledby="erase-heading"><h2 id="erase-heading">Cancellare i dati<\/h2>/);
    expect(out).toContain('<a class="btn btn-outline-danger" href="/admin/componenti/esempi/confirm-page">Cancella i dati…</a>');
    expect(out).not.toContain('<form');
  },
  'confirm-page': (out) => {
    expect(out).toMatch(/^<!DOCTYPE html><html lang="it">/);
    expect(out).toContain('<title>Cancellare i dati di Ada Rossi? · ');
    expect(out).toContain('<h1>Cancellare i dati di Ada Rossi?</h1><p>Vanno via il caso');
    expect(out).toContain('<form method="post" action="/admin/componenti/esempio"><input type="hidden" name="_csrf" value="tok"/><p><strong>Non si può annullare.</strong></p>');
    expect(out).toContain('<button type="submit" class="btn btn-danger">Sì, cancella</button><a class="btn btn-outline-primary" href="/admin/componenti">Annulla</a>');
    expect(out).toContain('<nav class="admin-nav"');
  },
  'chart-with-table': (out) => {
    expect(out).toMatch(/<svg [^>]*role="img" aria-labelledby="chart-example-title chart-example-desc"/);
    expect(out).toContain('<title id="chart-example-title">Giorni fino a ogni passo</title>');
    expect(out).toContain('<desc id="chart-example-desc">Grafico a barre:');
    expect(out).toContain('>3,5 giorni</text>');
    expect(out).toContain('<caption>Giorni fino a ogni passo</caption>');
    expect(out).toContain('<th scope="row" class="fw-normal">Risposta</th><td class="text-end">n.d.</td>');
  },
  'chart-with-table-empty': (out) => {
    expect(out).toBe('<div class="row mt-4"><div class="col-12 col-xl-7"><p>Nessuna rinuncia in questo periodo.</p></div><div class="col-12 col-xl-5"><p>Nessun dato.</p></div></div>');
  },
  icon: (out) => expect(out).toBe('<svg class="icon icon-primary" aria-hidden="true" focusable="false"><use href="/assets/bi/svg/sprites.svg#it-calendar"></use></svg>'),
  'icon-titled': (out) => {
    expect(out).toContain('role="img"');
    expect(out).toContain('<title>Confermato</title>');
    expect(out).not.toContain('aria-hidden');
  },
  'import-preview': (out) => {
    expect(out).toMatch(/^<div class="alert alert-danger" role="alert" id="import-errors">/);
    expect(out).toContain('<li><a href="#riga-3">Riga 3</a>: email</li>');
    expect(out).toContain('<p id="import-count">Righe corrette: 1 su 2.</p>');
    expect(out).toContain('<caption>Righe del file professionisti.csv</caption>');
    expect(out).toContain('<tr id="riga-3"><th scope="row">3</th>');
    expect(out).toContain(`<td>${ESCAPED}</td><td>—</td>`);
    expect(out).toContain('<li><code>email</code>: Questo campo è obbligatorio.</li>');
    expect(out).not.toContain('<form');
  },
  'import-preview-valid': (out) => {
    expect(out).toMatch(/^<p>Tutte le righe sono valide.<\/p><p id="import-count">Righe corrette: 1 su 1.<\/p>/);
    expect(out).toContain('<input type="hidden" name="_csrf" value="tok"/><button type="submit" class="btn btn-primary">Importa 1 riga</button>');
    expect(out).toContain('<a class="btn btn-outline-primary" href="/admin/componenti">Annulla</a>');
    expect(out).not.toContain('role="alert"');
  },
  'import-upload-form': (out) => {
    expect(out).toMatch(/^<form method="post" action="\/admin\/componenti\/esempio" enctype="multipart\/form-data" novalidate="" class="mb-5"><h2>Carica un file<\/h2>/);
    tied(out, 'file');
    describedBy(out, 'file', ['file-hint', 'file-error']);
    expect(out).toContain('<button type="submit" class="btn btn-primary">Carica e controlla</button>');
  },
  'import-template-links': (out) => {
    expect(out).toContain('<a href="/admin/bandi/importa/modello.csv" download="bandi.csv">Scarica il modello CSV</a>');
    expect(out).toContain('download="bandi.xlsx"');
  },
  notice: (out) => expect(out).toBe('<div class="alert alert-success" role="status">Preferenze salvate.</div>'),
  'notice-danger': (out) => expect(out).toBe(`<div class="alert alert-danger" role="alert">${ESCAPED}</div>`),
  'public-page': (out) => {
    expect(out).toMatch(/^<!DOCTYPE html><html lang="it">/);
    expect(out).toContain('<meta name="robots" content="noindex"/>');
    expect(out).toContain('<meta name="referrer" content="same-origin"/>');
    expect(out).toContain('<div class="col-12 col-lg-9"><h1>Conferma l&#39;iscrizione</h1><p class="lead">Stai confermando le mail sui nuovi bandi.</p><p>Il resto della pagina.</p>');
  },
  'seo-head': (out) => {
    const head = /<head>([\s\S]*)<\/head>/.exec(out)![1];
    expect(head).toContain('<link rel="canonical" href="https://approdo.example/bandi/dirigente-medico"/>');
    expect(head).toContain('<link rel="alternate" hreflang="en" href="https://approdo.example/en/bandi/dirigente-medico"/>');
    expect(head).toContain('<meta property="og:type" content="article"/>');
    expect(head).toContain('<script type="application/ld+json">{"@type":"JobPosting","title":"\\u003c/script\\u003e\\u003c!--"}</script>');
    expect(head.match(/<\/script>/g)).toHaveLength(1);
  },
};

describe('every example renders what its component promises', () => {
  it('has checks for every example, and only for examples', () => {
    expect(Object.keys(checks).sort()).toEqual(examples.map((e) => e.id).sort());
  });

  for (const e of examples) {
    it(`${e.name}: ${e.id}`, async () => {
      const out = await render(e);
      expect(out).not.toContain(HOSTILE);
      checks[e.id]?.(out);
    });
  }

  it('renders in English with the English texts and addresses', async () => {
    const out = await render(examples.find((e) => e.id === 'error-summary')!, 'en');
    expect(out).toContain('<a href="#email">Email: Enter a valid email address');
    const page = await render(examples.find((e) => e.id === 'confirm-page')!, 'en');
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('action="/en/admin/componenti/esempio"');
  });
});

describe('describeProps', () => {
  it('writes props as source-like text: strings quoted, dates as ISO, functions as written', () => {
    const out = describeProps({ label: 'a"b', at: new Date('2026-01-02T03:04:05Z'), n: 2, on: false, none: undefined, list: [1, { 'data-x': null }], empty: [], href: (p: number) => `/x?p=${p}` });
    expect(out).toBe(
      [
        '{',
        '  label: "a\\"b",',
        '  at: new Date("2026-01-02T03:04:05.000Z"),',
        '  n: 2,',
        '  on: false,',
        '  none: undefined,',
        '  list: [',
        '    1,',
        '    {',
        '      "data-x": null',
        '    }',
        '  ],',
        '  empty: [],',
        '  href: (p) => `/x?p=${p}`',
        '}',
      ].join('\n'),
    );
  });
});
