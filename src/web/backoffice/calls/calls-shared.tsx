// Small pieces the back-office call pages share: the flashes, paths, the state badge, problem lists.
import type { Ctx } from '../../context.ts';
import type { CallState } from '../../../domains/calls/index.ts';
import type { FieldErrors } from '../../../platform/result.ts';

/** The flashes of the list and of a call's page (`?esito=`). */
export const CALL_FLASH = ['created', 'saved', 'published', 'scheduled', 'unpublished', 'closed', 'archived', 'attachment_added', 'attachment_removed', 'imported'] as const;
export type CallFlash = (typeof CALL_FLASH)[number];

export const callPath = (id: string, suffix = '') => `/admin/bandi/${encodeURIComponent(id)}${suffix}`;

const BADGE: Record<CallState, string> = {
  draft: 'bg-secondary',
  scheduled: 'bg-warning text-dark',
  open: 'bg-success',
  closed: 'bg-dark',
  archived: 'bg-light text-dark border',
};

/** The state in words; the colour only repeats it. */
export function StateBadge({ c, state }: { c: Ctx; state: CallState }) {
  return <span class={`badge ${BADGE[state]}`}>{c.var.t(`calls.states.${state}`)}</span>;
}

/** Field problems as a list of "label: message" (publish refused, import row failed…). */
export function ProblemList({ c, fields }: { c: Ctx; fields: FieldErrors }) {
  const { t } = c.var;
  return (
    <ul class="mb-0">
      {Object.entries(fields).map(([k, v]) => (
        <li>{k === '_form' ? t(v) : `${t(`calls.fields.${k}`)}: ${t(v)}`}</li>
      ))}
    </ul>
  );
}
