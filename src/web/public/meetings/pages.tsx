// The public webinar pages: the list of upcoming open webinars, a webinar's page with its
// registration form (a cancelled webinar says so and takes no registrations), the short messages
// (thanks, cancelled, a link that does not hold) and the question before cancelling a registration.
import { raw } from 'hono/html';
import type { Ctx } from '../../context.ts';
import { Layout } from '../../layouts/Layout.tsx';
import { fmt } from '../../../platform/i18n/format.ts';
import { renderMarkdown } from '../../../platform/markdown.ts';
import { meetingWhen, type Meeting, type PublicWebinar } from '../../../domains/meetings/index.ts';
import { ActionForm } from '../../kit/action.tsx';
import { ConsentField, HoneypotField } from '../../kit/consent.tsx';
import { DetailList } from '../../kit/details.tsx';
import { CsrfField, ErrorSummary, SelectField, TextField, type FormState } from '../../kit/form.tsx';
import { Notice, PublicPage } from '../../kit/public-page.tsx';

function When({ c, w }: { c: Ctx; w: PublicWebinar }) {
  const { t, locale } = c.var;
  const m = w.meeting;
  return (
    <>
      <time datetime={m.startsAt.toISOString()}>{meetingWhen(locale, m)}</time>
      {` (${t('meetings.page.rome_time')})`}
    </>
  );
}

const seats = (c: Ctx, w: PublicWebinar) =>
  w.seatsLeft === null ? c.var.t('meetings.list.no_limit') : w.seatsLeft === 0 ? c.var.t('meetings.list.full') : c.var.t('meetings.list.seats_left', { count: w.seatsLeft });

export function ListPage({ c, items }: { c: Ctx; items: PublicWebinar[] }) {
  const { t, lp } = c.var;
  return (
    <PublicPage c={c} title={t('meetings.list.title')} lead={t('meetings.list.intro')} description={t('meetings.list.intro')} width="wide">
      {items.length ? (
        <ul class="list-unstyled">
          {items.map((w) => (
            <li class="card card-bg p-4 mb-3">
              <h2 class="h4">
                <a href={lp(`/webinar/${w.meeting.slug}`)}>{w.meeting.title}</a>
              </h2>
              <p class="mb-1">
                <When c={c} w={w} />
              </p>
              <p class="mb-0">{seats(c, w)}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('meetings.list.none')}</p>
      )}
    </PublicPage>
  );
}

function RegistrationForm({ c, m, s }: { c: Ctx; m: Meeting; s: FormState }) {
  const { t, lp, locale } = c.var;
  const labels = { name: t('meetings.fields.name'), email: t('meetings.fields.email'), locale: t('meetings.fields.locale'), consent: t('meetings.fields.consent') };
  return (
    <>
      <ErrorSummary s={s} labels={labels} />
      <form method="post" action={lp(`/webinar/${m.slug}`)} novalidate>
        <CsrfField token={c.var.csrfToken} />
        <p class="small">{t('meetings.page.required_note')}</p>
        <TextField s={s} name="name" label={labels.name} required maxLength={200} autocomplete="name" />
        <TextField s={s} name="email" type="email" label={labels.email} required maxLength={254} autocomplete="email" />
        <SelectField s={{ ...s, values: { locale, ...s.values } }} name="locale" label={labels.locale} options={(['it', 'en'] as const).map((l) => ({ value: l, label: t(`meetings.languages.${l}`) }))} />
        <ConsentField t={t} lp={lp} purpose="webinar" error={s.errors.consent} checked={s.values.consent === 'on'} />
        <HoneypotField t={t} />
        <button type="submit" class="btn btn-primary">
          {t('meetings.page.submit')}
        </button>
      </form>
    </>
  );
}

export function WebinarPage({ c, w, s, alert }: { c: Ctx; w: PublicWebinar; s: FormState; alert?: string }) {
  const { t, lp } = c.var;
  const m = w.meeting;
  const open = m.registrationOpen && m.status === 'scheduled' && m.startsAt > c.var.deps.now();
  const html = renderMarkdown(m.descriptionMd);
  return (
    <Layout c={c} title={m.title}>
      <div class="container my-5">
        <div class="row justify-content-center">
          <div class="col-12 col-lg-8">
            <p>
              <a href={lp('/webinar')}>{t('meetings.page.back')}</a>
            </p>
            <h1>{m.title}</h1>
            {m.status === 'cancelled' ? (
              <p class="alert alert-warning" role="note">
                <strong>{t('meetings.page.cancelled')}</strong>
              </p>
            ) : null}
            <DetailList
              rows={[
                { label: t('meetings.page.when'), value: <When c={c} w={w} /> },
                { label: t(`meetings.page.where_${m.mode}`), value: m.mode === 'video' ? t('meetings.page.link_by_mail') : m.location },
                { label: t('meetings.page.seats'), value: seats(c, w) },
              ]}
            />
            {html ? <div class="markdown mb-4">{raw(html)}</div> : null}
            <h2>{t('meetings.page.register')}</h2>
            <Notice text={alert} kind="danger" />
            {m.status === 'cancelled' ? (
              <p>{t('meetings.page.cancelled_no_registration')}</p>
            ) : !open ? (
              <p class="alert alert-info">{t('meetings.page.closed')}</p>
            ) : w.seatsLeft === 0 ? (
              <p class="alert alert-info">{t('meetings.page.full')}</p>
            ) : (
              <RegistrationForm c={c} m={m} s={s} />
            )}
          </div>
        </div>
      </div>
    </Layout>
  );
}

/** A short outcome (thanks, cancelled, a link that does not hold), with the way back to the list when there is one. */
export function Message({ c, title, text, back }: { c: Ctx; title: string; text: string; back?: boolean }) {
  const { t, lp } = c.var;
  return (
    <PublicPage c={c} title={title}>
      <Notice text={text} />
      {back ? (
        <p>
          <a href={lp('/webinar')}>{t('meetings.thanks.back')}</a>
        </p>
      ) : null}
    </PublicPage>
  );
}

/** The question before cancelling a registration from the mail's signed link. */
export function CancelRegistrationPage({ c, meeting, token }: { c: Ctx; meeting: Meeting; token: string }) {
  const { t, locale } = c.var;
  return (
    <PublicPage c={c} title={t('meetings.cancel.title')} secret>
      <p>{t('meetings.cancel.text', { title: meeting.title, date: fmt(locale).dateTime.format(meeting.startsAt) })}</p>
      <ActionForm c={c} action={`/webinar/annulla/${token}`} label={t('meetings.cancel.submit')} />
    </PublicPage>
  );
}
