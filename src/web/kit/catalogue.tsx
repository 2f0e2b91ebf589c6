// The kit's catalogue: named examples of every shared component, each with the props it is given.
// The same examples feed the markup tests (catalogue.test.tsx), the back-office page that shows them
// (/admin/componenti) and the browser journey that runs axe and the Nu checker over that page.
import type { Child } from 'hono/jsx';
import type { Ctx } from '../context.ts';
import type { FormValues } from '../../platform/forms/index.ts';
import type { FieldErrors } from '../../platform/result.ts';
import { Layout } from '../layouts/Layout.tsx';
import { ActionForm, ActionProblem } from './action.tsx';
import { ChartWithTable } from './chart.tsx';
import { ConfirmPage, DangerSection } from './confirm.tsx';
import { ConsentField, HoneypotField, UtmFields } from './consent.tsx';
import { DetailList, Time } from './details.tsx';
import { EntryList } from './entries.tsx';
import { CheckboxGroup, CsrfField, ErrorSummary, FileField, FormActions, RadioGroup, SelectField, TextArea, TextField, type FormState } from './form.tsx';
import { Icon } from './Icon.tsx';
import { ImportPreview, ImportTemplateLinks, ImportUploadForm } from './import-preview.tsx';
import { AssigneeFilter, CountsTable, FilterForm, FilterSearch, FilterSelect, ResultTable, StatusTabs } from './list-page.tsx';
import { Pager, Pagination } from './pager.tsx';
import { ComuniField, ProvincePicker } from './places.tsx';
import { Notice, PublicPage } from './public-page.tsx';
import { CaseLink, RowAction } from './row-action.tsx';
import { SeoHead } from './SeoHead.tsx';
import { DataTable, type Column } from './table.tsx';

export interface KitExample {
  /** Unique among the examples: the anchor on the page, the address of its own page, the test's name. */
  id: string;
  /** The kit export it shows (checked by identity against the kit's modules). */
  component: (props: never) => unknown;
  /** The export's name, e.g. `DataTable`. */
  name: string;
  /** The kit file that exports it, e.g. `table.tsx`. */
  file: string;
  /** The props given, besides the request context (`c`, or `t`/`lp`) and the form state's translator. */
  props: Record<string, unknown>;
  render: (c: Ctx) => Child;
  /**
   * Where the example cannot share the catalogue page: `page` for a component that draws a whole page
   * (its own shell), `layout` for one whose fixed ids the page can hold only once. Both have an own page.
   */
  alone?: 'page' | 'layout';
}

/** A form state as examples give it: what was typed and the errors (i18n keys); the translator comes from the request. */
interface SampleState {
  values: FormValues;
  errors: FieldErrors;
}
const state = (c: Ctx, s: SampleState): FormState => ({ values: s.values, errors: s.errors, t: c.var.t });
const blank: SampleState = { values: {}, errors: {} };

function example<P extends Record<string, unknown>>(
  component: (props: never) => unknown,
  file: string,
  id: string,
  props: P,
  render: (c: Ctx, p: P) => Child,
  alone?: KitExample['alone'],
): KitExample {
  return { id, component, name: component.name, file, props, render: (c) => render(c, props), alone };
}

/** A string that must come out as text wherever it is put: markup, an attribute, a URL. */
export const HOSTILE = '<script>alert("x")</script> & "Rossi"';

