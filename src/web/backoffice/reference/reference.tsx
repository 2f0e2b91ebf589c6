// Reference data (/admin/riferimenti): the loaded datasets with their sources, and the directed
// discipline → specialisation relation, which every staff member reads and admins complete.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextArea, TextField, type FormState } from '../../kit/form.tsx';
import { f, formValues, parseForm, type FormValues } from '../../../platform/forms/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { addEdge, correctEdge, correctEdgeSchema, deactivateEdge, deactivateEdgeSchema, edgeFormOptions, getEdge, newEdgeSchema, referenceOverview, RELATION_KINDS, type DisciplineGroup, type Edge, type ReferenceOverview, type Specialisation, referenceRules } from '../../../domains/reference/index.ts';
import { errorResponse, flash, requireRule } from '../../kit/guard.tsx';

const FLASH = ['added', 'corrected', 'deactivated'] as const;

const pickQuery = z.object({
  disciplina: z.preprocess((v) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined), z.number().optional()),
  specializzazione: z.preprocess((v) => (typeof v === 'string' && /^[a-z0-9-]{1,100}$/.test(v) ? v : undefined), z.string().optional()),
});

const state = (c: Ctx, values: FormValues = {}, errors: FieldErrors = {}): FormState => ({ values, errors, t: c.var.t });

function SourceText({ source, url }: { source: string; url: string | null }) {
  // Only https links are rendered: the shipped file has an http Gazzetta address, shown as text.
  return url && url.startsWith('https://') ? (
    <a href={url} rel="noopener noreferrer">
      {source}
    </a>
  ) : (
    <>{source}</>
  );
}

function Note({ c, note }: { c: Ctx; note: string | null }) {
  if (!note) return null;
  return (
    <details class="mt-1">
      <summary>{c.var.t('reference.graph.note')}</summary>
      <p class="small mb-0">{note}</p>
    </details>
  );
}

