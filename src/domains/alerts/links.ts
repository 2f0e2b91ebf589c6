// Signed links for subscribers (no account): preferences, one-click unsubscribe, consent renewal,
// and the click-through of an alert (src/platform/links). A link names the subscriber and the link
// version; bumping the version (on erasure, or when a person asks) kills every link sent before.
import { absoluteUrl, signedLinks, UUID_SUBJECT } from '../../platform/links/index.ts';

export type LinkPurpose = 'prefs' | 'unsub' | 'renew';

const subscriberLink = (secret: string, purpose: LinkPurpose) => signedLinks(secret, { purpose: `alerts:${purpose}`, versioned: true, subject: UUID_SUBJECT });
const clickLink = (secret: string) => signedLinks(secret, { purpose: 'alerts:click', macLength: 22, subject: UUID_SUBJECT });

export function subscriberToken(secret: string, purpose: LinkPurpose, id: string, version: number): string {
  return subscriberLink(secret, purpose).make(id, { version });
}

/** The subscriber id and link version a token names, when its signature is right. */
export function readSubscriberToken(secret: string, purpose: LinkPurpose, token: string): { id: string; version: number } | null {
  const r = subscriberLink(secret, purpose).read(token);
  return r.ok ? { id: r.subject, version: r.version } : null;
}

export function clickToken(secret: string, deliveryId: string): string {
  return clickLink(secret).make(deliveryId);
}

export function readClickToken(secret: string, token: string): string | null {
  const r = clickLink(secret).read(token);
  return r.ok ? r.subject : null;
}

export const ALERT_PATHS = {
  confirm: (token: string) => `/avvisi/conferma/${token}`,
  prefs: (token: string) => `/avvisi/preferenze/${token}`,
  unsubscribe: (token: string) => `/avvisi/disiscrizione/${token}`,
  renew: (token: string) => `/avvisi/rinnovo/${token}`,
  click: (token: string) => `/avvisi/c/${token}`,
};

/** An absolute link in the subscriber's language. */
export const absolute = absoluteUrl;