interface Person {
  name: string;
  email: string;
  cases: number;
  at: Date;
}
const people: Person[] = [
  { name: HOSTILE, email: 'ada@example.test', cases: 3, at: new Date('2026-03-03T09:00:00Z') },
  { name: 'Bruno Verdi', email: 'bruno@example.test', cases: 12, at: new Date('2026-07-14T15:30:00Z') },
];
const personColumns: Column<Person>[] = [
  { header: 'Nome', rowHeader: true, value: (r) => r.name },
  { header: 'Email', value: (r) => r.email },
  { header: 'Casi', numeric: true, value: (r) => r.cases, kind: 'number' },
  { header: 'Solo nel file', value: (r) => r.at, only: 'export' },
];
const regions = [
  { code: '04', name: 'Trentino-Alto Adige', provinces: [{ code: '021', name: 'Bolzano', abbreviation: 'BZ' }, { code: '022', name: 'Trento', abbreviation: 'TN' }] },
  { code: '05', name: 'Veneto', provinces: [{ code: '023', name: 'Verona', abbreviation: 'VR' }] },
];
const chartData = [
  { label: 'Primo contatto', value: 3.5, display: '3,5 giorni' },
  { label: 'Colloquio', value: 9, display: '9 giorni' },
  { label: 'Risposta', value: null, display: 'n.d.' },
];
const previewTexts = {
  caption: 'Righe del file professionisti.csv',
  nothingImported: 'Nessuna riga importata da professionisti.csv: correggi il file e caricalo di nuovo.',
  rowsWithErrors: 'Righe con errori: 1 su 2.',
  allValid: 'Tutte le righe sono valide.',
};
const at = new Date('2026-03-03T09:00:00Z');

