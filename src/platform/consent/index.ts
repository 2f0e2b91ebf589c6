// Consent of people without an account: the privacy notice version in force, the UTM of the visit
// a form was sent from, and the record of each consent given.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { consentRecords, type ConsentPurpose } from './tables.ts';

export { consentRecords, CONSENT_PURPOSES, type ConsentPurpose } from './tables.ts';

/**
 * The privacy notice shown at /privacy (text in src/locales/<lang>/privacy.json). Change the text →
 * bump the version: consents record the version the person saw.
 */
export const PRIVACY_NOTICE_VERSION = '2026-11.2';

export const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term'] as const;

/** The UTM parameters of a visit, cleaned (short printable values only), or null when none. */
export function pickUtm(get: (key: string) => string | undefined | null): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const k of UTM_KEYS) {
    const v = get(k);
    if (typeof v === 'string' && v.trim() && v.length <= 100 && /^[\p{L}\p{N} ._\-+/:]+$/u.test(v)) out[k] = v.trim();
  }
  return Object.keys(out).length ? out : null;
}

/** Where a public form was sent from: a short code, never free text. */
export function cleanSource(v: unknown): string | null {
  return typeof v === 'string' && /^[a-z0-9][a-z0-9_:-]{0,79}$/.test(v) ? v : null;
}

/** The honeypot input of public forms: hidden from people, filled in by naive bots. */
export const HONEYPOT_FIELD = 'website';

/**
 * Whether a public form's body comes from a bot (its honeypot is filled in). The route then
 * answers as if all went well and stores nothing, so the bot learns nothing.
 */
export function isBot(body: Record<string, unknown>): boolean {
  const v = body[HONEYPOT_FIELD];
  return Array.isArray(v) ? v.some((x) => typeof x === 'string' && x.trim() !== '') : typeof v === 'string' && v.trim() !== '';
}

export interface ConsentInput {
  subjectType: 'alert_subscriber' | 'lead' | 'meeting_registration';
  subjectId: string;
  purpose: ConsentPurpose;
  event: string;
  givenAt: Date;
  locale: string;
  noticeVersion?: string;
  source?: string | null;
  utm?: Record<string, string> | null;
}

export async function recordConsent(db: DbOrTx, input: ConsentInput): Promise<void> {
  await db.insert(consentRecords).values({
    ...input,
    noticeVersion: input.noticeVersion ?? PRIVACY_NOTICE_VERSION,
    source: input.source ?? null,
    utm: input.utm ?? null,
  });
}

export async function consentHistory(db: DbOrTx, subjectType: string, subjectId: string) {
  return db
    .select()
    .from(consentRecords)
    .where(and(eq(consentRecords.subjectType, subjectType), eq(consentRecords.subjectId, subjectId)))
    .orderBy(consentRecords.givenAt);
}

/** The consent records of several subjects of one kind (a person's data export). */
export async function consentsOf(db: DbOrTx, subjectType: string, subjectIds: string[]) {
  if (!subjectIds.length) return [];
  return db
    .select()
    .from(consentRecords)
    .where(and(eq(consentRecords.subjectType, subjectType), inArray(consentRecords.subjectId, subjectIds)))
    .orderBy(consentRecords.givenAt);
}

/** Erases the consent records of one or more subjects of one kind; returns how many went. */
export async function eraseConsents(db: DbOrTx, subjectType: string, subjectIds: string | string[]): Promise<number> {
  const ids = typeof subjectIds === 'string' ? [subjectIds] : subjectIds;
  if (!ids.length) return 0;
  const gone = await db
    .delete(consentRecords)
    .where(and(eq(consentRecords.subjectType, subjectType), inArray(consentRecords.subjectId, ids)))
    .returning({ id: consentRecords.id });
  return gone.length;
}
