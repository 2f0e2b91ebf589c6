// The offer and reminder mails of the desk, written in the candidate's language with the deadline
// in Europe/Rome; the idempotency keys make a retried job or sweep send each at most once.
import { type OutgoingMail, mailKeys } from '../../platform/mail/index.ts';
import { t, type Locale } from '../../platform/i18n/index.ts';
import { fmt } from '../../platform/i18n/format.ts';

/** The keys of this capability's mails (stored with the owner, so it erases only its own). */
export const rankingMailKey = mailKeys('rankings', ['ranking-offer', 'ranking-offer-reminder']);

export interface OfferMailContext {
  offerId: string;
  to: string;
  name: string;
  locale: Locale;
  callTitle: string;
  rank: number;
  deadline: Date;
}

export function offerMail(d: OfferMailContext): OutgoingMail {
  const L = d.locale;
  const deadline = fmt(L).dateTime.format(d.deadline);
  return {
    ...rankingMailKey('ranking-offer', d.offerId),
    to: d.to,
    subject: t(L, 'rankings.mail.offer_subject', { call: d.callTitle }),
    text:
      [
        t(L, 'rankings.mail.greeting', { name: d.name }),
        '',
        t(L, 'rankings.mail.offer_body', { call: d.callTitle, rank: d.rank }),
        t(L, 'rankings.mail.offer_deadline', { deadline }),
        '',
        t(L, 'rankings.mail.signature'),
      ].join('\n') + '\n',
  };
}

export function reminderMail(d: OfferMailContext): OutgoingMail {
  const L = d.locale;
  const deadline = fmt(L).dateTime.format(d.deadline);
  return {
    ...rankingMailKey('ranking-offer-reminder', d.offerId),
    to: d.to,
    subject: t(L, 'rankings.mail.reminder_subject', { call: d.callTitle }),
    text:
      [t(L, 'rankings.mail.greeting', { name: d.name }), '', t(L, 'rankings.mail.reminder_body', { call: d.callTitle, deadline }), '', t(L, 'rankings.mail.signature')].join('\n') + '\n',
  };
}
