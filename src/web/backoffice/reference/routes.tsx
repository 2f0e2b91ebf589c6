// Reference data (/admin/riferimenti): the overview every staff member reads, and the edges of the
// discipline → specialisation relation that admins add, correct and deactivate. Each POST is one
// domain operation; its success goes back to the discipline's part of the overview with a flash.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Ctx } from '../../context.ts';
import { addEdge, correctEdge, deactivateEdge, edgeFormOptions, getEdge, referenceOverview, referenceRules, type Edge } from '../../../domains/reference/index.ts';
import { errorResponse, flash, requireRule, requireUuid } from '../../kit/guard.tsx';
import type { FormState } from '../../kit/form.tsx';
import { formPost, formState, oneValue, renameFields } from '../../kit/post.ts';
import { EdgePage, NewEdgePage, type EdgeForms } from './edges.tsx';
import { OverviewPage, overviewHref, REFERENCE_FLASH } from './overview.tsx';

const pickQuery = z.object({
  disciplina: z.preprocess((v) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined), z.number().optional()),
  specializzazione: z.preprocess((v) => (typeof v === 'string' && /^[a-z0-9-]{1,100}$/.test(v) ? v : undefined), z.string().optional()),
});

// The deactivation form's fields carry a prefix (two forms share the page, ids must be unique).
const DEACTIVATE_FIELDS = { source: 'deactivateSource', sourceUrl: 'deactivateSourceUrl', note: 'deactivateNote' };

/** After a change: the overview at the edge's discipline, saying what was done. */
const back = (esito: string) => (c: Ctx, edge: Edge) => overviewHref(c, 'per-disciplina', String(edge.disciplineCode), esito);

async function newEdgePage(c: Ctx, s: FormState) {
  const o = await edgeFormOptions(c.var.deps.db);
  return c.html(<NewEdgePage c={c} s={s} groups={o.groups} specialisations={o.specialisations} />);
}

/** The edge's page, with a form's errors when one is shown again (then 422, set by formPost). */
async function edgePage(c: Ctx, forms: EdgeForms = {}) {
  const r = await getEdge(c.var.deps.db, c.var.actor, c.req.param('id') ?? '');
  if (!r.ok) return errorResponse(c, r.error);
  return c.html(<EdgePage c={c} edge={r.value} forms={forms} />);
}

export function referenceRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(referenceRules.view));

  app.get('/', async (c) => {
    const q = pickQuery.parse(c.req.query());
    const r = await referenceOverview(c.var.deps.db, c.var.actor, { disciplineCode: q.disciplina, specialisationCode: q.specializzazione });
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<OverviewPage c={c} o={r.value} notice={flash(c, 'reference.flash', REFERENCE_FLASH)} />);
  });

  app.use('/relazioni/*', requireRule(referenceRules.edit));
  app.use('/relazioni', requireRule(referenceRules.edit));

  app.get('/relazioni/nuova', (c) => {
    const q = pickQuery.parse(c.req.query());
    return newEdgePage(c, formState(c, { disciplineCode: q.disciplina !== undefined ? String(q.disciplina) : '' }));
  });

  app.post(
    '/relazioni',
    formPost({
      run: (c, values) => addEdge(c.var.deps, c.var.actor, values),
      done: back('added'),
      invalid: (c, s) => newEdgePage(c, s),
    }),
  );

  app.get('/relazioni/:id', requireUuid('id'), (c) => edgePage(c));

  app.post(
    '/relazioni/:id',
    requireUuid('id'),
    formPost({
      run: (c, values) => correctEdge(c.var.deps, c.var.actor, c.req.param('id') ?? '', values),
      done: back('corrected'),
      invalid: (c, correct) => edgePage(c, { correct }),
    }),
  );

  app.post(
    '/relazioni/:id/disattiva',
    requireUuid('id'),
    formPost({
      run: async (c, values) => {
        const input = { source: oneValue(values, 'deactivateSource'), sourceUrl: oneValue(values, 'deactivateSourceUrl'), note: oneValue(values, 'deactivateNote') };
        return renameFields(await deactivateEdge(c.var.deps, c.var.actor, c.req.param('id') ?? '', input), DEACTIVATE_FIELDS);
      },
      done: back('deactivated'),
      invalid: (c, deactivate) => edgePage(c, { deactivate }),
    }),
  );

  return app;
}
