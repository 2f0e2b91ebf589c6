// Signed links for people without an account: the booking link (for a lead, or for an email the
// team typed, which expires: the date is inside the signed payload) and the personal link to move
// or cancel one appointment (dies when it is moved).
import { absoluteUrl, signedLinks, UUID_SUBJECT, type SignedLinks } from '../../platform/links/index.ts';

/** How long a booking link the team sends by email stays valid. */
export const BOOKING_LINK_DAYS = 30;

/** An email link carries its expiry; a lead's link lives as long as the lead (retention erases it). */
export type BookingSubject = { leadId: string } | { email: string; name?: string; expiresAt: Date };

const kinds = (secret: string) => ({
  lead: signedLinks(secret, { purpose: 'appointments:book', subject: /^l\.[0-9a-f-]{36}$/ }),
  email: signedLinks(secret, { purpose: 'appointments:book-email', expires: true, subject: /^e\.[\w-]{1,600}$/ }),
  manage: signedLinks(secret, { purpose: 'appointments:manage', versioned: true, subject: UUID_SUBJECT }),
});
const cache = new Map<string, ReturnType<typeof kinds>>();
const links = (secret: string) => cache.get(secret) ?? (cache.set(secret, kinds(secret)), cache.get(secret)!);

/** Without `expiresAt`, an email link lasts BOOKING_LINK_DAYS from the real clock. */
export function bookingToken(secret: string, subject: { leadId: string } | { email: string; name?: string; expiresAt?: Date }): string {
  if ('leadId' in subject) return links(secret).lead.make(`l.${subject.leadId}`);
  const expiresAt = subject.expiresAt ?? new Date(Date.now() + BOOKING_LINK_DAYS * 86_400_000);
  return links(secret).email.make(`e.${Buffer.from(JSON.stringify([subject.email, subject.name ?? ''])).toString('base64url')}`, { expiresAt });
}

export type BookingLink = { ok: true; subject: BookingSubject } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * What a booking link says, checked against `now`. A signed email link past its date is
 * `expired`, so the page can offer a new one instead of a bare 404; so is an email link of the
 * format used before expiries were signed separately (it named its date inside).
 */
export function checkBookingToken(secret: string, token: string, now: Date): BookingLink {
  if (token.startsWith('l.')) {
    const r = links(secret).lead.read(token);
    return r.ok ? { ok: true, subject: { leadId: r.subject.slice(2) } } : { ok: false, reason: 'invalid' };
  }
  const r = links(secret).email.read(token, now);
  if (!r.ok) return token.startsWith('e.') && token.split('.').length === 3 ? { ok: false, reason: 'expired' } : r;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(r.subject.slice(2), 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string') return { ok: false, reason: 'invalid' };
  const [email, name] = parsed as [string, unknown];
  return { ok: true, subject: { email, name: typeof name === 'string' && name ? name : undefined, expiresAt: r.expiresAt! } };
}

/** The subject of a valid, unexpired booking link, else null. */
export function readBookingToken(secret: string, token: string, now: Date): BookingSubject | null {
  const r = checkBookingToken(secret, token, now);
  return r.ok ? r.subject : null;
}

export function manageToken(secret: string, id: string, sequence: number): string {
  return links(secret).manage.make(id, { version: sequence });
}

export function readManageToken(secret: string, token: string): { id: string; sequence: number } | null {
  const r: ReturnType<SignedLinks['read']> = links(secret).manage.read(token);
  return r.ok ? { id: r.subject, sequence: r.version } : null;
}

export const APPOINTMENT_PATHS = {
  book: (token: string) => `/appuntamento/${token}`,
  manage: (token: string) => `/appuntamento/gestisci/${token}`,
};

/** An absolute link in the person's language. */
export const absolute = absoluteUrl;

/** The booking link a lead's acknowledgement carries. */
export function leadBookingUrl(links_: { baseUrl: string; secret: string }, leadId: string, locale: string): string {
  return absoluteUrl(links_.baseUrl, locale, APPOINTMENT_PATHS.book(bookingToken(links_.secret, { leadId })));
}
