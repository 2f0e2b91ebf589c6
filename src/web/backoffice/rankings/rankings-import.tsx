// The ranked list import in the back office (/admin/graduatorie/:id/importa): the templates, the
// upload, the preview with errors by line and the all-or-nothing confirmation of the staged file,
// with the same pieces as the calls import. Mounted by rankings.tsx so the URLs sit under the list.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { ImportPreview, ImportTemplateLinks, ImportUploadForm, type PreviewRow } from '../../kit/import-preview.tsx';
import { CANDIDATE_COLUMNS, candidateTemplateCsv, candidateTemplateXlsx, confirmCandidates, getCandidateImport, getList, MAX_CANDIDATE_BYTES, previewCandidates, type CandidateColumn, rankingRules } from '../../../domains/rankings/index.ts';
import { errorResponse, requireRule } from '../../kit/guard.tsx';

const base = '/admin/graduatorie';

/** How the list page renders itself again with a problem (it lives in rankings.tsx). */
export type ListPageRenderer = (c: Ctx, forms: { importError?: string | null; problem?: string | null }, status: 409 | 422) => Promise<Response>;

/** The import form of the list page: the columns, the templates and the upload. */
export function RankingImportForm({ c, listId, error }: { c: Ctx; listId: string; error?: string | null }) {
  const { t, lp } = c.var;
  return (
    <ImportUploadForm
      c={c}
      class="mt-5"
      action={lp(`${base}/${listId}/importa`)}
      label={t('rankings_admin.import.file')}
      hint={t('rankings_admin.import.file_hint', { mb: MAX_CANDIDATE_BYTES / 1024 / 1024 })}
      submit={t('rankings_admin.import.upload')}
      error={error ? t(error) : null}
    >
      <h2 class="h4">{t('rankings_admin.import.title')}</h2>
      <p>{t('rankings_admin.import.intro', { columns: CANDIDATE_COLUMNS.join(', ') })}</p>
      <ImportTemplateLinks c={c} base={lp(`${base}/${listId}/importa`)} name="modello-graduatoria" />
    </ImportUploadForm>
  );
}

function PreviewPage({
  c,
  listId,
  filename,
  rows,
  fileProblems,
  confirmId,
  done,
  problem,
}: {
  c: Ctx;
  listId: string;
  filename: string;
  rows: PreviewRow[];
  fileProblems?: { column: string; key: string; vars?: Record<string, string | number> }[];
  confirmId?: string | null;
  done?: boolean;
  problem?: string | null;
}) {
  const { t, lp } = c.var;
  const bad = rows.filter((r) => r.problems?.length).length;
  return (
    <AdminLayout c={c} title={t('rankings_admin.import.preview_title')}>
      <p class="mb-1">
        <a href={lp(`${base}/${listId}`)}>{t('rankings_admin.import.back')}</a>
      </p>
      <h1>{t('rankings_admin.import.preview_title')}</h1>
      {problem ? (
        <div class="alert alert-danger" role="alert" id="problem">
          {t(problem)}
        </div>
      ) : null}
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
        confirm={confirmId && !done ? { action: lp(`${base}/${listId}/importa/${confirmId}/conferma`), label: t('rankings_admin.import.confirm', { count: rows.length }), cancelHref: lp(`${base}/${listId}`) } : null}
      />
      {confirmId ? null : (
        <>
          <h2 class="h4 mt-4">{t('rankings_admin.import.try_again')}</h2>
          <ImportUploadForm
            c={c}
            action={lp(`${base}/${listId}/importa`)}
            label={t('rankings_admin.import.file')}
            hint={t('rankings_admin.import.file_hint', { mb: MAX_CANDIDATE_BYTES / 1024 / 1024 })}
            submit={t('rankings_admin.import.upload')}
          />
        </>
      )}
    </AdminLayout>
  );
}

/** Routes under /admin/graduatorie (the parent app already requires rankings.read). */
export function rankingImportRoutes(listPage: ListPageRenderer) {
  const app = new Hono<AppEnv>();
  const manage = requireRule(rankingRules.manage);

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

  app.post('/:id/importa', async (c) => {
    const listId = c.req.param('id');
    const file = (await c.req.parseBody()).file;
    if (!(file instanceof File) || !file.size) return listPage(c, { importError: 'rankings.import_errors.no_file' }, 422);
    const r = await previewCandidates(c.var.deps, c.var.actor, listId, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    if (!r.ok) return errorResponse(c, r.error);
    if (r.value.id) return c.redirect(c.var.lp(`${base}/${listId}/importa/${r.value.id}`), 303);
    const rows = r.value.rows.map((x) => ({ line: x.line, cells: [x.rank, x.name], problems: x.problems }));
    return c.html(<PreviewPage c={c} listId={listId} filename={r.value.filename} rows={rows} fileProblems={r.value.fileProblems} />, 422);
  });

  const staged = async (c: Ctx, status: 200 | 409, problem?: string | null) => {
    const listId = c.req.param('id')!;
    const r = await getCandidateImport(c.var.deps, c.var.actor, listId, c.req.param('importId')!);
    if (!r.ok) return errorResponse(c, r.error);
    const rows = r.value.rows.map((x) => ({ line: x.line, cells: [x.rank, x.name] }));
    return c.html(<PreviewPage c={c} listId={listId} filename={r.value.filename} rows={rows} confirmId={r.value.id} done={r.value.status === 'done'} problem={problem} />, status);
  };
  app.get('/:id/importa/:importId', manage, (c) => staged(c, 200));
  app.post('/:id/importa/:importId/conferma', async (c) => {
    const listId = c.req.param('id');
    const r = await confirmCandidates(c.var.deps, c.var.actor, listId, c.req.param('importId'));
    if (r.ok) return c.redirect(c.var.lp(`${base}/${listId}?esito=imported`), 303);
    if (r.error.code === 'rank_taken') return listPage(c, { problem: 'rankings.errors.rank_taken' }, 409);
    if (r.error.code === 'invalid_state') return staged(c, 409, r.error.message);
    return errorResponse(c, r.error);
  });
  return app;
}
