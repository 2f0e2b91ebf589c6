// The fan-outs of alerts (/admin/avvisi): each call's sending with its counts and state, newest first.
import type { Ctx } from '../../context.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { Time } from '../../kit/details.tsx';
import { defineList } from '../../kit/list.tsx';
import type { Column } from '../../kit/table.tsx';
import { listFanouts, type FanoutListRow } from '../../../domains/alerts/index.ts';
import { FanoutStatus, statsPath } from './fanout-progress.tsx';

const COUNTS = ['matched', 'sent', 'pending', 'failed', 'skipped', 'clicked'] as const;

const columns = (c: Ctx): Column<FanoutListRow>[] => {
  const { t, lp, locale } = c.var;
  const n = fmt(locale).number;
  const h = (k: string) => t(`alerts_admin.fanouts.col_${k}`);
  return [
    { header: h('call'), rowHeader: true, value: (r) => r.callTitle, cell: (r) => <a href={lp(statsPath(r.callId))}>{r.callTitle}</a> },
    { header: h('started'), value: (r) => r.startedAt, cell: (r) => <Time at={r.startedAt} locale={locale} /> },
    ...COUNTS.map((k): Column<FanoutListRow> => ({ header: h(k), numeric: true, value: (r) => r[k], cell: (r) => n.format(r[k]) })),
    { header: h('status'), value: (r) => t(`alerts_admin.fanout_statuses.${r.status}`), cell: (r) => <FanoutStatus c={c} status={r.status} /> },
  ];
};

export const fanoutList = defineList({
  path: '/admin/avvisi',
  title: 'alerts_admin.fanouts.title',
  intro: 'alerts_admin.fanouts.intro',
  query: {},
  load: (c, q) => listFanouts(c.var.deps, c.var.actor, { page: q.page }),
  columns,
  caption: 'alerts_admin.fanouts.caption',
  empty: 'alerts_admin.fanouts.empty',
});
