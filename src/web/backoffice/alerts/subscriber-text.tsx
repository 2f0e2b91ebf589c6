// How a subscriber's choices read in the back office (list, page and export alike).
import type { Ctx } from '../../context.ts';
import type { AreaLabel, SpecialisationHeld, SubscriberListRow } from '../../../domains/alerts/index.ts';

export const profName = (c: Ctx, r: { professionName: string | null; professionNameEn: string | null; professionCode: string }) =>
  (c.var.locale === 'en' && r.professionNameEn) || r.professionName || r.professionCode;

export const specText = (c: Ctx, s: SpecialisationHeld) =>
  s.inTraining ? `${s.name} (${s.trainingYear ? c.var.t('alerts_admin.in_training_year', { year: s.trainingYear }) : c.var.t('alerts_admin.in_training')})` : s.name;

export const specsText = (c: Ctx, specs: SpecialisationHeld[]) => specs.map((s) => specText(c, s)).join('; ');

export const areasText = (c: Ctx, areas: AreaLabel[]) => (areas.length ? areas.map((a) => a.label).join('; ') : c.var.t('alerts_admin.anywhere'));

export const callTypesText = (c: Ctx, types: string[]) => (types.length ? types.map((x) => c.var.t(`calls.types.${x}`)).join('; ') : c.var.t('alerts_admin.all_call_types'));

export const localeText = (c: Ctx, locale: string) => c.var.t(`alerts_admin.locales.${locale === 'en' ? 'en' : 'it'}`);

export function StatusText({ c, status }: { c: Ctx; status: SubscriberListRow['status'] }) {
  const cls = status === 'active' ? 'bg-success' : status === 'paused' ? 'bg-warning text-dark' : 'bg-secondary';
  return <span class={`badge ${cls}`}>{c.var.t(`alerts_admin.statuses.${status}`)}</span>;
}
