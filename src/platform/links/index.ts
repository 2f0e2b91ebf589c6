// Signed links for people without an account (a subscriber's preferences, a booking link, a
// registration's cancel link): one format for every capability. A link names its purpose, a
// subject (usually a record id), optionally a version (bumping it kills every link sent before) and
// an expiry; an HMAC over all of them makes it unforgeable. Format, read from the right:
//   <subject>[.<version>][.<expiry, base-36 seconds>].<mac>
// (the format of the links mailed before this module existed, so those keep working).
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface LinkKind {
  /** Namespaced, e.g. `alerts:prefs`; part of the signed text, so a link of one kind is no good for another. */
  purpose: string;
  /** The link carries a version number. */
  versioned?: boolean;
  /** The link carries its expiry; `make` then needs `expiresAt`. */
  expires?: boolean;
  /** Characters of the MAC kept (43 = all of SHA-256 in base64url). */
  macLength?: number;
  /** What a valid subject looks like (checked before the MAC is computed). */
  subject?: RegExp;
}

export type LinkReading = { ok: true; subject: string; version: number; expiresAt: Date | null } | { ok: false; reason: 'invalid' | 'expired' };

export const UUID_SUBJECT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SUBJECT_CHARS = /^[\w.-]{1,800}$/;

function mac(secret: string, kind: LinkKind, fields: string[]): string {
  const full = createHmac('sha256', secret).update(`${kind.purpose}:${fields.join(':')}`).digest('base64url');
  return full.slice(0, kind.macLength ?? 43);
}

function equal(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

export interface SignedLinks {
  make(subject: string, opts?: { version?: number; expiresAt?: Date }): string;
  read(token: string, now?: Date): LinkReading;
}

/** The maker and reader of one kind of link, bound to the application's secret. */
export function signedLinks(secret: string, kind: LinkKind): SignedLinks {
  return {
    make(subject, opts = {}) {
      if (!SUBJECT_CHARS.test(subject) || (kind.subject && !kind.subject.test(subject))) throw new Error(`${kind.purpose}: bad link subject`);
      const fields = [subject];
      if (kind.versioned) fields.push(String(opts.version ?? 0));
      if (kind.expires) {
        if (!opts.expiresAt) throw new Error(`${kind.purpose}: links of this kind need an expiry`);
        fields.push(Math.floor(opts.expiresAt.getTime() / 1000).toString(36));
      }
      return `${fields.join('.')}.${mac(secret, kind, fields)}`;
    },
    read(token, now = new Date()) {
      if (typeof token !== 'string' || token.length > 1000 || !SUBJECT_CHARS.test(token)) return { ok: false, reason: 'invalid' };
      const parts = token.split('.');
      const tail = 1 + (kind.versioned ? 1 : 0) + (kind.expires ? 1 : 0);
      if (parts.length < tail + 1) return { ok: false, reason: 'invalid' };
      const given = parts.pop()!;
      const exp = kind.expires ? parts.pop()! : null;
      const version = kind.versioned ? parts.pop()! : '0';
      const subject = parts.join('.');
      if (kind.versioned && !/^\d{1,6}$/.test(version)) return { ok: false, reason: 'invalid' };
      if (exp !== null && !/^[0-9a-z]{1,10}$/.test(exp)) return { ok: false, reason: 'invalid' };
      if (kind.subject && !kind.subject.test(subject)) return { ok: false, reason: 'invalid' };
      const fields = [subject, ...(kind.versioned ? [version] : []), ...(exp !== null ? [exp] : [])];
      if (!equal(mac(secret, kind, fields), given)) return { ok: false, reason: 'invalid' };
      const expiresAt = exp !== null ? new Date(parseInt(exp, 36) * 1000) : null;
      if (expiresAt && expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
      return { ok: true, subject, version: Number(version), expiresAt };
    },
  };
}

/** An absolute link in the person's language (`/en` before the path for English). */
export function absoluteUrl(baseUrl: string, locale: string, path: string): string {
  return `${baseUrl.replace(/\/$/, '')}${locale === 'en' ? '/en' : ''}${path}`;
}
