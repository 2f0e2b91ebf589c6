// Importing a ranked list from CSV or XLSX: the columns, their Italian names and the check of each
// row (ranks unique in the file and in the list); reading, staging the valid file for the preview
// and the all-or-nothing confirmation are the shared import pipeline's (src/platform/import).
import { eq } from 'drizzle-orm';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { audit } from '../../platform/audit/index.ts';
import { can, type Actor } from '../../platform/authz/index.ts';
import * as pipeline from '../../platform/import/index.ts';
import { err, forbidden, notFound, ok, type DomainError, type Result } from '../../platform/result.ts';
import { checkCandidate, insertCandidates, loadList, type CandidateInput } from './lists.ts';
import { rankedCandidates } from './tables.ts';
import { rankingRules } from './policy.ts';

export const CANDIDATE_COLUMNS = ['rank', 'name', 'email', 'pec', 'phone', 'score', 'preference', 'reserve', 'language'] as const;
export type CandidateColumn = (typeof CANDIDATE_COLUMNS)[number];
export const REQUIRED_CANDIDATE_COLUMNS: readonly CandidateColumn[] = ['rank', 'name'];
export const MAX_CANDIDATE_BYTES = 5 * 1024 * 1024;
export const MAX_CANDIDATE_ROWS = 5000;
const KIND = 'ranked_list';

/** Italian headings name the same columns. */
const ALIASES: Record<string, CandidateColumn> = {
  posizione: 'rank',
  nome: 'name',
  nominativo: 'name',
  telefono: 'phone',
  punteggio: 'score',
  preferenza: 'preference',
  riserva: 'reserve',
  lingua: 'language',
};

export type RowProblem = pipeline.ImportProblem<CandidateColumn>;
export interface PreviewRow {
  line: number;
  rank: string;
  name: string;
  problems: RowProblem[];
}
export interface CandidatePreview {
  /** Set when every row is valid: the staged import to confirm. */
  id: string | null;
  filename: string;
  fileProblems: RowProblem[];
  rows: PreviewRow[];
  validRows: number;
}
interface StoredRow {
  line: number;
  input: CandidateInput;
}

/** Reads a file and checks every row; a fully valid file is staged for its confirmation. */
export async function previewCandidates(deps: DomainDeps, actor: Actor, listId: string, file: { name: string; bytes: Uint8Array }): Promise<Result<CandidatePreview>> {
  if (!can(actor, rankingRules.manage)) return forbidden();
  const list = await loadList(deps.db, listId);
  if (!list) return notFound();
  const read = await pipeline.readImportFile(file, {
    columns: CANDIDATE_COLUMNS,
    required: REQUIRED_CANDIDATE_COLUMNS,
    aliases: ALIASES,
    // Lists arrive as the offices keep them, with columns of their own (notes, birth dates): those are left out.
    extraColumns: 'ignore',
    maxBytes: MAX_CANDIDATE_BYTES,
    maxRows: MAX_CANDIDATE_ROWS,
  });
  const filename = read.filename;
  if (!read.ok) return ok({ id: null, filename, fileProblems: read.problems, rows: [], validRows: 0 });

  const existing = new Set((await getRanks(deps, listId)).map(String));
  const seen = new Map<string, number>();
  const rows: PreviewRow[] = [];
  const valid: StoredRow[] = [];
  for (const r of read.rows) {
    const raw = Object.fromEntries(CANDIDATE_COLUMNS.map((c) => [c, r.get(c)]));
    const checked = checkCandidate(raw);
    const problems: RowProblem[] = Object.entries(checked.problems).map(([column, key]) => ({ column: column as CandidateColumn, key }));
    if (checked.value) {
      const k = String(checked.value.rank);
      if (seen.has(k)) problems.push({ column: 'rank', key: 'rankings.import_errors.duplicate_rank', vars: { line: seen.get(k)! } });
      else if (existing.has(k)) problems.push({ column: 'rank', key: 'rankings.errors.rank_taken' });
      seen.set(k, r.line);
      if (!problems.length) valid.push({ line: r.line, input: checked.value });
    }
    rows.push({ line: r.line, rank: raw.rank ?? '', name: (raw.name ?? '').slice(0, 200), problems });
  }
  const allOk = rows.every((r) => !r.problems.length);
  const id = allOk ? await pipeline.stageRows(deps, actor, { kind: KIND, scopeId: listId, filename, rows: valid }) : null;
  return ok({ id, filename, fileProblems: [], rows, validRows: valid.length });
}

async function getRanks(deps: DomainDeps, listId: string): Promise<number[]> {
  return (await deps.db.select({ rank: rankedCandidates.rank }).from(rankedCandidates).where(eq(rankedCandidates.listId, listId))).map((r) => r.rank);
}

export interface StagedCandidates {
  id: string;
  filename: string;
  status: 'pending' | 'done';
  rows: { line: number; rank: string; name: string }[];
}

/** A staged import of this actor for this list, to show its preview before confirming. */
export async function getCandidateImport(deps: DomainDeps, actor: Actor, listId: string, id: string): Promise<Result<StagedCandidates>> {
  if (!can(actor, rankingRules.manage)) return forbidden();
  const b = await pipeline.getStaged<StoredRow>(deps, actor, KIND, id, listId);
  if (!b) return notFound();
  return ok({ id: b.id, filename: b.filename, status: b.status, rows: b.rows.map((r) => ({ line: r.line, rank: String(r.input.rank), name: r.input.name })) });
}

/** Inserts the staged rows, all in one transaction, or none. */
export async function confirmCandidates(
  deps: DomainDeps,
  actor: Actor,
  listId: string,
  id: string,
): Promise<Result<{ count: number }, DomainError | { code: 'rank_taken'; rank: number }>> {
  if (!can(actor, rankingRules.manage)) return forbidden();
  return pipeline.confirmStaged<StoredRow, { count: number }, DomainError | { code: 'rank_taken'; rank: number }>(deps, actor, { kind: KIND, id, scopeId: listId }, async (tx, batch, now) => {
    const list = await loadList(tx, listId);
    if (!list) return notFound();
    const r = await insertCandidates(
      tx,
      list,
      batch.rows.map((x) => x.input),
      now,
    );
    if (!r.ok) return r;
    await audit(tx, actor, { action: 'ranked_list.imported', entityType: 'ranked_list', entityId: listId, summary: `${r.value} × ${batch.filename}` });
    return ok({ count: r.value });
  });
}

// ---------- the template ----------

/** The template's example row. */
export const CANDIDATE_TEMPLATE_EXAMPLE: Record<CandidateColumn, string> = {
  rank: '1',
  name: 'Anna Rossi',
  email: 'anna.rossi@example.org',
  pec: 'anna.rossi@pec.example.org',
  phone: '+39 0461 000000',
  score: '88,500',
  preference: 'sì',
  reserve: '',
  language: 'it',
};

export function candidateTemplateCsv(): string {
  return pipeline.templateCsv({ columns: CANDIDATE_COLUMNS, example: CANDIDATE_TEMPLATE_EXAMPLE });
}

export function candidateTemplateXlsx(notes: Record<CandidateColumn, string>, notesTitle: [string, string]): Promise<Buffer> {
  return pipeline.templateXlsx({ columns: CANDIDATE_COLUMNS, example: CANDIDATE_TEMPLATE_EXAMPLE, sheet: 'graduatoria', notesSheet: 'colonne', notes, notesTitle });
}
