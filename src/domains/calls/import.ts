// Importing calls from a CSV or XLSX file: the columns and how a row becomes a call input, checked
// as the form would; reading, staging the valid file for the preview and the all-or-nothing
// confirmation are the shared import pipeline's (src/platform/import).
import type { DomainDeps } from '../../platform/domain-deps.ts';
import type { DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import { can, type Actor } from '../../platform/authz/index.ts';
import { err, forbidden, notFound, ok, type DomainError, type FieldErrors, type Result } from '../../platform/result.ts';
import { fromRomeLocal } from '../../platform/i18n/format.ts';
import * as pipeline from '../../platform/import/index.ts';
import { CALL_TYPES, CONTRACT_HOURS, CONTRACT_TERMS } from './tables.ts';
import type { CallInputRaw } from './input.ts';
import { createCall, validateCall } from './save-call.ts';
import { employerOptions, resolveWorkplaces, splitWorkplaces, type WorkplaceProblem } from './admin-options.ts';
import { listDisciplines, listProfessions } from '../reference/index.ts';
import { callRules } from './policy.ts';

const KIND = 'calls';
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 2000;
export { IMPORT_TTL_MS } from '../../platform/import/index.ts';

export const IMPORT_COLUMNS = [
  'titolo',
  'tipo',
  'ente',
  'profilo',
  'disciplina',
  'posti',
  'contratto',
  'orario',
  'sedi',
  'descrizione',
  'requisiti',
  'pubblicazione',
  'scadenza',
  'riferimento',
  'link_domanda',
  'referente',
  'email',
  'telefono',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['titolo', 'tipo', 'ente', 'profilo', 'posti', 'contratto'];

/** Which column a field of the call input comes from, to report the domain's errors by column. */
const FIELD_COLUMN: Record<string, ImportColumn> = {
  title: 'titolo',
  slug: 'titolo',
  type: 'tipo',
  employerId: 'ente',
  professionCode: 'profilo',
  disciplineCode: 'disciplina',
  specialisations: 'disciplina',
  posts: 'posti',
  contractTerm: 'contratto',
  contractHours: 'orario',
  workplaces: 'sedi',
  descriptionMd: 'descrizione',
  requirementsMd: 'requisiti',
  publishAt: 'pubblicazione',
  deadline: 'scadenza',
  officialRef: 'riferimento',
  applicationUrl: 'link_domanda',
  contactName: 'referente',
  contactEmail: 'email',
  contactPhone: 'telefono',
};

export type ImportProblem = pipeline.ImportProblem<ImportColumn>;

export interface ImportRowPreview {
  line: number;
  title: string;
  problems: ImportProblem[];
}

export interface ImportPreview {
  /** Set when every row is valid: the stored import to confirm. */
  id: string | null;
  filename: string;
  fileProblems: ImportProblem[];
  rows: ImportRowPreview[];
  validRows: number;
}

interface StoredRow {
  line: number;
  title: string;
  input: Omit<CallInputRaw, 'publishAt' | 'deadline'> & { publishAt: string | null; deadline: string | null };
}

/** Key used to compare codes and names typed in a cell: case, accents and punctuation ignored. */
const normWord = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

// ---------- turning cells into a call input ----------

const TYPE_ALIASES: Record<string, (typeof CALL_TYPES)[number]> = {
  concorso: 'concorso_pubblico',
  'avviso tempo determinato': 'avviso_tempo_determinato',
  'avviso a tempo determinato': 'avviso_tempo_determinato',
  'incarico libero professionale': 'incarico_libero_professionale',
  'zona carente mmg pls': 'zona_carente',
  'incarico di continuita assistenziale': 'continuita_assistenziale',
  'continuita assistenziale': 'continuita_assistenziale',
  'borsa di studio': 'borsa_di_studio',
};
const TERM_ALIASES: Record<string, (typeof CONTRACT_TERMS)[number]> = {
  'tempo indeterminato': 'indeterminato',
  'tempo determinato': 'determinato',
  'libero professionale': 'libero_professionale',
  'borsa di studio': 'borsa',
};
const HOURS_ALIASES: Record<string, (typeof CONTRACT_HOURS)[number]> = {
  'tempo pieno': 'full_time',
  pieno: 'full_time',
  'tempo parziale': 'part_time',
  parziale: 'part_time',
};

function choice<T extends string>(text: string, codes: readonly T[], aliases: Record<string, T>): T | null {
  const k = normWord(text);
  return codes.find((c) => normWord(c) === k) ?? aliases[k] ?? null;
}

/** "2026-07-01 12:00" (or with a T, or with seconds) as Europe/Rome wall time. */
function readDateTime(text: string): Date | null | 'bad' {
  if (!text) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::\d{2})?$/.exec(text.trim());
  if (!m) return 'bad';
  return fromRomeLocal(m[1]!, `${m[2]!.padStart(2, '0')}:${m[3]}`) ?? 'bad';
}

interface Lookups {
  employers: Map<string, string>;
  professions: Map<string, string>;
  disciplines: { code: number; key: string; professionCode: string }[];
  comuni: Map<string, { codes: string[]; problems: WorkplaceProblem[] }>;
}

async function lookups(q: DbOrTx): Promise<Lookups> {
  const [emps, profs, discs] = await Promise.all([employerOptions(q), listProfessions(q), listDisciplines(q)]);
  const employers = new Map<string, string>();
  for (const e of emps) {
    employers.set(normWord(e.name), e.id);
    employers.set(e.slug.toLowerCase(), e.id);
  }
  const professions = new Map<string, string>();
  for (const p of profs) {
    professions.set(normWord(p.name), p.code);
    professions.set(normWord(p.code), p.code);
  }
  return {
    employers,
    professions,
    disciplines: discs.map((d) => ({ code: d.code, key: normWord(d.name), professionCode: d.professionCode })),
    comuni: new Map(),
  };
}

async function rowToInput(q: DbOrTx, L: Lookups, get: (c: ImportColumn) => string): Promise<{ raw: CallInputRaw; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  const bad = (column: ImportColumn, key: string, vars?: Record<string, string | number>) => problems.push({ column, key, vars });

  const typeText = get('tipo');
  const type = choice(typeText, CALL_TYPES, TYPE_ALIASES);
  if (!typeText) bad('tipo', 'common.forms.required');
  else if (!type) bad('tipo', 'calls.import_errors.unknown_value', { value: typeText.slice(0, 80) });

  const empText = get('ente');
  const employerId = L.employers.get(empText.toLowerCase()) ?? L.employers.get(normWord(empText)) ?? '';
  if (!empText) bad('ente', 'common.forms.required');
  else if (!employerId) bad('ente', 'calls.import_errors.employer_unknown', { value: empText.slice(0, 80) });

  const profText = get('profilo');
  const professionCode = L.professions.get(normWord(profText)) ?? '';
  if (!profText) bad('profilo', 'common.forms.required');
  else if (!professionCode) bad('profilo', 'calls.import_errors.unknown_value', { value: profText.slice(0, 80) });

  const discText = get('disciplina');
  let disciplineCode: number | null = null;
  if (discText) {
    const pool = professionCode ? L.disciplines.filter((d) => d.professionCode === professionCode) : L.disciplines;
    const hit = /^\d{1,6}$/.test(discText) ? pool.find((d) => d.code === Number(discText)) : pool.find((d) => d.key === normWord(discText));
    if (hit) disciplineCode = hit.code;
    else bad('disciplina', 'calls.import_errors.discipline_unknown', { value: discText.slice(0, 80) });
  }

  const postsText = get('posti');
  let posts: number = NaN;
  if (!postsText) bad('posti', 'common.forms.required');
  else if (/^\d{1,5}(?:[.,]0+)?$/.test(postsText)) posts = parseInt(postsText, 10);
  else bad('posti', 'common.forms.invalid_number');

  const termText = get('contratto');
  const contractTerm = choice(termText, CONTRACT_TERMS, TERM_ALIASES);
  if (!termText) bad('contratto', 'common.forms.required');
  else if (!contractTerm) bad('contratto', 'calls.import_errors.unknown_value', { value: termText.slice(0, 80) });

  const hoursText = get('orario');
  const contractHours = hoursText ? choice(hoursText, CONTRACT_HOURS, HOURS_ALIASES) : 'full_time';
  if (!contractHours) bad('orario', 'calls.import_errors.unknown_value', { value: hoursText.slice(0, 80) });

  const sediText = get('sedi');
  let workplaces: string[] = [];
  if (sediText) {
    let resolved = L.comuni.get(sediText);
    if (!resolved) {
      const r = await resolveWorkplaces(q, splitWorkplaces(sediText, '|'));
      resolved = { codes: r.codes, problems: r.problems };
      if (L.comuni.size < 5000) L.comuni.set(sediText, resolved);
    }
    workplaces = resolved.codes;
    for (const p of resolved.problems) {
      if (p.problem === 'ambiguous') bad('sedi', 'calls.import_errors.comune_ambiguous', { value: p.text, options: p.candidates.join(', ') });
      else bad('sedi', 'calls.import_errors.comune_not_found', { value: p.text });
    }
  }

  const dates: Record<'pubblicazione' | 'scadenza', Date | null> = { pubblicazione: null, scadenza: null };
  for (const col of ['pubblicazione', 'scadenza'] as const) {
    const d = readDateTime(get(col));
    if (d === 'bad') bad(col, 'calls.import_errors.datetime_format', { value: get(col).slice(0, 40) });
    else dates[col] = d;
  }

  const raw: CallInputRaw = {
    title: get('titolo'),
    type: (type ?? typeText) as CallInputRaw['type'],
    employerId,
    professionCode: professionCode || profText,
    disciplineCode,
    posts,
    contractTerm: (contractTerm ?? termText) as CallInputRaw['contractTerm'],
    contractHours: (contractHours ?? hoursText) as CallInputRaw['contractHours'],
    workplaces,
    specialisations: null,
    descriptionMd: get('descrizione'),
    requirementsMd: get('requisiti'),
    publishAt: dates.pubblicazione,
    deadline: dates.scadenza,
    officialRef: get('riferimento'),
    applicationUrl: get('link_domanda'),
    contactName: get('referente'),
    contactEmail: get('email'),
    contactPhone: get('telefono'),
  };
  return { raw, problems };
}

function domainProblems(fields: FieldErrors, already: ImportProblem[]): ImportProblem[] {
  const seen = new Set(already.map((p) => p.column));
  const out: ImportProblem[] = [];
  for (const [field, key] of Object.entries(fields)) {
    const column = FIELD_COLUMN[field] ?? 'titolo';
    if (seen.has(column)) continue;
    seen.add(column);
    out.push({ column, key });
  }
  return out;
}

// ---------- the operations ----------

/**
 * Reads an uploaded file and checks every row. When all rows are valid the parsed rows are staged
 * and the preview carries the id to confirm; otherwise nothing is stored.
 */
export async function previewImport(
  deps: DomainDeps,
  actor: Actor,
  file: { name: string; bytes: Uint8Array },
): Promise<Result<ImportPreview>> {
  if (!can(actor, callRules.import)) return forbidden();
  const read = await pipeline.readImportFile(file, { columns: IMPORT_COLUMNS, required: REQUIRED_COLUMNS, maxBytes: MAX_IMPORT_BYTES, maxRows: MAX_IMPORT_ROWS });
  const filename = read.filename;
  if (!read.ok) return ok({ id: null, filename, fileProblems: read.problems, rows: [], validRows: 0 });

  const L = await lookups(deps.db);
  const rows: ImportRowPreview[] = [];
  const stored: StoredRow[] = [];
  for (const r of read.rows) {
    const { raw, problems: rowProblems } = await rowToInput(deps.db, L, r.get);
    const v = await validateCall(deps.db, raw);
    if (!v.ok && v.error.code === 'invalid') rowProblems.push(...domainProblems(v.error.fields, rowProblems));
    const title = r.get('titolo').slice(0, 300);
    rows.push({ line: r.line, title, problems: rowProblems });
    if (!rowProblems.length) {
      stored.push({
        line: r.line,
        title,
        input: { ...raw, publishAt: raw.publishAt ? raw.publishAt.toISOString() : null, deadline: raw.deadline ? raw.deadline.toISOString() : null },
      });
    }
  }
  const allValid = rows.every((r) => !r.problems.length);
  const id = allValid ? await pipeline.stageRows(deps, actor, { kind: KIND, filename, rows: stored }) : null;
  return ok({ id, filename, fileProblems: [], rows, validRows: stored.length });
}

export interface StoredImport {
  id: string;
  filename: string;
  status: 'pending' | 'done';
  createdAt: Date;
  rows: { line: number; title: string }[];
}

/** A staged import of this actor, to show its preview again before confirming. */
export async function getImport(deps: DomainDeps, actor: Actor, id: string): Promise<Result<StoredImport>> {
  if (!can(actor, callRules.import)) return forbidden();
  const b = await pipeline.getStaged<StoredRow>(deps, actor, KIND, id);
  if (!b) return notFound();
  return ok({ id: b.id, filename: b.filename, status: b.status, createdAt: b.createdAt, rows: b.rows.map((r) => ({ line: r.line, title: r.title })) });
}

export type ConfirmImportError = DomainError | { code: 'row_failed'; line: number; fields: FieldErrors };

/** Creates every call of a staged import as a draft, all in one transaction, or none. */
export async function confirmImport(deps: DomainDeps, actor: Actor, id: string): Promise<Result<{ ids: string[] }, ConfirmImportError>> {
  if (!can(actor, callRules.import)) return forbidden();
  return pipeline.confirmStaged<StoredRow, { ids: string[] }, ConfirmImportError>(deps, actor, { kind: KIND, id }, async (tx, batch) => {
    const ids: string[] = [];
    for (const row of batch.rows) {
      const raw: CallInputRaw = {
        ...row.input,
        publishAt: row.input.publishAt ? new Date(row.input.publishAt) : null,
        deadline: row.input.deadline ? new Date(row.input.deadline) : null,
      };
      const r = await createCall(deps, actor, raw, { tx });
      if (!r.ok) return err({ code: 'row_failed', line: row.line, fields: r.error.code === 'invalid' ? r.error.fields : { _form: 'calls.import_errors.row_refused' } });
      ids.push(r.value.id);
    }
    await audit(tx, actor, {
      action: 'call.imported',
      entityType: 'call_import',
      entityId: id,
      summary: `${ids.length} × ${batch.filename}`,
      changes: { calls: ids },
    });
    return ok({ ids });
  });
}

// ---------- the template ----------

/** One example row for the template, built from the installation's own reference data. */
export async function importTemplateExample(deps: Pick<DomainDeps, 'db' | 'now'>): Promise<Record<ImportColumn, string>> {
  const [employer] = await employerOptions(deps.db);
  const deadline = new Date(deps.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    titolo: 'Dirigente medico di Medicina interna',
    tipo: 'concorso_pubblico',
    ente: employer?.slug ?? '',
    profilo: 'medico_chirurgo',
    disciplina: '15',
    posti: '2',
    contratto: 'indeterminato',
    orario: 'full_time',
    sedi: '022205|Rovereto',
    descrizione: 'Il reparto di **Medicina interna** cerca dirigenti medici.',
    requisiti: '- Laurea in medicina e chirurgia\n- Specializzazione nella disciplina o equipollente/affine',
    pubblicazione: '',
    scadenza: `${deadline} 12:00`,
    riferimento: 'BUR n. 12 del 2026',
    link_domanda: 'https://www.inpa.gov.it/',
    referente: 'Ufficio concorsi',
    email: 'concorsi@example.it',
    telefono: '0461 123456',
  };
}

/** The template as CSV. */
export function templateCsv(example: Record<ImportColumn, string>): string {
  return pipeline.templateCsv({ columns: IMPORT_COLUMNS, example });
}

/** The template as XLSX: the columns, and a second sheet describing each column. */
export function templateXlsx(example: Record<ImportColumn, string>, notes: Record<ImportColumn, string>, notesTitle: [string, string]): Promise<Buffer> {
  return pipeline.templateXlsx({ columns: IMPORT_COLUMNS, example, sheet: 'bandi', notesSheet: 'colonne', notes, notesTitle });
}
