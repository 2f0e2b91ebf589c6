// Choosing a free slot one week at a time: radios grouped by day, with plain links to the previous
// and next week (no JavaScript, reachable with the keyboard). The week shown is kept in ?settimana=.
import type { Ctx } from '../../context.ts';
import { fmt, toRomeLocal } from '../../../platform/i18n/format.ts';
import { slotWeek, type SlotChoice } from '../../../domains/appointments/index.ts';

/** The week asked for in ?settimana= (1 = this week), or undefined. */
export function weekParam(c: Ctx): number | undefined {
  const v = c.req.query('settimana');
  return v && /^\d{1,2}$/.test(v) ? Number(v) - 1 : undefined;
}

/** The week shown stays the same when a form comes back with a message. */
export const keepWeek = (c: Ctx) => (weekParam(c) === undefined ? '' : `?settimana=${weekParam(c)! + 1}`);

/**
 * The free slots of one week as radios grouped by day, with links to the previous and next week
 * (plain links: no JavaScript, reachable with the keyboard).
 */
export function SlotPicker({ c, slots, selected, error, path }: { c: Ctx; slots: SlotChoice[]; selected: string; error?: string; path: string }) {
  const { t, locale, lp } = c.var;
  const f = fmt(locale);
  if (!slots.length) return <p class="alert alert-info">{t('appointments.no_slots')}</p>;
  const wk = slotWeek(slots, toRomeLocal(c.var.deps.now()).date, weekParam(c), selected || undefined);
  const days = new Map<string, SlotChoice[]>();
  for (const s of wk.slots) days.set(s.day, [...(days.get(s.day) ?? []), s]);
  const dayLabel = new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', { timeZone: 'Europe/Rome', weekday: 'long', day: 'numeric', month: 'long' });
  const noon = (day: string) => new Date(`${day}T12:00:00Z`);
  const range = t('appointments.week.range', { from: dayLabel.format(noon(wk.from)), to: dayLabel.format(noon(wk.to)) });
  const href = (w: number) => `${lp(path)}?settimana=${w + 1}#settimana`;
  return (
    <div id="slot" tabindex={-1} aria-describedby={error ? 'slot-error' : undefined}>
      {error ? (
        <p id="slot-error" class="text-danger fw-semibold">
          {t(error)}
        </p>
      ) : null}
      <nav id="settimana" aria-label={t('appointments.week.nav')} class="d-flex flex-wrap align-items-center gap-3 mb-3">
        {wk.week > 0 ? (
          <a href={href(wk.week - 1)} rel="prev">
            {t('appointments.week.previous')}
          </a>
        ) : null}
        <p class="mb-0 fw-semibold" aria-live="polite">
          {t('appointments.week.current', { n: wk.week + 1, of: wk.weeks, range })}
        </p>
        {wk.week < wk.weeks - 1 ? (
          <a href={href(wk.week + 1)} rel="next">
            {t('appointments.week.next')}
          </a>
        ) : null}
      </nav>
      {!wk.slots.length ? <p class="alert alert-info">{t('appointments.week.empty')}</p> : null}
      {[...days.values()].map((list, di) => (
        <fieldset class="mb-3">
          <legend class="h6">{dayLabel.format(list[0]!.startsAt)}</legend>
          {list.map((s, i) => (
            <div class="form-check">
              <input type="radio" name="slot" id={`slot-${di}-${i}`} value={s.key} checked={s.key === selected} />
              <label for={`slot-${di}-${i}`}>
                {`${f.time.format(s.startsAt)}–${f.time.format(s.endsAt)} · ${t(`appointments.modes.${s.mode}`)} · ${t('appointments.with', { host: s.hostName })}`}
              </label>
            </div>
          ))}
        </fieldset>
      ))}
    </div>
  );
}
