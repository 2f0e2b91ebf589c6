// Erasing the person of a case (/admin/casi/:id/cancella, admins): the button on the case's page,
// the confirmation page with what goes, what stays and why, and the POST that erases.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { CsrfField, FormActions } from '../../kit/form.tsx';
import { formValues } from '../../../platform/forms/index.ts';
import { can } from '../../../platform/authz/index.ts';
import { erasePerson, erasurePreview, exportCasePerson, type ErasurePreview, type PersonPart } from '../../../domains/people/index.ts';
import { errorResponse, requireRule } from '../../kit/guard.tsx';
import { caseRules } from '../../../domains/cases/index.ts';

/** The flash the cases list shows after an erasure (`?esito=erased`). */
export const ERASE_FLASH = ['erased'] as const;

/** The last section of a case's page, for those who may erase. */
export function EraseSection({ c, id }: { c: Ctx; id: string }) {
  const { t, lp } = c.var;
  if (!can(c.var.actor, caseRules.erase)) return null;
  return (
    <section class="mb-5" aria-labelledby="erase">
      <h2 id="erase">{t('cases_erase.section_title')}</h2>
      <p>{t('cases_erase.section_intro')}</p>
      <p>
        <a class="btn btn-outline-danger" href={lp(`/admin/casi/${id}/cancella`)}>
          {t('cases_erase.start')}
        </a>
      </p>
    </section>
  );
}

/** One capability's lines: what it erases (or keeps), each count in the capability's own words. */
function PartList({ c, part, kind }: { c: Ctx; part: PersonPart; kind: 'erase' | 'keep' }) {
  const { t } = c.var;
  const counts = Object.entries(part[kind]).filter(([, n]) => n > 0);
  if (!counts.length) return null;
  const key = (k: string) => (kind === 'keep' ? `${part.capability}.personal_data.keep.${k}` : `${part.capability}.personal_data.${k}`);
  return (
    <li>
      {t(`${part.capability}.personal_data.title`)}
      <ul>
        {counts.map(([k, n]) => (
          <li>{t(key(k), { count: n })}</li>
        ))}
      </ul>
    </li>
  );
}

function ConfirmPage({ c, p }: { c: Ctx; p: ErasurePreview }) {
  const { t, lp } = c.var;
  const base = `/admin/casi/${p.case.id}`;
  const title = t('cases_erase.title', { name: p.case.name });
  const goes = p.parts.filter((x) => !x.optional && Object.values(x.erase).some((n) => n > 0));
  const kept = p.parts.filter((x) => Object.values(x.keep).some((n) => n > 0));
  const optional = p.parts.filter((x) => x.optional && Object.values(x.erase).some((n) => n > 0));
  return (
    <AdminLayout c={c} title={title}>
      <p>
        <a href={lp(base)}>{t('cases_erase.back')}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">{t('cases_erase.intro')}</p>

      <section class="mb-4" aria-labelledby="goes">
        <h2 id="goes">{t('cases_erase.goes_title')}</h2>
        <ul>
          {goes.map((part) => (
            <PartList c={c} part={part} kind="erase" />
          ))}
          <li>{t('cases_erase.goes.consents')}</li>
        </ul>
      </section>

      <section class="mb-4" aria-labelledby="stays">
        <h2 id="stays">{t('cases_erase.stays_title')}</h2>
        <ul>
          {kept.map((part) => (
            <PartList c={c} part={part} kind="keep" />
          ))}
          <li>{t('cases_erase.stays.audit')}</li>
        </ul>
        {kept.map((part) => (
          <p>{t(`${part.capability}.personal_data.keep_why`)}</p>
        ))}
      </section>

      <p>
        <a href={lp(`${base}/dati.json`)}>{t('cases_erase.export')}</a>
      </p>

      <form method="post" action={lp(`${base}/cancella`)}>
        <CsrfField token={c.var.csrfToken} />
        {optional.map((part) => (
          <div class="form-check mb-4">
            <input class="form-check-input" type="checkbox" id={`erase-${part.capability}`} name="include" value={part.capability} aria-describedby={`erase-${part.capability}-hint`} />
            <label class="form-check-label" for={`erase-${part.capability}`}>
              {t(`${part.capability}.personal_data.optional_label`)}
            </label>
            <div class="form-text" id={`erase-${part.capability}-hint`}>
              <p class="mb-1">{t(`${part.capability}.personal_data.optional_hint`)}</p>
              <ul>
                <PartList c={c} part={part} kind="erase" />
              </ul>
            </div>
          </div>
        ))}
        <p>
          <strong>{t('cases_erase.irreversible')}</strong>
        </p>
        <FormActions>
          <button type="submit" class="btn btn-danger">
            {t('cases_erase.confirm')}
          </button>
          <a class="btn btn-outline-primary" href={lp(base)}>
            {t('cases_erase.cancel')}
          </a>
        </FormActions>
      </form>
    </AdminLayout>
  );
}

/** Mounted inside the cases section (which already requires cases.read). */
export function caseEraseRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/:id/cancella', requireRule(caseRules.erase), async (c) => {
    const r = await erasurePreview(c.var.deps, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<ConfirmPage c={c} p={r.value} />);
  });

  // The person's data as one document, to answer an access or portability request (art. 15, 20).
  app.get('/:id/dati.json', requireRule(caseRules.erase), async (c) => {
    const r = await exportCasePerson(c.var.deps, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.body(JSON.stringify(r.value, null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="persona-${c.req.param('id')}.json"`,
      'Cache-Control': 'private, no-store',
    });
  });

  app.post('/:id/cancella', requireRule(caseRules.erase), async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const r = await erasePerson(c.var.deps, c.var.actor, c.req.param('id'), values);
    if (r.ok) return c.redirect(`${c.var.lp('/admin/casi')}?esito=erased`, 303);
    return errorResponse(c, r.error);
  });

  return app;
}
