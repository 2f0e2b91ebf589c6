// Signed links for people without an account: the booking link (for a lead, or for an email the
// team typed, which expires: the date is inside the signed payload) and the personal link to move
// or cancel one appointment (dies when it is moved).
import { sign, safeEqual } from '../../platform/http/signing.ts';

const mac = (secret: string, purpose: string, value: string) => sign(secret, `appointments:${purpose}:${value}`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** How long a booking link the team sends by email stays valid. */
export const BOOKING_LINK_DAYS = 30;

/** An email link carries its expiry; a lead's link lives as long as the lead (retention erases it). */
export type BookingSubject = { leadId: string } | { email: string; name?: string; expiresAt: Date };

/** Without `expiresAt`, an email link lasts BOOKING_LINK_DAYS from the real clock. */
export function bookingToken(secret: string, subject: { leadId: string } | { email: string; name?: string; expiresAt?: Date }): string {
  const exp = 'leadId' in subject ? 0 : (subject.expiresAt ?? new Date(Date.now() + BOOKING_LINK_DAYS * 86_400_000)).getTime();
  const payload =
    'leadId' in subject
      ? `l.${subject.leadId}`
      : `e.${Buffer.from(JSON.stringify([subject.email, subject.name ?? '', Math.floor(exp / 1000)])).toString('base64url')}`;
  return `${payload}.${mac(secret, 'book', payload)}`;
}

export type BookingLink = { ok: true; subject: BookingSubject } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * What a booking link says, checked against `now`. A signed email link past its date (or from
 * before links had one) is `expired`, so the page can offer a new one instead of a bare 404.
 */
export function checkBookingToken(secret: string, token: string, now: Date): BookingLink {
  const m = /^([le])\.([\w-]{1,600})\.([\w-]{43})$/.exec(token);
  if (!m) return { ok: false, reason: 'invalid' };
  const payload = `${m[1]}.${m[2]}`;
  if (!safeEqual(mac(secret, 'book', payload), m[3]!)) return { ok: false, reason: 'invalid' };
  if (m[1] === 'l') return UUID.test(m[2]!) ? { ok: true, subject: { leadId: m[2]! } } : { ok: false, reason: 'invalid' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(m[2]!, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string') return { ok: false, reason: 'invalid' };
  const [email, name, exp] = parsed as [string, unknown, unknown];
  if (typeof exp !== 'number' || exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, subject: { email, name: typeof name === 'string' && name ? name : undefined, expiresAt: new Date(exp * 1000) } };
}

/** The subject of a valid, unexpired booking link, else null. */
export function readBookingToken(secret: string, token: string, now: Date): BookingSubject | null {
  const r = checkBookingToken(secret, token, now);
  return r.ok ? r.subject : null;
}

export function manageToken(secret: string, id: string, sequence: number): string {
  return `${id}.${sequence}.${mac(secret, 'manage', `${id}:${sequence}`)}`;
}

export function readManageToken(secret: string, token: string): { id: string; sequence: number } | null {
  const m = /^([0-9a-f-]{36})\.(\d{1,6})\.([\w-]{43})$/.exec(token);
  if (!m || !UUID.test(m[1]!)) return null;
  return safeEqual(mac(secret, 'manage', `${m[1]}:${m[2]}`), m[3]!) ? { id: m[1]!, sequence: Number(m[2]) } : null;
}

export const APPOINTMENT_PATHS = {
  book: (token: string) => `/appuntamento/${token}`,
  manage: (token: string) => `/appuntamento/gestisci/${token}`,
};

/** An absolute link in the person's language. */
export function absolute(baseUrl: string, locale: string, path: string): string {
  return `${baseUrl.replace(/\/$/, '')}${locale === 'en' ? '/en' : ''}${path}`;
}
/** The booking link a lead's acknowledgement carries. */
export function leadBookingUrl(links: { baseUrl: string; secret: string }, leadId: string, locale: string): string {
  return absolute(links.baseUrl, locale, APPOINTMENT_PATHS.book(bookingToken(links.secret, { leadId })));
}

