// Importing calls (/admin/bandi/importa): the documented columns, the templates, the upload, the
// preview with errors by line and column, and the confirmation that creates every call as a draft.
// The upload form and the preview are the ones every import shares (kit/import-preview.tsx).
import type { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { errorResponse, requireRule, requireUuid } from '../../kit/guard.tsx';
import { ImportPreview, ImportTemplateLinks, ImportUploadForm } from '../../kit/import-preview.tsx';
import { formPost } from '../../kit/post.ts';
import { DataTable } from '../../kit/table.tsx';
import { callRules, confirmImport, getImport, IMPORT_COLUMNS, importTemplateExample, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, previewImport, REQUIRED_COLUMNS, templateCsv, templateXlsx, type ImportPreview as Preview, type StoredImport } from '../../../domains/calls/index.ts';
import { invalid, type FieldErrors } from '../../../platform/result.ts';
import { ProblemList } from './calls-shared.tsx';

function Columns({ c }: { c: Ctx }) {
  const { t } = c.var;
  return (
    <DataTable
      c={c}
      small
      caption={t('calls_admin.import.columns_caption')}
      empty=""
      rows={[...IMPORT_COLUMNS]}
      columns={[
        { header: t('calls_admin.import.column'), rowHeader: true, cell: (col) => <code>{col}</code> },
        { header: t('calls_admin.import.required'), value: (col) => (REQUIRED_COLUMNS.includes(col) ? t('calls_admin.import.yes') : t('calls_admin.import.no')) },
        { header: t('calls_admin.import.content'), value: (col) => t(`calls_admin.import.col.${col}`) },
      ]}
    />
  );
}

function UploadForm({ c, error }: { c: Ctx; error?: string | null }) {
  const { t, lp } = c.var;
  return (
    <ImportUploadForm
      c={c}
      action={lp('/admin/bandi/importa')}
      label={t('calls_admin.import.file')}
      hint={t('calls_admin.import.file_hint', { mb: MAX_IMPORT_BYTES / 1024 / 1024, rows: MAX_IMPORT_ROWS })}
      submit={t('calls_admin.import.upload')}
      error={error}
    />
  );
}

export function ImportPage({ c, error }: { c: Ctx; error?: string | null }) {
  const { t, lp } = c.var;
  return (
    <AdminLayout c={c} title={t('calls_admin.import.title')}>
      <p class="mb-1">
        <a href={lp('/admin/bandi')}>{t('calls_admin.page.back_to_list')}</a>
      </p>
      <h1>{t('calls_admin.import.title')}</h1>
      <p>{t('calls_admin.import.intro')}</p>
      <ImportTemplateLinks c={c} base={lp('/admin/bandi/importa')} name="modello-bandi" />
      <UploadForm c={c} error={error} />
      <h2 class="h4">{t('calls_admin.import.columns_title')}</h2>
      <p>{t('calls_admin.import.columns_intro')}</p>
      <Columns c={c} />
    </AdminLayout>
  );
}

const texts = (c: Ctx, filename: string, rows: number, bad: number) => ({
  caption: c.var.t('calls_admin.import.rows_caption', { count: rows }),
  nothingImported: c.var.t('calls_admin.import.nothing_imported', { file: filename }),
  rowsWithErrors: c.var.t('calls_admin.import.rows_with_errors', { bad, total: rows }),
  allValid: c.var.t('calls_admin.import.all_valid', { count: rows, file: filename }),
});

/** The preview of an upload that has problems: what is wrong, line by line; nothing was stored. */
export function ImportErrorsPage({ c, preview }: { c: Ctx; preview: Preview }) {
  const { t } = c.var;
  const bad = preview.rows.filter((r) => r.problems.length).length;
  return (
    <AdminLayout c={c} title={t('calls_admin.import.preview_title')}>
      <h1>{t('calls_admin.import.preview_title')}</h1>
      <ImportPreview
        c={c}
        columns={[t('calls.fields.title')]}
        rows={preview.rows.map((r) => ({ line: r.line, cells: [r.title], problems: r.problems }))}
        fileProblems={preview.fileProblems}
        texts={texts(c, preview.filename, preview.rows.length, bad)}
      />
      <h2 class="h4 mt-4">{t('calls_admin.import.try_again')}</h2>
      <UploadForm c={c} />
    </AdminLayout>
  );
}

/** A staged, valid import: its rows and the button that creates them. */
export function ImportConfirmPage({
  c,
  imp,
  problem,
  failed,
}: {
  c: Ctx;
  imp: StoredImport;
  problem?: string | null;
  failed?: { line: number; fields: FieldErrors } | null;
}) {
  const { t, lp } = c.var;
  return (
    <AdminLayout c={c} title={t('calls_admin.import.preview_title')}>
      <h1>{t('calls_admin.import.preview_title')}</h1>
      {failed ? (
        <div class="alert alert-danger" role="alert" id="import-failed">
          <p class="fw-semibold mb-1">{t('calls_admin.import.failed_at_commit', { line: failed.line })}</p>
          <ProblemList c={c} fields={failed.fields} />
        </div>
      ) : null}
      {problem ? (
        <div class="alert alert-danger" role="alert">
          {problem}
        </div>
      ) : null}
      {imp.status === 'done' ? (
        <p>
          {t('import.errors.already_imported')} <a href={lp('/admin/bandi?stato=draft')}>{t('calls_admin.import.see_drafts')}</a>
        </p>
      ) : null}
      <ImportPreview
        c={c}
        columns={[t('calls.fields.title')]}
        rows={imp.rows.map((r) => ({ line: r.line, cells: [r.title] }))}
        texts={texts(c, imp.filename, imp.rows.length, 0)}
        confirm={
          imp.status === 'done'
            ? null
            : { action: lp(`/admin/bandi/importa/${imp.id}/conferma`), label: t('calls_admin.import.confirm', { count: imp.rows.length }), cancelHref: lp('/admin/bandi/importa') }
        }
      />
    </AdminLayout>
  );
}

const TOO_BIG = 'calls.import_errors.too_big';

/** The staged import's page, or the page for why it cannot be shown. */
async function confirmPage(c: Ctx, status: 200 | 409, extras: { problem?: string; failed?: { line: number; fields: FieldErrors } } = {}) {
  const imp = await getImport(c.var.deps, c.var.actor, c.req.param('importId') ?? '');
  if (!imp.ok) return errorResponse(c, imp.error);
  return c.html(<ImportConfirmPage c={c} imp={imp.value} {...extras} />, status);
}

/** The import's routes, under /admin/bandi (before /:id, which would match "importa"). */
export function mountImport(app: Hono<AppEnv>) {
  const manage = requireRule(callRules.import);
  app.get('/importa', manage, (c) => c.html(<ImportPage c={c} />));
  app.get('/importa/modello.csv', manage, async (c) => {
    const csv = templateCsv(await importTemplateExample(c.var.deps));
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="modello-bandi.csv"' });
  });
  app.get('/importa/modello.xlsx', manage, async (c) => {
    const { t } = c.var;
    const notes = Object.fromEntries(IMPORT_COLUMNS.map((col) => [col, t(`calls_admin.import.col.${col}`)])) as Record<(typeof IMPORT_COLUMNS)[number], string>;
    const buf = await templateXlsx(await importTemplateExample(c.var.deps), notes, [t('calls_admin.import.column'), t('calls_admin.import.content')]);
    return c.body(new Uint8Array(buf), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': 'attachment; filename="modello-bandi.xlsx"',
    });
  });

  app.post(
    '/importa',
    manage,
    formPost({
      async run(c) {
        // The form values leave files out: the file is read from the same (already parsed) body.
        const file = (await c.req.parseBody({ all: true })).file;
        if (!(file instanceof File) || !file.size) return invalid({ file: 'calls_admin.import.choose_file' });
        if (file.size > MAX_IMPORT_BYTES) return invalid({ file: TOO_BIG });
        return previewImport(c.var.deps, c.var.actor, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      },
      // A file without errors is staged for confirmation; one with errors is shown, nothing staged.
      done: (c, p) => (p.id ? c.var.lp(`/admin/bandi/importa/${p.id}`) : c.html(<ImportErrorsPage c={c} preview={p} />, 422)),
      invalid: (c, form) => c.html(<ImportPage c={c} error={form.errors.file === TOO_BIG ? c.var.t(TOO_BIG, { mb: MAX_IMPORT_BYTES / 1024 / 1024 }) : c.var.t(form.errors.file ?? 'calls_admin.import.choose_file')} />),
    }),
  );

  app.get('/importa/:importId', manage, requireUuid('importId'), (c) => confirmPage(c, 200));
  app.post(
    '/importa/:importId/conferma',
    manage,
    requireUuid('importId'),
    formPost({
      run: (c) => confirmImport(c.var.deps, c.var.actor, c.req.param('importId') ?? ''),
      done: (c) => `${c.var.lp('/admin/bandi')}?stato=draft&esito=imported`,
      other: (c, e) =>
        e.code === 'row_failed' && 'line' in e ? confirmPage(c, 409, { failed: { line: e.line as number, fields: e.fields ?? {} } })
        : e.code === 'invalid_state' ? confirmPage(c, 409, { problem: c.var.t(e.message ?? '') })
        : null,
    }),
  );
}
