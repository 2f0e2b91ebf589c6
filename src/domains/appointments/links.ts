// Signed links for people without an account: the booking link (for a lead, or for an email the
// team typed) and the personal link to move or cancel one appointment (dies when it is moved).
import { sign, safeEqual } from '../../platform/http/signing.ts';

const mac = (secret: string, purpose: string, value: string) => sign(secret, `appointments:${purpose}:${value}`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type BookingSubject = { leadId: string } | { email: string; name?: string };

export function bookingToken(secret: string, subject: BookingSubject): string {
  const payload = 'leadId' in subject ? `l.${subject.leadId}` : `e.${Buffer.from(JSON.stringify([subject.email, subject.name ?? ''])).toString('base64url')}`;
  return `${payload}.${mac(secret, 'book', payload)}`;
}

export function readBookingToken(secret: string, token: string): BookingSubject | null {
  const m = /^([le])\.([\w-]{1,600})\.([\w-]{43})$/.exec(token);
  if (!m) return null;
  const payload = `${m[1]}.${m[2]}`;
  if (!safeEqual(mac(secret, 'book', payload), m[3]!)) return null;
  if (m[1] === 'l') return UUID.test(m[2]!) ? { leadId: m[2]! } : null;
  try {
    const [email, name] = JSON.parse(Buffer.from(m[2]!, 'base64url').toString('utf8')) as [string, string];
    return { email, name: name || undefined };
  } catch {
    return null;
  }
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

