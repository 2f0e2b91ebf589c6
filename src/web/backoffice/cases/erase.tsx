// Erasing the person of a case (/admin/casi/:id/cancella, admins): the confirmation page with what
// goes, what stays and why (each capability's part in its own words), the person's data as one
// JSON document, and the POST that erases.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { caseRules } from '../../../domains/cases/index.ts';
import { erasePerson, erasurePreview, exportCasePerson, type ErasurePreview, type PersonPart } from '../../../domains/people/index.ts';
import { ConfirmPage } from '../../kit/confirm.tsx';
import { errorResponse, requireRule, requireUuid } from '../../kit/guard.tsx';
import { formPost, withFlash } from '../../kit/post.ts';

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

/** A part the admin may include (the alert subscription): a checkbox with what it would erase. */
function OptionalPart({ c, part }: { c: Ctx; part: PersonPart }) {
  const { t } = c.var;
  const id = `erase-${part.capability}`;
  return (
    <div class="form-check mb-4">
      <input class="form-check-input" type="checkbox" id={id} name="include" value={part.capability} aria-describedby={`${id}-hint`} />
      <label class="form-check-label" for={id}>
        {t(`${part.capability}.personal_data.optional_label`)}
      </label>
      <div class="form-text" id={`${id}-hint`}>
        <p class="mb-1">{t(`${part.capability}.personal_data.optional_hint`)}</p>
        <ul>
          <PartList c={c} part={part} kind="erase" />
        </ul>
      </div>
    </div>
  );
}

const erases = (x: PersonPart) => Object.values(x.erase).some((n) => n > 0);

function EraseConfirmPage({ c, p }: { c: Ctx; p: ErasurePreview }) {
  const { t, lp } = c.var;
  const base = `/admin/casi/${p.case.id}`;
  const goes = p.parts.filter((x) => !x.optional && erases(x));
  const kept = p.parts.filter((x) => Object.values(x.keep).some((n) => n > 0));
  const optional = p.parts.filter((x) => x.optional && erases(x));
  return (
    <ConfirmPage
      c={c}
      title={t('cases_erase.title', { name: p.case.name })}
      back={{ href: base, label: t('cases_erase.back') }}
      action={`${base}/cancella`}
      fields={optional.map((part) => (
        <OptionalPart c={c} part={part} />
      ))}
      warning={t('cases_erase.irreversible')}
      submit={t('cases_erase.confirm')}
      cancel={{ href: base, label: t('cases_erase.cancel') }}
    >
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
    </ConfirmPage>
  );
}

/** Mounted inside the cases section (which already requires cases.read). */
export function caseEraseRoutes() {
  const app = new Hono<AppEnv>();
  // On each route, not as `use('/:id/*')`: this app is mounted at the section's root, beside the case's other pages.
  const guard = [requireRule(caseRules.erase), requireUuid('id')] as const;

  app.get('/:id/cancella', ...guard, async (c) => {
    const r = await erasurePreview(c.var.deps, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<EraseConfirmPage c={c} p={r.value} />);
  });

  // The person's data as one document, to answer an access or portability request (art. 15, 20).
  app.get('/:id/dati.json', ...guard, async (c) => {
    const r = await exportCasePerson(c.var.deps, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.body(JSON.stringify(r.value, null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="persona-${c.req.param('id')}.json"`,
      'Cache-Control': 'private, no-store',
    });
  });

  app.post(
    '/:id/cancella',
    ...guard,
    formPost({
      run: (c, values) => erasePerson(c.var.deps, c.var.actor, c.req.param('id') ?? '', values),
      done: (c) => withFlash(c, '/admin/casi', 'erased'),
    }),
  );

  return app;
}
