// The side column of a public call's page: the deadline with the time left, the apply button (to
// the call's own https address, through the click counter), the calendar file, contacts, sharing.
import type { Child } from 'hono/jsx';
import type { Ctx } from '../../context.ts';
import type { CallDetail } from '../../../domains/calls/index.ts';
import { Time } from '../../kit/details.tsx';
import { Icon } from '../../kit/Icon.tsx';
import { timeLeft } from './CallCard.tsx';

/** A titled part of the page, named by its heading for screen readers. */
export function Section({ id, title, class: cls = 'mb-4', children }: { id: string; title: string; class?: string; children?: Child }) {
  return (
    <section class={cls} aria-labelledby={id}>
      <h2 id={id} class="h4">
        {title}
      </h2>
      {children}
    </section>
  );
}

function shareLinks(url: string, title: string, t: Ctx['var']['t']) {
  const e = encodeURIComponent;
  return [
    { label: t('public.call.share_email'), href: `mailto:?subject=${e(title)}&body=${e(`${title}\n${url}`)}` },
    { label: t('public.call.share_on', { site: 'LinkedIn' }), href: `https://www.linkedin.com/sharing/share-offsite/?url=${e(url)}` },
    { label: t('public.call.share_on', { site: 'Facebook' }), href: `https://www.facebook.com/sharer/sharer.php?u=${e(url)}` },
    { label: t('public.call.share_on', { site: 'X' }), href: `https://x.com/intent/post?url=${e(url)}&text=${e(title)}` },
    { label: t('public.call.share_on', { site: 'WhatsApp' }), href: `https://wa.me/?text=${e(`${title} ${url}`)}` },
  ];
}

const hostOf = (u: string) => {
  try {
    return new URL(u).host;
  } catch {
    return '';
  }
};

export function CallAside({ c, d, now, url }: { c: Ctx; d: CallDetail; now: Date; url: string }) {
  const { t, lp, locale } = c.var;
  const call = d.call;
  const path = `/bandi/${call.slug}`;
  const open = d.state === 'open';
  const applyUrl = open && call.applicationUrl?.startsWith('https://') ? call.applicationUrl : null;
  return (
    <>
      <Section id="deadline" title={t('calls.fields.deadline')} class="card card-bg p-4 mb-4">
        {call.deadline ? (
          <p>
            <Time at={call.deadline} locale={locale} />
            <br />
            <span class="deadline-left">{timeLeft(t, locale, call.deadline, now)}</span>
          </p>
        ) : null}
        {applyUrl ? (
          <>
            <p>
              <a class="btn btn-primary" href={lp(`${path}/candidati`)} rel="nofollow">
                {t('public.call.apply')}
              </a>
            </p>
            <p class="small">{t('public.call.apply_note', { host: hostOf(applyUrl) })}</p>
          </>
        ) : null}
        {open && call.deadline ? (
          <p class="mb-0">
            <a href={lp(`${path}/scadenza.ics`)} rel="nofollow">
              <Icon name="it-calendar" class="icon icon-sm icon-primary me-1" />
              {t('public.call.add_to_calendar')}
            </a>
          </p>
        ) : null}
      </Section>
      {call.contactName || call.contactEmail || call.contactPhone ? (
        <Section id="contact" title={t('public.call.contact')}>
          <ul class="list-unstyled">
            {call.contactName ? <li>{call.contactName}</li> : null}
            {call.contactEmail ? (
              <li>
                <a href={`mailto:${call.contactEmail}`}>{call.contactEmail}</a>
              </li>
            ) : null}
            {call.contactPhone ? (
              <li>
                <a href={`tel:${call.contactPhone.replace(/[^\d+]/g, '')}`}>{call.contactPhone}</a>
              </li>
            ) : null}
          </ul>
        </Section>
      ) : null}
      <Section id="share" title={t('public.call.share')}>
        <ul class="list-unstyled">
          {shareLinks(url, call.title, t).map((l) => (
            <li class="mb-1">
              <a href={l.href}>{l.label}</a>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
