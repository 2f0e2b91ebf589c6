// The privacy notice (/privacy) for people without an account: alert subscribers, people who leave
// their references, book a talk or register for a webinar, and ranked-list candidates. The text is in src/locales/<lang>/privacy.json; the controller is the
// host organisation; the version is the one consents record (PRIVACY_NOTICE_VERSION).
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { Layout } from '../../layouts/Layout.tsx';
import { PRIVACY_NOTICE_VERSION } from '../../../platform/consent/index.ts';
import { hostContact, type HostContact } from '../../../domains/leads/index.ts';

const ALERT_DATA = ['email', 'name', 'profile', 'areas', 'preferences', 'consent', 'deliveries'] as const;
const LEAD_DATA = ['identity', 'contact', 'profile', 'message', 'call', 'consent', 'work'] as const;
const FOLLOW_UP_DATA = ['identity', 'bookings', 'case', 'ranked'] as const;
const RETENTION = ['alerts', 'unconfirmed', 'leads', 'cases', 'ranked', 'mails', 'backups'] as const;
const RIGHTS = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'withdrawal'] as const;

/** A list of the notice's sentences under one prefix, in the order given. */
function KeyList({ c, prefix, keys }: { c: Ctx; prefix: string; keys: readonly string[] }) {
  return (
    <ul>
      {keys.map((k) => (
        <li>{c.var.t(`${prefix}.${k}`)}</li>
      ))}
    </ul>
  );
}

function Controller({ c, host }: { c: Ctx; host: HostContact | null }) {
  const { t } = c.var;
  if (!host) return <p>{t('privacy.controller.unknown')}</p>;
  const address = [host.address, host.postalCode].filter(Boolean).join(', ');
  return (
    <>
      <p>{t('privacy.controller.text', { name: host.name })}</p>
      <ul>
        {address ? <li>{`${t('privacy.controller.address')}: ${address}`}</li> : null}
        {host.email ? (
          <li>
            {`${t('privacy.controller.email')}: `}
            <a href={`mailto:${host.email}`}>{host.email}</a>
          </li>
        ) : null}
        {host.phone ? <li>{`${t('privacy.controller.phone')}: ${host.phone}`}</li> : null}
        {host.website?.startsWith('https://') ? (
          <li>
            {`${t('privacy.controller.website')}: `}
            <a href={host.website}>{host.website}</a>
          </li>
        ) : null}
      </ul>
      <p>{t('privacy.controller.dpo')}</p>
    </>
  );
}

function PrivacyPage({ c, host }: { c: Ctx; host: HostContact | null }) {
  const { t } = c.var;
  const contact = host?.email ? t('privacy.rights.how_email', { email: host.email }) : t('privacy.rights.how_no_email');
  return (
    <Layout c={c} title={t('privacy.title')} description={t('privacy.meta_description')}>
      <div class="container my-5">
        <div class="row justify-content-center">
          <article class="col-12 col-lg-9 privacy-notice">
            <h1>{t('privacy.title')}</h1>
            <p class="lead">{t('privacy.intro')}</p>
            <p>
              <strong>{t('privacy.version', { version: PRIVACY_NOTICE_VERSION })}</strong>
            </p>

            <h2>{t('privacy.controller.title')}</h2>
            <Controller c={c} host={host} />

            <h2>{t('privacy.purposes.title')}</h2>
            <ul>
              <li>{t('privacy.purposes.alerts')}</li>
              <li>{t('privacy.purposes.contact')}</li>
              <li>{t('privacy.purposes.meetings')}</li>
              <li>{t('privacy.purposes.follow_up')}</li>
              <li>{t('privacy.purposes.ranked')}</li>
            </ul>
            <p>{t('privacy.purposes.no_profiling')}</p>

            <h2>{t('privacy.basis.title')}</h2>
            <p>{t('privacy.basis.text')}</p>
            <p>{t('privacy.basis.optional')}</p>
            <p>{t('privacy.basis.ranked')}</p>

            <h2>{t('privacy.data.title')}</h2>
            <h3>{t('privacy.data.alerts_title')}</h3>
            <KeyList c={c} prefix="privacy.data.alerts" keys={ALERT_DATA} />
            <h3>{t('privacy.data.leads_title')}</h3>
            <KeyList c={c} prefix="privacy.data.leads" keys={LEAD_DATA} />
            <h3>{t('privacy.data.follow_up_title')}</h3>
            <KeyList c={c} prefix="privacy.data.follow_up" keys={FOLLOW_UP_DATA} />
            <p>{t('privacy.data.not_collected')}</p>

            <h2>{t('privacy.retention.title')}</h2>
            <KeyList c={c} prefix="privacy.retention" keys={RETENTION} />

            <h2>{t('privacy.recipients.title')}</h2>
            <p>{t('privacy.recipients.team')}</p>
            <p>{t('privacy.recipients.no_third_parties')}</p>

            <h2>{t('privacy.rights.title')}</h2>
            <p>{t('privacy.rights.intro')}</p>
            <KeyList c={c} prefix="privacy.rights" keys={RIGHTS} />
            <p>{t('privacy.rights.how_alerts')}</p>
            <p>{contact}</p>
            <p>
              {`${t('privacy.rights.complaint')} `}
              <a href="https://www.garanteprivacy.it" hreflang="it">
                www.garanteprivacy.it
              </a>
              .
            </p>

            <h2>{t('privacy.changes.title')}</h2>
            <p>{t('privacy.changes.text', { version: PRIVACY_NOTICE_VERSION })}</p>
          </article>
        </div>
      </div>
    </Layout>
  );
}

export function privacyRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/privacy', async (c) => {
    const host = await hostContact(c.var.deps.db);
    return c.html(<PrivacyPage c={c} host={host} />);
  });
  return app;
}
