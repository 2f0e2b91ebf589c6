// The pages of a booking link: booking a talk (/appuntamento/<token>), the personal page to move or
// cancel it (/appuntamento/gestisci/<token>), the expired link (410) and too many attempts (429).
// Their URLs hold a secret: PublicPage marks them noindex with a same-origin referrer.
import type { Ctx } from '../../context.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import type { Appointment, manageAppointmentPage, SlotChoice } from '../../../domains/appointments/index.ts';
import { ActionForm } from '../../kit/action.tsx';
import { DetailList } from '../../kit/details.tsx';
import { CsrfField, ErrorSummary, TextArea, TextField, type FormState } from '../../kit/form.tsx';
import { flash } from '../../kit/guard.tsx';
import { oneValue } from '../../kit/post.ts';
import { Notice, PublicPage } from '../../kit/public-page.tsx';
import { keepWeek, SlotPicker } from './slots.tsx';

export type ManageData = NonNullable<Awaited<ReturnType<typeof manageAppointmentPage>>>;

/** The flashes of the manage page (`?esito=`). */
const FLASH = ['booked', 'moved', 'cancelled'] as const;

/** Why the last form was refused (a slot just taken, a talk no longer booked). */
function Refused({ text }: { text?: string }) {
  return text ? (
    <div class="alert alert-warning" role="alert">
      {text}
    </div>
  ) : null;
}

export function BookPage({ c, slots, s, alert, token }: { c: Ctx; slots: SlotChoice[]; s: FormState; alert?: string; token: string }) {
  const { t, lp } = c.var;
  const labels = { slot: t('appointments.fields.slot'), name: t('appointments.fields.name'), email: t('appointments.fields.email'), phone: t('appointments.fields.phone'), topic: t('appointments.fields.topic') };
  return (
    <PublicPage c={c} title={t('appointments.book_title')} lead={t('appointments.book_intro')} secret>
      <Refused text={alert} />
      <ErrorSummary s={s} labels={labels} />
      <form method="post" action={`${lp(`/appuntamento/${token}`)}${keepWeek(c)}`} novalidate>
        <CsrfField token={c.var.csrfToken} />
        <h2 class="h4">{t('appointments.choose_slot')}</h2>
        <SlotPicker c={c} slots={slots} selected={oneValue(s.values, 'slot')} error={s.errors.slot} path={`/appuntamento/${token}`} />
        <h2 class="h4 mt-4">{t('appointments.your_details')}</h2>
        <TextField s={s} name="name" label={labels.name} required autocomplete="name" maxLength={200} />
        <TextField s={s} name="email" label={labels.email} type="email" required autocomplete="email" maxLength={254} />
        <TextField s={s} name="phone" label={labels.phone} type="tel" autocomplete="tel" maxLength={40} />
        <TextArea s={s} name="topic" label={labels.topic} hint={t('appointments.topic_hint')} maxLength={1000} rows={3} />
        <p>
          {t('appointments.privacy_before')} <a href={lp('/privacy')}>{t('appointments.privacy_link')}</a>
        </p>
        <button type="submit" class="btn btn-primary">
          {t('appointments.book_submit')}
        </button>
      </form>
    </PublicPage>
  );
}

function Details({ c, a, hostName }: { c: Ctx; a: Appointment; hostName: string }) {
  const { t, locale } = c.var;
  const f = fmt(locale);
  return (
    <DetailList
      rows={[
        { label: t('appointments.fields.when'), value: `${f.dateTime.format(a.startsAt)}–${f.time.format(a.endsAt)}` },
        { label: t('appointments.fields.mode'), value: t(`appointments.modes.${a.mode}`) },
        { label: t('appointments.fields.where'), value: a.mode === 'video' ? <a href={a.location}>{a.location}</a> : a.location },
        { label: t('appointments.fields.host'), value: hostName },
        { label: t('appointments.fields.status'), value: t(`appointments.statuses.${a.status}`) },
      ]}
    />
  );
}

export function ManagePage({ c, d, token, s, alert }: { c: Ctx; d: ManageData; token: string; s: FormState; alert?: string }) {
  const { t, lp } = c.var;
  const a = d.appointment;
  const base = `/appuntamento/gestisci/${token}`;
  return (
    <PublicPage c={c} title={t('appointments.manage_title')} secret>
      <Notice text={flash(c, 'appointments.flash', FLASH)} />
      <Refused text={alert} />
      <Details c={c} a={a} hostName={d.hostName} />
      {a.status === 'booked' && d.slots.length ? (
        <section aria-labelledby="move" class="mt-4">
          <h2 id="move" class="h4">
            {t('appointments.move_title')}
          </h2>
          <form method="post" action={`${lp(`${base}/sposta`)}${keepWeek(c)}`}>
            <CsrfField token={c.var.csrfToken} />
            <SlotPicker c={c} slots={d.slots} selected={oneValue(s.values, 'slot')} error={s.errors.slot} path={base} />
            <button type="submit" class="btn btn-primary">
              {t('appointments.move_submit')}
            </button>
          </form>
        </section>
      ) : null}
      {a.status === 'booked' ? (
        <section aria-labelledby="cancel" class="mt-4">
          <h2 id="cancel" class="h4">
            {t('appointments.cancel_title')}
          </h2>
          <ActionForm c={c} action={`${base}/annulla`} label={t('appointments.cancel_submit')} variant="outline-danger" />
        </section>
      ) : null}
    </PublicPage>
  );
}

/** 410: the link was real but is past its date; the person can ask the team for a new one. */
export function expired(c: Ctx) {
  const { t, lp } = c.var;
  return c.html(
    <PublicPage c={c} title={t('appointments.expired.title')} lead={t('appointments.expired.text')} secret>
      <p>
        <a class="btn btn-primary" href={lp('/contatti')}>
          {t('appointments.expired.ask')}
        </a>
      </p>
    </PublicPage>,
    410,
  );
}

/** 429 with Retry-After: the seconds to wait, said in minutes. */
export function rateLimited(c: Ctx, wait: number) {
  const { t } = c.var;
  c.header('Retry-After', String(wait));
  return c.html(<PublicPage c={c} title={t('appointments.errors.rate_limited_title')} lead={t('appointments.errors.rate_limited', { minutes: Math.ceil(wait / 60) })} secret />, 429);
}
