// Importing calls (/admin/bandi/importa): the documented columns, the templates, the upload, the
// preview with errors by row and column, and the confirmation that creates every call as a draft.
import type { Ctx } from '../context.ts';
import { AdminLayout } from '../layouts/AdminLayout.tsx';
import { CsrfField } from '../components/form.tsx';
import {
  IMPORT_COLUMNS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  REQUIRED_COLUMNS,
  type ImportPreview,
  type ImportProblem,
  type StoredImport,
} from '../../domains/calls/import.ts';
import type { FieldErrors } from '../../platform/result.ts';
import { ProblemList } from './calls-shared.tsx';

const problemText = (c: Ctx, p: ImportProblem) => c.var.t(p.key, p.vars);

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
    <form method="post" action={lp('/admin/bandi/importa')} enctype="multipart/form-data" novalidate class="mb-5">
      <CsrfField token={c.var.csrfToken} />
      <div class="form-group mb-4">
        <label for="file" class="active">
          {t('calls_admin.import.file')} *
        </label>
        <input
          type="file"
          id="file"
          name="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          class={error ? 'form-control is-invalid' : 'form-control'}
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'file-hint file-error' : 'file-hint'}
        />
        <small id="file-hint" class="form-text">
          {t('calls_admin.import.file_hint', { mb: MAX_IMPORT_BYTES / 1024 / 1024, rows: MAX_IMPORT_ROWS })}
        </small>
        {error ? (
          <div id="file-error" class="field-error mt-1">
            {error}
          </div>
        ) : null}
      </div>
      <button type="submit" class="btn btn-primary">
        {t('calls_admin.import.upload')}
      </button>
    </form>
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
      <ul>
        <li>
          <a href={lp('/admin/bandi/importa/modello.csv')} download="modello-bandi.csv">
            {t('calls_admin.import.template_csv')}
          </a>
        </li>
        <li>
          <a href={lp('/admin/bandi/importa/modello.xlsx')} download="modello-bandi.xlsx">
            {t('calls_admin.import.template_xlsx')}
          </a>
        </li>
      </ul>
      <UploadForm c={c} error={error} />
      <h2 class="h4">{t('calls_admin.import.columns_title')}</h2>
      <p>{t('calls_admin.import.columns_intro')}</p>
      <Columns c={c} />
    </AdminLayout>
  );
}

/** The preview of an upload that has problems: what is wrong, row by row; nothing was stored. */
export function ImportErrorsPage({ c, preview }: { c: Ctx; preview: ImportPreview }) {
  const { t } = c.var;
  const bad = preview.rows.filter((r) => r.problems.length).length;
  return (
    <AdminLayout c={c} title={t('calls_admin.import.preview_title')}>
      <h1>{t('calls_admin.import.preview_title')}</h1>
      <div class="alert alert-danger" role="alert" id="import-errors">
        <p class="fw-semibold mb-1">{t('calls_admin.import.nothing_imported', { file: preview.filename })}</p>
        {preview.fileProblems.length ? (
          <ul class="mb-0">
            {preview.fileProblems.map((p) => (
              <li>{problemText(c, p)}</li>
            ))}
          </ul>
        ) : (
          <p class="mb-0">{t('calls_admin.import.rows_with_errors', { bad, total: preview.rows.length })}</p>
        )}
      </div>
      {preview.rows.length ? <RowsTable c={c} rows={preview.rows} /> : null}
      <h2 class="h4 mt-4">{t('calls_admin.import.try_again')}</h2>
      <UploadForm c={c} />
    </AdminLayout>
  );
}

function RowsTable({ c, rows }: { c: Ctx; rows: { line: number; title: string; problems?: ImportProblem[] }[] }) {
  const { t } = c.var;
  return (
    <div class="table-responsive">
      <table class="table">
        <caption>{t('calls_admin.import.rows_caption', { count: rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('calls_admin.import.line')}</th>
            <th scope="col">{t('calls.fields.title')}</th>
            <th scope="col">{t('calls_admin.import.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr id={`riga-${r.line}`}>
              <th scope="row">{r.line}</th>
              <td>{r.title || '—'}</td>
              <td>
                {r.problems?.length ? (
                  <>
                    <strong>{t('calls_admin.import.row_errors')}</strong>
                    <ul class="mb-0">
                      {r.problems.map((p) => (
                        <li>
                          <code>{p.column}</code>: {problemText(c, p)}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : (
                  t('calls_admin.import.row_ok')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A stored, valid import: its rows and the button that creates them. */
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
          {t('calls.import_errors.already_imported')} <a href={lp('/admin/bandi?stato=draft')}>{t('calls_admin.import.see_drafts')}</a>
        </p>
      ) : (
        <>
          <p>{t('calls_admin.import.all_valid', { count: imp.rows.length, file: imp.filename })}</p>
          <form method="post" action={lp(`/admin/bandi/importa/${imp.id}/conferma`)} class="mb-4">
            <CsrfField token={c.var.csrfToken} />
            <button type="submit" class="btn btn-primary">
              {t('calls_admin.import.confirm', { count: imp.rows.length })}
            </button>{' '}
            <a class="btn btn-outline-primary" href={lp('/admin/bandi/importa')}>
              {t('common.forms.cancel')}
            </a>
          </form>
        </>
      )}
      <RowsTable c={c} rows={imp.rows} />
    </AdminLayout>
  );
}
