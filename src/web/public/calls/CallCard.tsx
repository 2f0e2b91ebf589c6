// A call in a list (home, /bandi), its state badge and its deadline with the time left: shared by
// the public pages so a call reads the same everywhere.
import type { CallListItem, CallState } from '../../../domains/calls/index.ts';
import { fmt, romeParts } from '../../../platform/i18n/format.ts';
import type { Locale, Translator } from '../../../platform/i18n/index.ts';

const HOUR = 3_600_000;

/** Days between two instants counted on the Rome calendar (today = 0, tomorrow = 1). */
function romeDayDiff(from: Date, to: Date): number {
  const a = romeParts(from);
  const b = romeParts(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** "scade tra 5 giorni", "scade domani alle 12:00", "scaduto". */
export function timeLeft(t: Translator, locale: Locale, deadline: Date, now: Date): string {
  const ms = deadline.getTime() - now.getTime();
  if (ms <= 0) return t('public.time_left.expired');
  if (ms < HOUR) {
    const n = Math.max(1, Math.ceil(ms / 60_000));
    return t(n === 1 ? 'public.time_left.minutes_one' : 'public.time_left.minutes_other', { n });
  }
  const days = romeDayDiff(now, deadline);
  const time = fmt(locale).time.format(deadline);
  if (days <= 0) return t('public.time_left.today', { time });
  if (days === 1) return t('public.time_left.tomorrow', { time });
  return t('public.time_left.days', { n: days });
}

export function StateBadge({ t, state }: { t: Translator; state: CallState }) {
  // The state is written out: colour only repeats it.
  const cls = state === 'open' ? 'badge bg-success' : state === 'closed' ? 'badge bg-dark' : 'badge bg-secondary';
  return (
    <span class={cls}>
      <span class="visually-hidden">{t('public.card.state')} </span>
      {t(`calls.states.${state}`)}
    </span>
  );
}

export function Deadline({ t, locale, deadline, now }: { t: Translator; locale: Locale; deadline: Date | null; now: Date }) {
  if (!deadline) return <span>{t('public.card.no_deadline')}</span>;
  return (
    <>
      <time datetime={deadline.toISOString()}>{fmt(locale).dateTime.format(deadline)}</time>{' '}
      <span class="deadline-left">({timeLeft(t, locale, deadline, now)})</span>
    </>
  );
}

export interface CallCardProps {
  t: Translator;
  lp: (p: string) => string;
  locale: Locale;
  call: CallListItem;
  now: Date;
  /** The heading level of the title inside the page's outline. */
  level?: 2 | 3;
}

export function CallCard({ t, lp, locale, call, now, level = 3 }: CallCardProps) {
  const profession = locale === 'en' && call.professionNameEn ? call.professionNameEn : call.professionName;
  const places = call.workplaces.map((w) => `${w.name} (${w.province})`).join(', ');
  const id = `call-${call.id}`;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <article class="card card-bg call-card mb-4" aria-labelledby={id}>
      <div class="card-body pb-3">
        <p class="mb-2 d-flex flex-wrap gap-2 align-items-center">
          <StateBadge t={t} state={call.state} />
          <span class="fw-semibold small">{t(`calls.types.${call.type}`)}</span>
        </p>
        <Heading id={id} class="card-title h5">
          <a href={lp(`/bandi/${call.slug}`)}>{call.title}</a>
        </Heading>
        <p class="card-text mb-2">{call.employerName}</p>
        <dl class="mb-0">
          <div class="d-flex flex-wrap">
            <dt class="me-2">{t('public.card.profession')}</dt>
            <dd class="mb-1">
              {profession}
              {call.disciplineName ? ` — ${call.disciplineName}` : ''}
            </dd>
          </div>
          {places ? (
            <div class="d-flex flex-wrap">
              <dt class="me-2">{t('public.card.workplaces')}</dt>
              <dd class="mb-1">{places}</dd>
            </div>
          ) : null}
          <div class="d-flex flex-wrap">
            <dt class="me-2">{t('public.card.posts')}</dt>
            <dd class="mb-1">{fmt(locale).number.format(call.posts)}</dd>
          </div>
          <div class="d-flex flex-wrap">
            <dt class="me-2">{t('public.card.deadline')}</dt>
            <dd class="mb-1">
              <Deadline t={t} locale={locale} deadline={call.deadline} now={now} />
            </dd>
          </div>
        </dl>
      </div>
    </article>
  );
}
