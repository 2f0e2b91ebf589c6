// The ranked list import (/admin/graduatorie/:id/importa): the templates, the upload, the preview
// with errors by line and the all-or-nothing confirmation of the staged file, with the same pieces
// as the calls import. The upload form itself is on the list's page (list-forms.tsx).
import type { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { ImportPreview, type PreviewProblem, type PreviewRow } from '../../kit/import-preview.tsx';
import { CANDIDATE_COLUMNS, candidateTemplateCsv, candidateTemplateXlsx, confirmCandidates, getCandidateImport, previewCandidates, rankingRules, type CandidateColumn } from '../../../domains/rankings/index.ts';
import { invalid } from '../../../platform/result.ts';
import { ActionProblem } from '../../kit/action.tsx';
import { errorResponse, requireRule, requireUuid } from '../../kit/guard.tsx';
import { formPost, withFlash } from '../../kit/post.ts';
import { RankingImportForm } from './list-forms.tsx';
import { listPage } from './list-page.tsx';
import { BASE } from './shared.tsx';

interface PreviewProps {
  c: Ctx;
  listId: string;
  filename: string;
  rows: PreviewRow[];
  fileProblems?: PreviewProblem[];
  /** The staged file's id: it can be confirmed (unless `done`). */
  confirmId?: string | null;
  done?: boolean;
  problem?: string | null;
}

function PreviewPage({ c, listId, filename, rows, fileProblems, confirmId, done, problem }: PreviewProps) {
  const { t, lp } = c.var;
  const bad = rows.filter((r) => r.problems?.length).length;
  return (
    <AdminLayout c={c} title={t('rankings_admin.import.preview_title')}>
      <p class="mb-1">
        <a href={lp(`${BASE}/${listId}`)}>{t('rankings_admin.import.back')}</a>
      </p>
      <h1>{t('rankings_admin.import.preview_title')}</h1>
      <ActionProblem c={c} message={problem} />
      {done ? <p>{t('import.errors.already_imported')}</p> : null}
      <ImportPreview
        c={c}
        columns={[t('rankings.fields.rank'), t('rankings.fields.name')]}
        rows={rows}
        fileProblems={fileProblems}
        texts={{
          caption: t('rankings_admin.import.rows_caption', { count: rows.length }),
          nothingImported: t('rankings_admin.import.nothing_imported', { file: filename }),
          rowsWithErrors: t('rankings_admin.import.rows_with_errors', { bad, total: rows.length }),
          allValid: t('rankings_admin.import.all_valid', { count: rows.length, file: filename }),
        }}
        confirm={confirmId && !done ? { action: lp(`${BASE}/${listId}/importa/${confirmId}/conferma`), label: t('rankings_admin.import.confirm', { count: rows.length }), cancelHref: lp(`${BASE}/${listId}`) } : null}
      />
      {confirmId ? null : (
        <>
          <h2 class="h4 mt-4">{t('rankings_admin.import.try_again')}</h2>
          <RankingImportForm c={c} listId={listId} retry />
        </>
      )}
    </AdminLayout>
  );
}

/** A staged file's preview: to confirm it (200), or why its confirmation was refused (409). */
async function stagedPage(c: Ctx, status: 200 | 409, problem?: string | null) {
  const listId = c.req.param('id')!;
  const r = await getCandidateImport(c.var.deps, c.var.actor, listId, c.req.param('importId')!);
  if (!r.ok) return errorResponse(c, r.error);
  const rows = r.value.rows.map((x) => ({ line: x.line, cells: [x.rank, x.name] }));
  return c.html(<PreviewPage c={c} listId={listId} filename={r.value.filename} rows={rows} confirmId={r.value.id} done={r.value.status === 'done'} problem={problem} />, status);
}

/** Routes under /admin/graduatorie (which already requires rankings.read). */
export function importRoutes(app: Hono<AppEnv>) {
  const manage = requireRule(rankingRules.manage);
  const listId = (c: Ctx) => c.req.param('id')!;

  // The templates come before /:id/importa/:importId, which would match them.
  app.get('/:id/importa/modello.csv', manage, (c) =>
    c.body(candidateTemplateCsv(), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="modello-graduatoria.csv"' }),
  );
  app.get('/:id/importa/modello.xlsx', manage, async (c) => {
    const { t } = c.var;
    const notes = Object.fromEntries(CANDIDATE_COLUMNS.map((col) => [col, t(`rankings_admin.import.col.${col}`)])) as Record<CandidateColumn, string>;
    const buf = await candidateTemplateXlsx(notes, [t('import.template.column'), t('import.template.content')]);
    return c.body(new Uint8Array(buf), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': 'attachment; filename="modello-graduatoria.xlsx"',
    });
  });

  app.post(
    '/:id/importa',
    requireUuid('id'),
    formPost({
      async run(c) {
        // The form values leave files out: the file is read from the same (already parsed) body.
        const file = (await c.req.parseBody({ all: true })).file;
        if (!(file instanceof File) || !file.size) return invalid({ file: 'rankings.import_errors.no_file' });
        return previewCandidates(c.var.deps, c.var.actor, listId(c), { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      },
      // A file without errors is staged for confirmation; one with errors is shown, nothing staged.
      done: (c, p) => {
        if (p.id) return c.var.lp(`${BASE}/${listId(c)}/importa/${p.id}`);
        const rows = p.rows.map((x) => ({ line: x.line, cells: [x.rank, x.name], problems: x.problems }));
        return c.html(<PreviewPage c={c} listId={listId(c)} filename={p.filename} rows={rows} fileProblems={p.fileProblems} />, 422);
      },
      invalid: (c, form) => listPage(c, { importError: form.errors.file }, 422),
    }),
  );

  app.get('/:id/importa/:importId', manage, requireUuid('id', 'importId'), (c) => stagedPage(c, 200));
  app.post(
    '/:id/importa/:importId/conferma',
    requireUuid('id', 'importId'),
    formPost({
      run: (c) => confirmCandidates(c.var.deps, c.var.actor, listId(c), c.req.param('importId')!),
      done: (c) => withFlash(c, `${BASE}/${listId(c)}`, 'imported'),
      other: (c, e) => (e.code === 'rank_taken' ? listPage(c, { problem: 'rankings.errors.rank_taken' }, 409) : e.code === 'invalid_state' ? stagedPage(c, 409, e.message) : null),
    }),
  );
}
