// What the ranked lists' pages share: their base path, the flashes they know, a list's validity in
// words, and the form values as the rankings domain takes them (one string a field).
import type { Ctx } from '../../context.ts';
import type { FormValues } from '../../../platform/forms/index.ts';
import { Time } from '../../kit/details.tsx';

export const BASE = '/admin/graduatorie';

/** The flashes of a call's lists, a list and a candidate (`?esito=`). */
export const RANKING_FLASH = ['created', 'published', 'imported', 'added', 'opened', 'contacted', 'offered', 'recorded'] as const;
export const FLASH = { prefix: 'rankings_admin.flash', known: RANKING_FLASH };

const DAY_MS = 86_400_000;

/** "12/03/2028 (ancora 730 giorni)", or "(scaduta)": the state is said in words, not by colour. */
export function Countdown({ c, until }: { c: Ctx; until: Date }) {
  const { t, locale } = c.var;
  const days = Math.ceil((until.getTime() - c.var.deps.now().getTime()) / DAY_MS);
  return (
    <>
      <Time at={until} locale={locale} format="date" /> ({days > 0 ? t('rankings.validity.days_left', { days }) : t('rankings.validity.expired')})
    </>
  );
}

/** The first value of each field: the rankings forms have no multi-valued field. */
export const single = (values: FormValues): Record<string, string> => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) ?? '']));