/** A discipline picker grouped by profession (the shared SelectField has no option groups). */
function DisciplineSelect({ c, s, name, label, groups, required, hint }: { c: Ctx; s: FormState; name: string; label: string; groups: DisciplineGroup[]; required?: boolean; hint?: string }) {
  const { t, locale } = c.var;
  const current = String(s.values[name] ?? '');
  const invalid = !!s.errors[name];
  const described = [hint ? `${name}-hint` : null, invalid ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class="select-wrapper mb-4">
      <label for={name}>
        {label}
        {required ? ' *' : ''}
      </label>
      <select id={name} name={name} class={invalid ? 'is-invalid' : undefined} required={required} aria-invalid={invalid ? 'true' : undefined} aria-describedby={described}>
        <option value="">{t('reference.graph.choose')}</option>
        {groups.map((g) => (
          <optgroup label={locale === 'en' && g.profession.nameEn ? g.profession.nameEn : g.profession.name}>
            {g.disciplines.map((d) => (
              <option value={String(d.code)} selected={current === String(d.code)}>
                {d.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {hint ? (
        <small id={`${name}-hint`} class="form-text">
          {hint}
        </small>
      ) : null}
      {invalid ? (
        <div id={`${name}-error`} class="field-error mt-1">
          {t(s.errors[name]!)}
        </div>
      ) : null}
    </div>
  );
}

const specialisationOptions = (list: Specialisation[]) => list.map((sp) => ({ value: sp.code, label: sp.name }));
const kindOptions = (c: Ctx) => RELATION_KINDS.map((k) => ({ value: k, label: c.var.t(`reference.kinds.${k}`) }));

function OverviewPage({ c, o, notice }: { c: Ctx; o: ReferenceOverview; notice: string | null }) {
  const { t, lp, locale } = c.var;
  const f_ = fmt(locale);
  const pick = state(c, {
    disciplina: o.discipline ? String(o.discipline.code) : '',
    specializzazione: o.specialisation?.code ?? '',
  });
  return (
    <AdminLayout c={c} title={t('reference.title')} flash={notice}>
      <h1>{t('reference.title')}</h1>
      <p>{t('reference.intro')}</p>

      <h2 class="h3 mt-4">{t('reference.sources.heading')}</h2>
      {o.sources.length ? (
        <div class="table-responsive">
          <table class="table">
            <caption>{t('reference.sources.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reference.sources.dataset')}</th>
                <th scope="col">{t('reference.sources.source')}</th>
                <th scope="col">{t('reference.sources.licence')}</th>
                <th scope="col">{t('reference.sources.file')}</th>
                <th scope="col" class="text-end">
                  {t('reference.sources.rows')}
                </th>
                <th scope="col">{t('reference.sources.loaded_at')}</th>
              </tr>
            </thead>
            <tbody>
              {o.sources.map((s) => (
                <tr>
                  <th scope="row">{t(`reference.datasets.${s.dataset}`)}</th>
                  <td>{s.source}</td>
                  <td>{s.licence ?? ''}</td>
                  <td class="small">{s.file}</td>
                  <td class="text-end">{f_.number.format(s.rows)}</td>
                  <td>{f_.dateTime.format(s.loadedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('reference.sources.none')}</p>
      )}

      <h2 class="h3 mt-5" id="relazioni">
        {t('reference.graph.heading')}
      </h2>
      <p>{t('reference.graph.explain')}</p>
      <div class="alert alert-warning" role="note">
        <p class="fw-semibold mb-1">{t('reference.graph.incomplete_title')}</p>
        <p class="mb-0">{t('reference.graph.incomplete')}</p>
      </div>
      {o.canEdit ? (
        <p>
          <a class="btn btn-primary" href={lp(`/admin/riferimenti/relazioni/nuova${o.discipline ? `?disciplina=${o.discipline.code}` : ''}`)}>
            {t('reference.graph.add')}
          </a>
        </p>
      ) : null}

      <div class="row">
        <div class="col-12 col-md-6">
          <form method="get" action={`${lp('/admin/riferimenti')}#per-disciplina`} aria-label={t('reference.graph.by_discipline_form')}>
            <DisciplineSelect c={c} s={pick} name="disciplina" label={t('reference.graph.pick_discipline')} groups={o.groups} />
            <button type="submit" class="btn btn-outline-primary mb-4">
              {t('reference.graph.show')}
            </button>
          </form>
        </div>
        <div class="col-12 col-md-6">
          <form method="get" action={`${lp('/admin/riferimenti')}#per-specializzazione`} aria-label={t('reference.graph.by_specialisation_form')}>
            <SelectField
              s={pick}
              name="specializzazione"
              label={t('reference.graph.pick_specialisation')}
              options={specialisationOptions(o.specialisations)}
              empty={t('reference.graph.choose')}
            />
            <button type="submit" class="btn btn-outline-primary mb-4">
              {t('reference.graph.show')}
            </button>
          </form>
        </div>
      </div>

      {o.discipline ? <ByDiscipline c={c} o={o} /> : null}
      {o.specialisation ? <BySpecialisation c={c} o={o} /> : null}
    </AdminLayout>
  );
}

function ByDiscipline({ c, o }: { c: Ctx; o: ReferenceOverview }) {
  const { t, lp } = c.var;
  const d = o.discipline!;
  return (
    <section aria-labelledby="per-disciplina">
      <h3 class="h4 mt-4" id="per-disciplina">
        {t('reference.graph.by_discipline_heading', { discipline: d.name })}
      </h3>
      {o.admitted.length ? (
        <div class="table-responsive">
          <table class="table">
            <caption>{t('reference.graph.by_discipline_caption', { discipline: d.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reference.graph.col_specialisation')}</th>
                <th scope="col">{t('reference.graph.col_kind')}</th>
                <th scope="col">{t('reference.graph.col_source')}</th>
                <th scope="col">{t('reference.graph.col_origin')}</th>
                {o.canEdit ? <th scope="col">{t('reference.graph.col_status')}</th> : null}
                {o.canEdit ? <th scope="col">{t('reference.graph.col_actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {o.admitted.map((e) => (
                <tr>
                  <th scope="row">
                    <a href={`${lp('/admin/riferimenti')}?specializzazione=${encodeURIComponent(e.specialisationCode)}#per-specializzazione`}>{e.specialisationName}</a>
                  </th>
                  <td>{t(`reference.kinds.${e.kind}`)}</td>
                  <td>
                    <SourceText source={e.source} url={e.sourceUrl} />
                    <Note c={c} note={e.note} />
                  </td>
                  <td>{t(`reference.origins.${e.origin}`)}</td>
                  {o.canEdit ? <td>{t(`reference.status.${e.active ? 'active' : 'inactive'}`)}</td> : null}
                  {o.canEdit ? (
                    <td>
                      <a href={lp(`/admin/riferimenti/relazioni/${e.id}`)} aria-label={t('reference.graph.edit_label', { specialisation: e.specialisationName, discipline: d.name })}>
                        {t('reference.graph.edit')}
                      </a>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('reference.graph.none_for_discipline')}</p>
      )}
    </section>
  );
}

function BySpecialisation({ c, o }: { c: Ctx; o: ReferenceOverview }) {
  const { t, lp } = c.var;
  const sp = o.specialisation!;
  return (
    <section aria-labelledby="per-specializzazione">
      <h3 class="h4 mt-4" id="per-specializzazione">
        {t('reference.graph.by_specialisation_heading', { specialisation: sp.name })}
      </h3>
      <p>{t('reference.graph.by_specialisation_explain', { specialisation: sp.name })}</p>
      {o.admitting.length ? (
        <div class="table-responsive">
          <table class="table">
            <caption>{t('reference.graph.by_specialisation_caption', { specialisation: sp.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reference.graph.col_discipline')}</th>
                <th scope="col">{t('reference.graph.col_direction')}</th>
                <th scope="col">{t('reference.graph.col_kind')}</th>
                <th scope="col">{t('reference.graph.col_source')}</th>
                <th scope="col">{t('reference.graph.col_origin')}</th>
                {o.canEdit ? <th scope="col">{t('reference.graph.col_status')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {o.admitting.map((e) => (
                <tr>
                  <th scope="row">
                    <a href={`${lp('/admin/riferimenti')}?disciplina=${e.disciplineCode}#per-disciplina`}>{e.disciplineName}</a>
                  </th>
                  <td>{t('reference.graph.direction', { specialisation: sp.name, discipline: e.disciplineName })}</td>
                  <td>{t(`reference.kinds.${e.kind}`)}</td>
                  <td>
                    <SourceText source={e.source} url={e.sourceUrl} />
                    <Note c={c} note={e.note} />
                  </td>
                  <td>{t(`reference.origins.${e.origin}`)}</td>
                  {o.canEdit ? <td>{t(`reference.status.${e.active ? 'active' : 'inactive'}`)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('reference.graph.none_for_specialisation')}</p>
      )}
    </section>
  );
}

const edgeLabels = (c: Ctx) => ({
  disciplineCode: c.var.t('reference.edge.discipline'),
  specialisationCode: c.var.t('reference.edge.specialisation'),
  newSpecialisation: c.var.t('reference.edge.new_specialisation'),
  kind: c.var.t('reference.edge.kind'),
  source: c.var.t('reference.edge.source'),
  sourceUrl: c.var.t('reference.edge.source_url'),
  note: c.var.t('reference.edge.note'),
  deactivateSource: c.var.t('reference.edge.deactivate_source'),
  deactivateSourceUrl: c.var.t('reference.edge.source_url'),
  deactivateNote: c.var.t('reference.edge.note'),
});

function NewEdgePage({ c, s, groups, specialisations }: { c: Ctx; s: FormState; groups: DisciplineGroup[]; specialisations: Specialisation[] }) {
  const { t, lp } = c.var;
  const labels = edgeLabels(c);
  return (
    <AdminLayout c={c} title={t('reference.edge.new_title')}>
      <h1>{t('reference.edge.new_title')}</h1>
      <div class="alert alert-warning" role="note">
        <p class="mb-0">{t('reference.graph.explain')}</p>
      </div>
      <ErrorSummary s={s} labels={labels} />
      <form method="post" action={lp('/admin/riferimenti/relazioni')} novalidate>
        <CsrfField token={c.var.csrfToken} />
        <DisciplineSelect c={c} s={s} name="disciplineCode" label={labels.disciplineCode} groups={groups} required />
        <SelectField
          s={s}
          name="specialisationCode"
          label={labels.specialisationCode}
          options={specialisationOptions(specialisations)}
          empty={t('reference.graph.choose')}
          hint={t('reference.edge.specialisation_hint')}
        />
        <TextField s={s} name="newSpecialisation" label={labels.newSpecialisation} maxLength={200} hint={t('reference.edge.new_specialisation_hint')} />
        <SelectField s={s} name="kind" label={labels.kind} options={kindOptions(c)} required empty={t('reference.graph.choose')} />
        <TextField s={s} name="source" label={labels.source} required maxLength={500} hint={t('reference.edge.source_hint')} />
        <TextField s={s} name="sourceUrl" type="url" label={labels.sourceUrl} maxLength={2000} hint={t('reference.edge.source_url_hint')} />
        <TextArea s={s} name="note" label={labels.note} maxLength={2000} rows={3} />
        <FormActions>
          <button type="submit" class="btn btn-primary">
            {t('reference.edge.save')}
          </button>
          <a class="btn btn-outline-primary" href={lp('/admin/riferimenti#relazioni')}>
            {t('reference.edge.cancel')}
          </a>
        </FormActions>
      </form>
    </AdminLayout>
  );
}

type EdgeView = Edge & { disciplineName: string; specialisationName: string };

function EdgePage({ c, edge, correct, deactivate }: { c: Ctx; edge: EdgeView; correct?: FormState; deactivate?: FormState }) {
  const { t, lp } = c.var;
  const labels = edgeLabels(c);
  const title = t('reference.edge.edit_title', { specialisation: edge.specialisationName, discipline: edge.disciplineName });
  const cs = correct ?? state(c, { kind: edge.kind, source: edge.source, sourceUrl: edge.sourceUrl ?? '', note: edge.note ?? '' });
  const ds = deactivate ?? state(c);
  const base = `/admin/riferimenti/relazioni/${edge.id}`;
  return (
    <AdminLayout c={c} title={title}>
      <h1>{title}</h1>
      <h2 class="h4 mt-4">{t('reference.edge.current_heading')}</h2>
      <dl class="row">
        <dt class="col-sm-3">{t('reference.graph.col_discipline')}</dt>
        <dd class="col-sm-9">{edge.disciplineName}</dd>
        <dt class="col-sm-3">{t('reference.graph.col_specialisation')}</dt>
        <dd class="col-sm-9">{edge.specialisationName}</dd>
        <dt class="col-sm-3">{t('reference.graph.col_kind')}</dt>
        <dd class="col-sm-9">{t(`reference.kinds.${edge.kind}`)}</dd>
        <dt class="col-sm-3">{t('reference.graph.col_source')}</dt>
        <dd class="col-sm-9">
          <SourceText source={edge.source} url={edge.sourceUrl} />
        </dd>
        <dt class="col-sm-3">{t('reference.graph.col_origin')}</dt>
        <dd class="col-sm-9">{t(`reference.origins.${edge.origin}`)}</dd>
        <dt class="col-sm-3">{t('reference.graph.col_status')}</dt>
        <dd class="col-sm-9">{t(`reference.status.${edge.active ? 'active' : 'inactive'}`)}</dd>
      </dl>
      {edge.active ? null : (
        <div class="alert alert-info" role="note">
          {t('reference.edge.inactive_notice')}
        </div>
      )}

      <h2 class="h4 mt-5">{t('reference.edge.correct_heading')}</h2>
      <p>{t('reference.edge.correct_hint')}</p>
      <ErrorSummary s={cs} labels={labels} />
      <form method="post" action={lp(base)} novalidate>
        <CsrfField token={c.var.csrfToken} />
        <SelectField s={cs} name="kind" label={labels.kind} options={kindOptions(c)} required empty={t('reference.graph.choose')} />
        <TextField s={cs} name="source" label={labels.source} required maxLength={500} hint={t('reference.edge.source_hint')} />
        <TextField s={cs} name="sourceUrl" type="url" label={labels.sourceUrl} maxLength={2000} hint={t('reference.edge.source_url_hint')} />
        <TextArea s={cs} name="note" label={labels.note} maxLength={2000} rows={3} />
        <button type="submit" class="btn btn-primary">
          {t('reference.edge.correct_save')}
        </button>
      </form>

      {edge.active ? (
        <>
          <h2 class="h4 mt-5">{t('reference.edge.deactivate_heading')}</h2>
          <p>{t('reference.edge.deactivate_hint')}</p>
          <ErrorSummary s={ds} labels={labels} />
          <form method="post" action={lp(`${base}/disattiva`)} novalidate>
            <CsrfField token={c.var.csrfToken} />
            <TextField s={ds} name="deactivateSource" label={labels.deactivateSource} required maxLength={500} />
            <TextField s={ds} name="deactivateSourceUrl" type="url" label={labels.deactivateSourceUrl} maxLength={2000} hint={t('reference.edge.source_url_hint')} />
            <TextArea s={ds} name="deactivateNote" label={labels.deactivateNote} maxLength={2000} rows={3} />
            <button type="submit" class="btn btn-outline-danger">
              {t('reference.edge.deactivate_save')}
            </button>
          </form>
        </>
      ) : null}
      <p class="mt-5">
        <a href={`${lp('/admin/riferimenti')}?disciplina=${edge.disciplineCode}#per-disciplina`}>{t('reference.edge.back', { discipline: edge.disciplineName })}</a>
      </p>
    </AdminLayout>
  );
}

const overviewUrl = (c: Ctx, disciplineCode: number, esito: string) =>
  `${c.var.lp('/admin/riferimenti')}?disciplina=${disciplineCode}&esito=${esito}#per-disciplina`;

// The deactivation form's fields carry a prefix (two forms share the page, ids must be unique).
const DEACTIVATE_FIELDS: Record<string, string> = { source: 'deactivateSource', sourceUrl: 'deactivateSourceUrl', note: 'deactivateNote' };
const prefixed = (errors: FieldErrors) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [DEACTIVATE_FIELDS[k] ?? k, v]));

export function referenceRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(referenceRules.view));

  app.get('/', async (c) => {
    const q = pickQuery.parse(c.req.query());
    const r = await referenceOverview(c.var.deps.db, c.var.actor, { disciplineCode: q.disciplina, specialisationCode: q.specializzazione });
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<OverviewPage c={c} o={r.value} notice={flash(c, 'reference.flash', FLASH)} />);
  });

  app.use('/relazioni/*', requireRule(referenceRules.edit));
  app.use('/relazioni', requireRule(referenceRules.edit));

  const newEdgePage = async (c: Ctx, s: FormState, status: 200 | 422 = 200) => {
    const o = await edgeFormOptions(c.var.deps.db);
    return c.html(<NewEdgePage c={c} s={s} groups={o.groups} specialisations={o.specialisations} />, status);
  };

  app.get('/relazioni/nuova', async (c) => {
    const q = pickQuery.parse(c.req.query());
    return newEdgePage(c, state(c, { disciplineCode: q.disciplina !== undefined ? String(q.disciplina) : '' }));
  });

  app.post('/relazioni', async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const parsed = parseForm(newEdgeSchema, values);
    if (!parsed.ok) return newEdgePage(c, state(c, values, parsed.errors), 422);
    const r = await addEdge(c.var.deps, c.var.actor, values);
    if (!r.ok) {
      if (r.error.code === 'invalid') return newEdgePage(c, state(c, values, r.error.fields), 422);
      return errorResponse(c, r.error);
    }
    return c.redirect(overviewUrl(c, r.value.disciplineCode, 'added'), 303);
  });

  app.get('/relazioni/:id', async (c) => {
    const r = await getEdge(c.var.deps.db, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<EdgePage c={c} edge={r.value} />);
  });

  // On a problem the edge is loaded again to re-show its page with the messages at the fields.
  const reshow = async (c: Ctx, id: string, forms: { correct?: FormState; deactivate?: FormState }) => {
    const edge = await getEdge(c.var.deps.db, c.var.actor, id);
    if (!edge.ok) return errorResponse(c, edge.error);
    return c.html(<EdgePage c={c} edge={edge.value} {...forms} />, 422);
  };

  app.post('/relazioni/:id', async (c) => {
    const id = c.req.param('id');
    const values = formValues(await c.req.parseBody({ all: true }));
    const parsed = parseForm(correctEdgeSchema, values);
    if (!parsed.ok) return reshow(c, id, { correct: state(c, values, parsed.errors) });
    const r = await correctEdge(c.var.deps, c.var.actor, id, values);
    if (r.ok) return c.redirect(overviewUrl(c, r.value.disciplineCode, 'corrected'), 303);
    if (r.error.code === 'invalid') return reshow(c, id, { correct: state(c, values, r.error.fields) });
    return errorResponse(c, r.error);
  });

  app.post('/relazioni/:id/disattiva', async (c) => {
    const id = c.req.param('id');
    const values = formValues(await c.req.parseBody({ all: true }));
    const input = { source: values.deactivateSource ?? '', sourceUrl: values.deactivateSourceUrl ?? '', note: values.deactivateNote ?? '' };
    const parsed = parseForm(deactivateEdgeSchema, input);
    if (!parsed.ok) return reshow(c, id, { deactivate: state(c, values, prefixed(parsed.errors)) });
    const r = await deactivateEdge(c.var.deps, c.var.actor, id, input);
    if (r.ok) return c.redirect(overviewUrl(c, r.value.disciplineCode, 'deactivated'), 303);
    if (r.error.code === 'invalid') return reshow(c, id, { deactivate: state(c, values, prefixed(r.error.fields)) });
    return errorResponse(c, r.error);
  });

  return app;
}