/** Every example, grouped by kit file in the order a page is built: lists, forms, records, actions, charts, public pages. */
export const examples: KitExample[] = [
  // Lists
  example(DataTable, 'table.tsx', 'data-table', { caption: 'Persone seguite', columns: personColumns, rows: people, empty: 'Nessuna persona.', id: 'people-table' }, (c, p) => <DataTable c={c} {...p} />),
  example(DataTable, 'table.tsx', 'data-table-paged', { caption: 'Persone, pagina 2 di 3', columns: personColumns, rows: people.slice(1), empty: 'Nessuna persona.', small: true, paging: { page: 2, pages: 3, params: { stato: 'aperti' } } }, (c, p) => <DataTable c={c} {...p} />),
  example(DataTable, 'table.tsx', 'data-table-empty', { caption: 'Persone seguite', columns: personColumns, rows: [] as Person[], empty: 'Nessuna persona corrisponde ai filtri.' }, (c, p) => <DataTable c={c} {...p} />),
  example(Pager, 'pager.tsx', 'pager', { page: 2, pages: 5, params: { q: 'rossi' } }, (c, p) => <Pager c={c} {...p} />),
  example(Pagination, 'pager.tsx', 'pagination', { page: 5, pages: 12, href: (n: number) => `/bandi?pagina=${n}` }, (c, p) => <Pagination t={c.var.t} {...p} />),
  example(StatusTabs, 'list-page.tsx', 'status-tabs', { label: 'Stato dei contatti', tabs: [{ label: 'Tutti', href: '/admin/contatti', current: false, count: 15200 }, { label: 'Nuovi', href: '/admin/contatti?stato=nuovo', current: true, count: 12 }, { label: 'Chiusi', href: '/admin/contatti?stato=chiuso', current: false }] }, (c, p) => <StatusTabs c={c} {...p} />),
  example(
    FilterForm,
    'list-page.tsx',
    'filter-form',
    { action: '/admin/contatti', label: 'Filtra i contatti', hidden: { stato: 'nuovo', vuoto: undefined }, submit: 'Filtra', children: 'FilterSearch (id "cerca") e FilterSelect (id "fonte")' },
    (c, p) => (
      <FilterForm c={c} {...p}>
        <FilterSearch id="cerca" label="Cerca per nome o email" value={HOSTILE} col="col-md-6" />
        <FilterSelect id="fonte" label="Fonte" all="Tutte" value="sito" options={[{ value: 'sito', label: 'Sito' }, { value: 'evento', label: 'Evento' }]} col="col-md-4" />
      </FilterForm>
    ),
  ),
  example(FilterSelect, 'list-page.tsx', 'filter-select', { id: 'provincia', label: 'Provincia', all: 'Tutte le province', value: 'TN', options: [{ value: 'BZ', label: 'Bolzano' }, { value: 'TN', label: 'Trento' }], col: 'col-md-4' }, (_c, p) => <FilterSelect {...p} />),
  example(FilterSearch, 'list-page.tsx', 'filter-search', { id: 'q', label: 'Cerca', value: '', hint: 'Nome, cognome o email.', col: 'col-md-6' }, (_c, p) => <FilterSearch {...p} />),
  example(AssigneeFilter, 'list-page.tsx', 'assignee-filter', { ns: 'leads_admin', value: 'mine', staff: [{ id: 'u-1', name: 'Giulia Rossi' }], col: 'col-md-4' }, (c, p) => <AssigneeFilter c={c} {...p} />),
  example(
    ResultTable,
    'list-page.tsx',
    'result-table',
    { caption: '2 risultati, pagina 1 di 2', columns: ['Nome', 'Email'], count: 2, empty: 'Nessun risultato.', paging: { page: 1, pages: 2 }, children: '<tr>…</tr> per riga' },
    (c, p) => (
      <ResultTable c={c} {...p}>
        {people.map((r) => (
          <tr>
            <th scope="row">{r.name}</th>
            <td>{r.email}</td>
          </tr>
        ))}
      </ResultTable>
    ),
  ),
  example(CountsTable, 'list-page.tsx', 'counts-table', { caption: 'Contatti per fonte', head: 'Fonte', countHead: 'Contatti', rows: [{ label: 'Sito', count: 12340 }, { label: 'Evento', count: '≈ 40' }], id: 'by-source' }, (c, p) => <CountsTable c={c} {...p} />),

  // Forms
  example(TextField, 'form.tsx', 'text-field', { s: blank, name: 'full_name', label: 'Nome e cognome', required: true, hint: 'Come nel documento di identità.', maxLength: 200, autocomplete: 'name' }, (c, p) => <TextField {...p} s={state(c, p.s)} />),
  example(TextField, 'form.tsx', 'text-field-error', { s: { values: { email: HOSTILE }, errors: { email: 'common.forms.invalid_email' } }, name: 'email', label: 'Email', type: 'email', required: true, hint: 'Ti scriveremo qui.' }, (c, p) => <TextField {...p} s={state(c, p.s)} />),
  example(TextArea, 'form.tsx', 'text-area', { s: { values: { note: 'Prima riga\nseconda riga' }, errors: {} }, name: 'note', label: 'Nota', hint: 'Resta nel caso, visibile allo staff.', maxLength: 2000, rows: 4 }, (c, p) => <TextArea {...p} s={state(c, p.s)} />),
  example(SelectField, 'form.tsx', 'select-field', { s: { values: {}, errors: { role: 'common.forms.invalid_choice' } }, name: 'role', label: 'Ruolo', required: true, empty: 'Scegli un ruolo', options: [{ value: 'admin', label: 'Amministratore' }, { value: 'recruiter', label: 'Selezione del personale' }] }, (c, p) => <SelectField {...p} s={state(c, p.s)} />),
  example(SelectField, 'form.tsx', 'select-field-groups', { s: { values: { disciplina: '2' }, errors: {} }, name: 'disciplina', label: 'Disciplina', empty: 'Nessuna', hint: 'Le discipline di ogni profilo.', options: [], groups: [{ label: 'Medico', options: [{ value: '1', label: 'Cardiologia' }, { value: '2', label: 'Pediatria' }] }, { label: 'Farmacista <&>', options: [{ value: '3', label: 'Farmacia ospedaliera' }] }] }, (c, p) => <SelectField {...p} s={state(c, p.s)} />),
  example(SelectField, 'form.tsx', 'select-field-multiple', { s: { values: { langs: ['it', 'en'] }, errors: {} }, name: 'langs', label: 'Lingue parlate', multiple: true, options: [{ value: 'it', label: 'Italiano' }, { value: 'en', label: 'Inglese' }, { value: 'de', label: 'Tedesco' }] }, (c, p) => <SelectField {...p} s={state(c, p.s)} />),
  example(CheckboxGroup, 'form.tsx', 'checkbox-group', { s: { values: { kinds: 'webinar' }, errors: {} }, name: 'kinds', legend: 'Tipi di incontro', hint: 'Scegline quanti vuoi.', options: [{ value: 'webinar', label: 'Webinar' }, { value: 'meeting', label: 'Incontro con la direzione' }] }, (c, p) => <CheckboxGroup {...p} s={state(c, p.s)} />),
  example(RadioGroup, 'form.tsx', 'radio-group', { s: { values: { frequency: 'weekly' }, errors: {} }, name: 'frequency', legend: 'Frequenza delle mail', hint: 'Puoi cambiarla quando vuoi.', options: [{ value: 'daily', label: 'Ogni giorno' }, { value: 'weekly', label: 'Ogni settimana' }] }, (c, p) => <RadioGroup {...p} s={state(c, p.s)} />),
  example(RadioGroup, 'form.tsx', 'radio-group-error', { s: { values: {}, errors: { language: 'common.forms.required' } }, name: 'language', legend: 'Lingua delle mail', options: [{ value: 'it', label: 'Italiano', lang: 'it' }, { value: 'en', label: 'English', lang: 'en' }] }, (c, p) => <RadioGroup {...p} s={state(c, p.s)} />),
  example(ErrorSummary, 'form.tsx', 'error-summary', { s: { values: {}, errors: { email: 'common.forms.invalid_email', language: 'common.forms.required', _form: 'common.forms.too_long' } }, labels: { email: 'Email', language: 'Lingua delle mail' } }, (c, p) => <ErrorSummary {...p} s={state(c, p.s)} />),
  example(CsrfField, 'form.tsx', 'csrf-field', { token: 'token-della-sessione' }, (_c, p) => <CsrfField {...p} />),
  example(
    FormActions,
    'form.tsx',
    'form-actions',
    { children: 'un pulsante e un link' },
    () => (
      <FormActions>
        <button type="button" class="btn btn-primary">
          Salva
        </button>
        <a class="btn btn-outline-primary" href="#ex-form-actions">
          Annulla
        </a>
      </FormActions>
    ),
  ),
  example(FileField, 'form.tsx', 'file-field', { label: 'File dei professionisti', accept: '.csv,text/csv', hint: 'CSV in UTF-8, al massimo 5 MB.', error: 'Il file è vuoto.' }, (_c, p) => <FileField {...p} />),
  example(ProvincePicker, 'places.tsx', 'province-picker', { s: { values: { provinces: ['022'] }, errors: {} }, name: 'provinces', legend: 'Province', hint: 'Apri una regione per sceglierne le province.', regions, chosen: (r: string, n: number) => `${r} (scelte: ${n})` }, (c, p) => <ProvincePicker {...p} s={state(c, p.s)} />),
  example(ComuniField, 'places.tsx', 'comuni-field', { s: { values: { comuni: 'Trento, Paperopoli' }, errors: { comuni: 'common.forms.invalid_choice' } }, name: 'comuni', label: 'Comuni', hint: 'Nomi o codici ISTAT, separati da virgole.', problems: [`«${HOSTILE}»: non esiste un comune con questo nome.`] }, (c, p) => <ComuniField {...p} s={state(c, p.s)} />),
  example(ConsentField, 'consent.tsx', 'consent-field', { id: 'consent-example', error: 'leads.errors.consent_required', purpose: 'contact' as const }, (c, p) => <ConsentField t={c.var.t} lp={c.var.lp} {...p} />),
  example(HoneypotField, 'consent.tsx', 'honeypot-field', { id: 'hp-example' }, (c, p) => <HoneypotField t={c.var.t} {...p} />),
  example(UtmFields, 'consent.tsx', 'utm-fields', { source: '/bandi/dirigente-medico', utm: { utm_source: 'newsletter', utm_campaign: HOSTILE } }, (_c, p) => <UtmFields {...p} />),

  // Records
  example(DetailList, 'details.tsx', 'detail-list', { rows: [{ label: 'Email', value: 'ada@example.test', id: 'detail-email' }, { label: 'Nome', value: HOSTILE }, false as const, { label: 'Ricevuto il', value: 'Time (date)' }] }, (c, p) => (
    <DetailList rows={p.rows.map((r) => (r && r.label === 'Ricevuto il' ? { ...r, value: <Time at={at} locale={c.var.locale} format="date" /> } : r))} />
  )),
  example(Time, 'details.tsx', 'time', { at, format: 'dateTime' as const }, (c, p) => <Time locale={c.var.locale} {...p} />),
  example(Time, 'details.tsx', 'time-short', { at, format: 'dateShort' as const }, (c, p) => <Time locale={c.var.locale} {...p} />),
  example(EntryList, 'entries.tsx', 'entry-list', { empty: 'Nessuna nota.', class: 'mt-2', entries: [{ title: 'Richiamare', badge: 'Attività', meta: ['Giulia Rossi', 'oggi'], text: 'Da fare entro venerdì.', body: `${HOSTILE}\nseconda riga` }, { meta: ['Bruno Verdi'], body: 'Nota senza titolo.' }] }, (_c, p) => <EntryList {...p} />),
  example(EntryList, 'entries.tsx', 'entry-list-empty', { empty: 'Nessuna nota per ora.', entries: [], ordered: false }, (_c, p) => <EntryList {...p} />),

  // Actions
  example(ActionForm, 'action.tsx', 'action-form', { action: '/admin/componenti/esempio', label: 'Pubblica la graduatoria', children: '<p>La graduatoria diventa visibile sul sito.</p>' }, (c, p) => (
    <ActionForm c={c} action={p.action} label={p.label}>
      <p>La graduatoria diventa visibile sul sito.</p>
    </ActionForm>
  )),
  example(ActionProblem, 'action.tsx', 'action-problem', { message: 'rankings.errors.empty_list' }, (c, p) => <ActionProblem c={c} {...p} />),
  example(RowAction, 'row-action.tsx', 'row-action', { action: '/admin/componenti/esempio', label: 'Elimina', name: 'Elimina: Lunedì 09:00–12:00', hidden: { rule: 'r-1' }, variant: 'outline-danger' as const }, (c, p) => <RowAction c={c} {...p} />),
  example(CaseLink, 'row-action.tsx', 'case-link', { name: HOSTILE, caseId: '00000000-0000-4000-8000-000000000001' }, (c, p) => <CaseLink c={c} {...p} />),
  example(DangerSection, 'confirm.tsx', 'danger-section', { id: 'erase-heading', title: 'Cancellare i dati', intro: 'Cancella i dati personali della persona in ogni funzione.', link: { href: '/admin/componenti/esempi/confirm-page', label: 'Cancella i dati…' } }, (c, p) => <DangerSection c={c} {...p} />),
  example(
    ConfirmPage,
    'confirm.tsx',
    'confirm-page',
    { title: 'Cancellare i dati di Ada Rossi?', back: { href: '/admin/componenti', label: 'Torna al catalogo' }, action: '/admin/componenti/esempio', warning: 'Non si può annullare.', submit: 'Sì, cancella', cancel: { href: '/admin/componenti', label: 'Annulla' }, children: '<p>Vanno via…</p>' },
    (c, p) => (
      <ConfirmPage c={c} {...p}>
        <p>Vanno via il caso, le note e le iscrizioni.</p>
      </ConfirmPage>
    ),
    'page',
  ),

  // Charts and icons
  example(
    ChartWithTable,
    'chart.tsx',
    'chart-with-table',
    { chart: { id: 'chart-example', title: 'Giorni fino a ogni passo', desc: 'Grafico a barre: primo contatto 3,5 giorni, colloquio 9 giorni, risposta non disponibile.', data: chartData }, table: 'CountsTable dei giorni' },
    (c, p) => <ChartWithTable chart={p.chart} table={<CountsTable c={c} caption="Giorni fino a ogni passo" head="Passo" countHead="Giorni" rows={chartData.map((d) => ({ label: d.label, count: d.display }))} />} />,
  ),
  example(ChartWithTable, 'chart.tsx', 'chart-with-table-empty', { chart: null, fallback: 'Nessuna rinuncia in questo periodo.', table: '<p>Nessun dato.</p>', wide: true }, (_c, p) => <ChartWithTable chart={p.chart} fallback={<p>{p.fallback}</p>} table={<p>Nessun dato.</p>} wide={p.wide} />),
  example(Icon, 'Icon.tsx', 'icon', { name: 'it-calendar', class: 'icon icon-primary' }, (_c, p) => <Icon {...p} />),
  example(Icon, 'Icon.tsx', 'icon-titled', { name: 'it-check-circle', class: 'icon icon-success', title: 'Confermato' }, (_c, p) => <Icon {...p} />),

  // Imports
  example(
    ImportPreview,
    'import-preview.tsx',
    'import-preview',
    { columns: ['Nome', 'Email'], rows: [{ line: 2, cells: ['Ada', 'ada@example.test'] }, { line: 3, cells: [HOSTILE, ''], problems: [{ column: 'email', key: 'common.forms.required' }] }], texts: previewTexts, confirm: null },
    (c, p) => <ImportPreview c={c} {...p} />,
  ),
  example(ImportPreview, 'import-preview.tsx', 'import-preview-valid', { columns: ['Nome', 'Email'], rows: [{ line: 2, cells: ['Ada', 'ada@example.test'] }], texts: previewTexts, confirm: { action: '/admin/componenti/esempio', label: 'Importa 1 riga', cancelHref: '/admin/componenti' } }, (c, p) => <ImportPreview c={c} {...p} />, 'layout'),
  example(
    ImportUploadForm,
    'import-preview.tsx',
    'import-upload-form',
    { action: '/admin/componenti/esempio', label: 'File della graduatoria', hint: 'CSV o XLSX, al massimo 5 MB.', submit: 'Carica e controlla', error: 'Il file è vuoto.', children: '<h2>Carica un file</h2>' },
    (c, p) => (
      <ImportUploadForm c={c} {...p}>
        <h2>Carica un file</h2>
      </ImportUploadForm>
    ),
    'layout',
  ),
  example(ImportTemplateLinks, 'import-preview.tsx', 'import-template-links', { base: '/admin/bandi/importa', name: 'bandi' }, (c, p) => <ImportTemplateLinks c={c} {...p} />),

  // Public pages
  example(Notice, 'public-page.tsx', 'notice', { text: 'Preferenze salvate.' }, (_c, p) => <Notice {...p} />),
  example(Notice, 'public-page.tsx', 'notice-danger', { text: HOSTILE, kind: 'danger' as const }, (_c, p) => <Notice {...p} />),
  example(
    PublicPage,
    'public-page.tsx',
    'public-page',
    { title: "Conferma l'iscrizione", lead: 'Stai confermando le mail sui nuovi bandi.', secret: true, width: 'medium' as const, children: '<p>…</p>' },
    (c, p) => (
      <PublicPage c={c} {...p}>
        <p>Il resto della pagina.</p>
      </PublicPage>
    ),
    'page',
  ),
  example(
    SeoHead,
    'SeoHead.tsx',
    'seo-head',
    { title: 'Dirigente medico', description: 'Bando per un dirigente medico di cardiologia.', path: '/bandi/dirigente-medico', type: 'article' as const, jsonLd: { '@type': 'JobPosting', title: '</script><!--' } },
    (c, p) => (
      <Layout c={c} title={p.title} description={p.description} head={<SeoHead c={c} {...p} />}>
        <div class="container my-5">
          <h1>{p.title}</h1>
          <p>I tag di SeoHead sono nella sezione head di questa pagina.</p>
        </div>
      </Layout>
    ),
    'page',
  ),
];

/**
 * The props as documentation: an object literal in the style of source code (functions as written,
 * dates in ISO form, strings quoted). Plain text: the page escapes it like any other.
 */
export function describeProps(value: unknown, indent = ''): string {
  const next = `${indent}  `;
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'function') return String(value).replace(/\s+/g, ' ');
  if (value instanceof Date) return `new Date(${JSON.stringify(value.toISOString())})`;
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return `[\n${value.map((v) => next + describeProps(v, next)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.length) return '{}';
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  return `{\n${entries.map(([k, v]) => `${next}${key(k)}: ${describeProps(v, next)}`).join(',\n')}\n${indent}}`;
}
