// The ranked lists' figures (/admin/graduatorie-cifre): times from publication, outcomes and
// reasons, overall, per list and per team member, with the CSV/XLSX export of what is shown. A
// malformed filter is a 422 with the message at its field, for the page and the export alike.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../../context.ts';
import { parseFigureQuery, rankingFigures, rankingRules, type FiguresReport } from '../../../../domains/rankings/index.ts';
import { EXPORT_FORMATS } from '../../../../platform/export/index.ts';
import { sendExport } from '../../../kit/export.ts';
import { errorResponse, requireRule } from '../../../kit/guard.tsx';
import { readQuery, searchText } from '../../../kit/list-query.ts';
import { exportColumns } from '../../../kit/table.tsx';
import { exportColumnsOf, exportRows } from './columns.tsx';
import { FiguresPage, InvalidFiguresPage, type FigureParams } from './page.tsx';

// Each filter as typed, trimmed and bounded: the domain says at the field what is wrong with it.
const query = { lista: searchText, membro: searchText, dal: searchText, al: searchText };

/** The report for the query, or the 422 page with the messages at the fields. */
async function report(c: Ctx): Promise<{ report: FiguresReport; q: FigureParams } | Response> {
  const q: FigureParams = readQuery(c, query);
  const parsed = parseFigureQuery(q);
  const r = parsed.ok ? await rankingFigures(c.var.deps, c.var.actor, parsed.value) : parsed;
  if (r.ok) return { report: r.value, q };
  if (r.error.code !== 'invalid') return errorResponse(c, r.error);
  const whole = await rankingFigures(c.var.deps, c.var.actor, {});
  if (!whole.ok) return errorResponse(c, whole.error);
  return c.html(<InvalidFiguresPage c={c} choices={whole.value.choices} q={q} errors={r.error.fields} />, 422);
}

export function rankingFiguresRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(rankingRules.read));
  app.get('/', async (c) => {
    const r = await report(c);
    return r instanceof Response ? r : c.html(<FiguresPage c={c} report={r.report} q={r.q} />);
  });
  for (const format of EXPORT_FORMATS) {
    app.get(`/esporta.${format}`, async (c) => {
      const r = await report(c);
      if (r instanceof Response) return r;
      return sendExport(c, c.var.t('figures.export.file_name'), format, exportColumns(exportColumnsOf(c)), exportRows(c, r.report));
    });
  }
  return app;
}
