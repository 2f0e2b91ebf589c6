// Password rules shared by sign-up by an admin, the CLI and the reset form, and the hashing that
// better-auth verifies at sign-in (so a password set here always works on /accedi).
import { randomInt } from 'node:crypto';
import type { Auth } from '../../platform/auth/index.ts';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

// No look-alike characters (0/O, 1/l/I): a generated password is often read off a screen.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 4 groups of 5 characters from a 55-letter alphabet: about 115 bits. */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = '';
    for (let i = 0; i < 5; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

/** The i18n key of what is wrong with a password, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return 'accounts.password.too_short';
  if (password.length > PASSWORD_MAX) return 'accounts.password.too_long';
  return null;
}

export async function hashPassword(auth: Auth, password: string): Promise<string> {
  const ctx = await auth.$context;
  return ctx.password.hash(password);
}
