// The forms of a list's page: open posts (the desk, once the list is published), import the
// candidates from a file, and add one by hand (the team, before publication or after).
import type { Ctx } from '../../context.ts';
import { CANDIDATE_COLUMNS, MAX_CANDIDATE_BYTES } from '../../../domains/rankings/index.ts';
import { CsrfField, ErrorSummary, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { ImportTemplateLinks, ImportUploadForm } from '../../kit/import-preview.tsx';
import { BASE } from './shared.tsx';

export function OpenPostsForm({ c, listId, s }: { c: Ctx; listId: string; s: FormState }) {
  const { t, lp } = c.var;
  return (
    <form method="post" action={lp(`${BASE}/${listId}/posti`)} novalidate class="mt-4">
      <h2 class="h4">{t('rankings_admin.open.title')}</h2>
      <p>{t('rankings_admin.open.intro')}</p>
      <ErrorSummary s={s} labels={{ posts: t('rankings_admin.open.posts'), note: t('rankings_admin.open.note') }} />
      <CsrfField token={c.var.csrfToken} />
      <TextField s={s} name="posts" type="number" required label={t('rankings_admin.open.posts')} />
      <TextField s={s} name="note" label={t('rankings_admin.open.note')} maxLength={500} />
      <button type="submit" class="btn btn-primary">
        {t('rankings_admin.open.submit')}
      </button>
    </form>
  );
}

/** The upload of the import: the columns, the templates and the file (its error at the field). */
export function RankingImportForm({ c, listId, error, retry }: { c: Ctx; listId: string; error?: string | null; retry?: boolean }) {
  const { t, lp } = c.var;
  const props = {
    c,
    action: lp(`${BASE}/${listId}/importa`),
    label: t('rankings_admin.import.file'),
    hint: t('rankings_admin.import.file_hint', { mb: MAX_CANDIDATE_BYTES / 1024 / 1024 }),
    submit: t('rankings_admin.import.upload'),
  };
  // On the preview of a refused file: the same upload, without the introduction.
  if (retry) return <ImportUploadForm {...props} />;
  return (
    <ImportUploadForm {...props} class="mt-5" error={error ? t(error) : null}>
      <h2 class="h4">{t('rankings_admin.import.title')}</h2>
      <p>{t('rankings_admin.import.intro', { columns: CANDIDATE_COLUMNS.join(', ') })}</p>
      <ImportTemplateLinks c={c} base={lp(`${BASE}/${listId}/importa`)} name="modello-graduatoria" />
    </ImportUploadForm>
  );
}

function Flag({ s, name, label }: { s: FormState; name: string; label: string }) {
  return (
    <div class="form-check">
      <input type="checkbox" id={name} name={name} value="1" checked={s.values[name] === '1'} />
      <label for={name}>{label}</label>
    </div>
  );
}

export function AddCandidateForm({ c, listId, s }: { c: Ctx; listId: string; s: FormState }) {
  const { t, lp } = c.var;
  const label = (k: string) => t(`rankings.fields.${k}`);
  return (
    <form method="post" action={lp(`${BASE}/${listId}/candidati`)} novalidate class="mt-5">
      <h2 class="h4">{t('rankings_admin.add.title')}</h2>
      <ErrorSummary s={s} labels={Object.fromEntries(['rank', 'name', 'email', 'pec', 'phone', 'score', 'language'].map((k) => [k, label(k)]))} />
      <CsrfField token={c.var.csrfToken} />
      <TextField s={s} name="rank" type="number" required label={label('rank')} />
      <TextField s={s} name="name" required label={label('name')} maxLength={200} />
      <TextField s={s} name="email" type="email" label={label('email')} />
      <TextField s={s} name="pec" type="email" label={label('pec')} />
      <TextField s={s} name="phone" type="tel" label={label('phone')} />
      <TextField s={s} name="score" label={label('score')} />
      <SelectField s={s} name="language" label={label('language')} options={[{ value: 'it', label: 'Italiano' }, { value: 'en', label: 'English' }]} />
      <fieldset class="mb-4">
        <legend class="h6">{t('rankings_admin.fields.flags')}</legend>
        <Flag s={s} name="preference" label={label('preference')} />
        <Flag s={s} name="reserve" label={label('reserve')} />
      </fieldset>
      <button type="submit" class="btn btn-primary">
        {t('rankings_admin.add.submit')}
      </button>
    </form>
  );
}
