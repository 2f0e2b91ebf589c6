// A chart with its data table: the server-drawn SVG (an image with a title and a description, every
// value written beside its bar) and, beside it on wide screens, the table of the same numbers, so
// nothing is said by the picture alone (docs/architecture.md, "Charts").
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { barChart, horizontalBarChart, type ChartOptions } from '../../platform/charts/svg.ts';

export interface ChartWithTableProps {
  /** The chart: vertical bars (`bars`, the default) or horizontal ones (`horizontal`, for long labels). Null draws none. */
  chart: (ChartOptions & { kind?: 'bars' | 'horizontal' }) | null;
  /** Said where the chart would be when there is none ("No renunciations in this period."). */
  fallback?: Child;
  /** The table of the chart's numbers (a CountsTable or a DataTable). */
  table: Child;
  /** Grid classes of the chart's column; the table takes the rest of the row (`wide`: 7 of 12, else 6). */
  wide?: boolean;
}

/**
 * Example: `<ChartWithTable chart={{ id: 'chart-times', title: 'Giorni…', desc: 'Grafico a barre: …', data }} table={<CountsTable … />} />`
 * renders `<div class="row mt-4"><div class="col-12 col-xl-6"><svg role="img" …>…</svg></div><div class="col-12 col-xl-6"><div class="table-responsive"><table>…</table></div></div></div>`.
 */
export function ChartWithTable({ chart, fallback, table, wide }: ChartWithTableProps) {
  const svg = chart ? (chart.kind === 'horizontal' ? horizontalBarChart(chart) : barChart(chart)) : null;
  return (
    <div class="row mt-4">
      <div class={wide ? 'col-12 col-xl-7' : 'col-12 col-xl-6'}>{svg ? raw(svg) : fallback}</div>
      <div class={wide ? 'col-12 col-xl-5' : 'col-12 col-xl-6'}>{table}</div>
    </div>
  );
}
