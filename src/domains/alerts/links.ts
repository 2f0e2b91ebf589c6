// Signed links for subscribers (no account): preferences, one-click unsubscribe, consent renewal,
// and the click-through of an alert. A link names the subscriber and the link version; bumping the
// version (on erasure, or when a person asks) kills every link sent before.
import { sign, safeEqual } from '../../platform/http/signing.ts';

export type LinkPurpose = 'prefs' | 'unsub' | 'renew';

const mac = (secret: string, purpose: string, value: string) => sign(secret, `alerts:${purpose}:${value}`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function subscriberToken(secret: string, purpose: LinkPurpose, id: string, version: number): string {
  return `${id}.${version}.${mac(secret, purpose, `${id}:${version}`)}`;
}

/** The subscriber id and link version a token names, when its signature is right. */
export function readSubscriberToken(secret: string, purpose: LinkPurpose, token: string): { id: string; version: number } | null {
  const m = /^([0-9a-f-]{36})\.(\d{1,6})\.([\w-]{43})$/.exec(token);
  if (!m || !UUID.test(m[1]!)) return null;
  const expected = mac(secret, purpose, `${m[1]}:${m[2]}`);
  return safeEqual(expected, m[3]!) ? { id: m[1]!, version: Number(m[2]) } : null;
}

export function clickToken(secret: string, deliveryId: string): string {
  return `${deliveryId}.${mac(secret, 'click', deliveryId).slice(0, 22)}`;
}

export function readClickToken(secret: string, token: string): string | null {
  const m = /^([0-9a-f-]{36})\.([\w-]{22})$/.exec(token);
  if (!m || !UUID.test(m[1]!)) return null;
  return safeEqual(mac(secret, 'click', m[1]!).slice(0, 22), m[2]!) ? m[1]! : null;
}

export const ALERT_PATHS = {
  confirm: (token: string) => `/avvisi/conferma/${token}`,
  prefs: (token: string) => `/avvisi/preferenze/${token}`,
  unsubscribe: (token: string) => `/avvisi/disiscrizione/${token}`,
  renew: (token: string) => `/avvisi/rinnovo/${token}`,
  click: (token: string) => `/avvisi/c/${token}`,
};

/** An absolute link in the subscriber's language. */
export function absolute(baseUrl: string, locale: string, path: string): string {
  return `${baseUrl.replace(/\/$/, '')}${locale === 'en' ? '/en' : ''}${path}`;
}
