// What every public form of people without an account carries: the consent checkbox naming the
// privacy notice version, the honeypot that catches naive bots, and the visit's source and UTM.
import type { Translator } from '../../platform/i18n/index.ts';
import { HONEYPOT_FIELD, PRIVACY_NOTICE_VERSION, UTM_KEYS } from '../../platform/consent/index.ts';

export { isBot } from '../../platform/consent/index.ts';

export interface ConsentFieldProps {
  t: Translator;
  lp: (path: string) => string;
  /** The checkbox's id (forms on the same page need distinct ids); its name is always `consent`. */
  id?: string;
  /** An i18n key (e.g. 'leads.errors.consent_required'), shown under the checkbox. */
  error?: string;
  checked?: boolean;
  /** What the person consents to: the wording differs. */
  purpose?: 'alerts' | 'contact' | 'webinar';
}

/** The required consent checkbox, with the notice's version and a link to it (same tab). */
export function ConsentField({ t, lp, id = 'consent', error, checked, purpose = 'contact' }: ConsentFieldProps) {
  const hint = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div class="form-check mb-4 consent-field">
      <input
        type="checkbox"
        id={id}
        name="consent"
        value="on"
        checked={checked}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${hint} ${errorId}` : hint}
      />
      <label for={id}>{`${t(`privacy.consent.label_${purpose}`, { version: PRIVACY_NOTICE_VERSION })} *`}</label>
      <small id={hint} class="form-text d-block">
        <a href={lp('/privacy')}>{t('privacy.consent.read_notice', { version: PRIVACY_NOTICE_VERSION })}</a>
        {` ${t(`privacy.consent.withdraw_${purpose}`)}`}
      </small>
      {error ? (
        <div id={errorId} class="field-error mt-1">
          {t(error)}
        </div>
      ) : null}
    </div>
  );
}

/**
 * The honeypot: an ordinary-looking `website` input moved off-screen by CSS (not display:none,
 * which bots skip), out of the tab order, never autofilled; its label tells a screen-reader user
 * to leave it empty. The server treats a filled one as a bot (isBot).
 */
export function HoneypotField({ t, id = 'hp-website' }: { t: Translator; id?: string }) {
  return (
    <div class="hp-field">
      <label for={id}>{t('privacy.honeypot_label')}</label>
      <input type="text" id={id} name={HONEYPOT_FIELD} value="" tabindex={-1} autocomplete="off" />
    </div>
  );
}

/** Hidden inputs carrying the page the form is on and the campaign of the visit to the POST. */
export function UtmFields({ utm, source }: { utm?: Record<string, string> | null; source?: string | null }) {
  return (
    <>
      {source ? <input type="hidden" name="source" value={source} /> : null}
      {UTM_KEYS.map((k) => (utm?.[k] ? <input type="hidden" name={k} value={utm[k]} /> : null))}
    </>
  );
}
