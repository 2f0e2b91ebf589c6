// One format of signed link for every capability; links mailed before it existed keep working.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { absoluteUrl, signedLinks, UUID_SUBJECT } from './index.ts';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const ID = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const oldMac = (value: string) => createHmac('sha256', SECRET).update(value).digest('base64url');

describe('signed links', () => {
  it('read back what they name; another purpose, a changed character or another secret is invalid', () => {
    const prefs = signedLinks(SECRET, { purpose: 'alerts:prefs', versioned: true, subject: UUID_SUBJECT });
    const token = prefs.make(ID, { version: 3 });
    expect(prefs.read(token)).toEqual({ ok: true, subject: ID, version: 3, expiresAt: null });
    expect(signedLinks(SECRET, { purpose: 'alerts:unsub', versioned: true }).read(token)).toEqual({ ok: false, reason: 'invalid' });
    expect(prefs.read(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toEqual({ ok: false, reason: 'invalid' });
    expect(signedLinks('another-secret-another-secret-another', { purpose: 'alerts:prefs', versioned: true }).read(token).ok).toBe(false);
    expect(prefs.read('../../etc/passwd').ok).toBe(false);
    expect(prefs.read('x'.repeat(2000)).ok).toBe(false);
  });

  it('expire at the date they carry, which cannot be changed without breaking the signature', () => {
    const book = signedLinks(SECRET, { purpose: 'appointments:book-email', expires: true });
    const at = new Date('2026-12-31T10:00:00Z');
    const token = book.make('e.abc', { expiresAt: at });
    expect(book.read(token, new Date('2026-12-30T10:00:00Z'))).toMatchObject({ ok: true, subject: 'e.abc', expiresAt: at });
    expect(book.read(token, new Date('2027-01-01T10:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
    const parts = token.split('.');
    parts[parts.length - 2] = Math.floor(new Date('2030-01-01').getTime() / 1000).toString(36);
    expect(book.read(parts.join('.'), new Date('2027-01-01T10:00:00Z'))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('keep the format of the links mailed before (subscriber, click, booking, cancel links)', () => {
    // As alerts/links.ts, appointments/links.ts and meetings/mails.ts wrote them.
    expect(signedLinks(SECRET, { purpose: 'alerts:prefs', versioned: true }).make(ID, { version: 2 })).toBe(`${ID}.2.${oldMac(`alerts:prefs:${ID}:2`)}`);
    expect(signedLinks(SECRET, { purpose: 'alerts:click', macLength: 22 }).make(ID)).toBe(`${ID}.${oldMac(`alerts:click:${ID}`).slice(0, 22)}`);
    expect(signedLinks(SECRET, { purpose: 'appointments:book' }).make(`l.${ID}`)).toBe(`l.${ID}.${oldMac(`appointments:book:l.${ID}`)}`);
    expect(signedLinks(SECRET, { purpose: 'meetings:cancel', macLength: 32 }).make(ID)).toBe(`${ID}.${oldMac(`meetings:cancel:${ID}`).slice(0, 32)}`);
  });

  it('absolute links carry the language', () => {
    expect(absoluteUrl('https://x.example/', 'en', '/avvisi')).toBe('https://x.example/en/avvisi');
    expect(absoluteUrl('https://x.example', 'it', '/avvisi')).toBe('https://x.example/avvisi');
  });
});
