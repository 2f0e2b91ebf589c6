// The pieces every import page shares: the upload form, and the preview of a file (what is wrong
// at the top, each wrong line linked to its row, the count of valid rows, the rows' table, and the
// confirmation when every row is valid). Each import supplies its own columns and wording.
import type { Child } from 'hono/jsx';
import type { Ctx } from '../context.ts';
import { CsrfField, FileField } from './form.tsx';

export interface PreviewProblem {
  column: string;
  key: string;
  vars?: Record<string, string | number>;
}

export interface PreviewRow {
  line: number;
  /** The row's cells shown in the table, in the order of `columns`. */
  cells: string[];
  problems?: PreviewProblem[];
}

export interface ImportPreviewProps {
  c: Ctx;
  /** Headings of the cells shown for each row (the line number and the outcome come with the table). */
  columns: string[];
  rows: PreviewRow[];
  fileProblems?: PreviewProblem[];
  texts: {
    caption: string;
    /** Why nothing was imported, naming the file. */
    nothingImported: string;
    /** How many rows have errors (vars bad and total are already in). */
    rowsWithErrors: string;
    /** Every row is valid. */
    allValid: string;
  };
  /** The confirmation, when every row is valid and the import can still be confirmed. */
  confirm?: { action: string; label: string; cancelHref?: string } | null;
}

/** The file upload of an import: a real label, the limits as hint, the error tied to the field. */
export function ImportUploadForm({
  c,
  action,
  label,
  hint,
  submit,
  error,
  children,
  class: cls = 'mb-5',
}: {
  c: Ctx;
  action: string;
  label: string;
  hint: string;
  submit: string;
  error?: string | null;
  /** What comes before the field inside the form (a heading, an introduction). */
  children?: Child;
  class?: string;
}) {
  return (
    <form method="post" action={action} enctype="multipart/form-data" novalidate class={cls}>
      {children}
      <CsrfField token={c.var.csrfToken} />
      <FileField label={label} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" hint={hint} error={error} />
      <button type="submit" class="btn btn-primary">
        {submit}
      </button>
    </form>
  );
}

/** Links to an import's templates. */
export function ImportTemplateLinks({ c, base, name }: { c: Ctx; base: string; name: string }) {
  const { t } = c.var;
  return (
    <ul>
      <li>
        <a href={`${base}/modello.csv`} download={`${name}.csv`}>
          {t('import.template.csv')}
        </a>
      </li>
      <li>
        <a href={`${base}/modello.xlsx`} download={`${name}.xlsx`}>
          {t('import.template.xlsx')}
        </a>
      </li>
    </ul>
  );
}

export function ImportPreview({ c, columns, rows, fileProblems = [], texts, confirm }: ImportPreviewProps) {
  const { t } = c.var;
  const text = (p: PreviewProblem) => t(p.key, p.vars);
  const bad = rows.filter((r) => r.problems?.length);
  const refused = fileProblems.length > 0 || bad.length > 0;
  return (
    <>
      {refused ? (
        <div class="alert alert-danger" role="alert" id="import-errors">
          <p class="fw-semibold mb-1">{texts.nothingImported}</p>
          {fileProblems.length ? (
            <ul class="mb-0">
              {fileProblems.map((p) => (
                <li>{text(p)}</li>
              ))}
            </ul>
          ) : (
            <>
              <p class="mb-1">{texts.rowsWithErrors}</p>
              <ul class="mb-0">
                {bad.map((r) => (
                  <li>
                    <a href={`#riga-${r.line}`}>{t('import.preview.line_n', { line: r.line })}</a>: {[...new Set(r.problems!.map((p) => p.column))].join(', ')}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : (
        <p>{texts.allValid}</p>
      )}
      {rows.length ? (
        <p id="import-count">{t('import.preview.valid_rows', { valid: rows.length - bad.length, total: rows.length })}</p>
      ) : null}
      {!refused && confirm ? (
        <form method="post" action={confirm.action} class="mb-4">
          <CsrfField token={c.var.csrfToken} />
          <button type="submit" class="btn btn-primary">
            {confirm.label}
          </button>
          {confirm.cancelHref ? (
            <>
              {' '}
              <a class="btn btn-outline-primary" href={confirm.cancelHref}>
                {t('common.forms.cancel')}
              </a>
            </>
          ) : null}
        </form>
      ) : null}
      {rows.length ? (
        <div class="table-responsive">
          <table class="table">
            <caption>{texts.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.preview.line')}</th>
                {columns.map((h) => (
                  <th scope="col">{h}</th>
                ))}
                <th scope="col">{t('import.preview.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr id={`riga-${r.line}`}>
                  <th scope="row">{r.line}</th>
                  {r.cells.map((x) => (
                    <td>{x || '—'}</td>
                  ))}
                  <td>
                    {r.problems?.length ? (
                      <>
                        <strong>{t('import.preview.row_errors')}</strong>
                        <ul class="mb-0">
                          {r.problems.map((p) => (
                            <li>
                              <code>{p.column}</code>: {text(p)}
                            </li>
                          ))}
                        </ul>
                      </>
                    ) : (
                      t('import.preview.row_ok')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
