// Importing calls (/admin/bandi/importa): the documented columns, the templates, the upload, the
// preview with errors by line and column, and the confirmation that creates every call as a draft.
// The upload form and the preview are the ones every import shares (components/import-preview.tsx).
import type { Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { ImportPreview, ImportTemplateLinks, ImportUploadForm } from '../../kit/import-preview.tsx';
import { IMPORT_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, REQUIRED_COLUMNS, type ImportPreview as Preview, type StoredImport } from '../../../domains/calls/index.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { ProblemList } from './calls-shared.tsx';

function Columns({ c }: { c: Ctx }) {
  const { t } = c.var;
  return (
    <div class="table-responsive">
      <table class="table table-sm">
        <caption>{t('calls_admin.import.columns_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('calls_admin.import.column')}</th>
            <th scope="col">{t('calls_admin.import.required')}</th>
            <th scope="col">{t('calls_admin.import.content')}</th>
          </tr>
        </thead>
        <tbody>
          {IMPORT_COLUMNS.map((col) => (
            <tr>
              <th scope="row">
                <code>{col}</code>
              </th>
              <td>{REQUIRED_COLUMNS.includes(col) ? t('calls_admin.import.yes') : t('calls_admin.import.no')}</td>
              <td>{t(`calls_admin.import.col.${col}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
