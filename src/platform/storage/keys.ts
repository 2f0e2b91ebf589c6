// Storage keys and content types as the stores accept them: checked once here, before any path is built.
import { err, ok, type Result } from '../result.ts';
import type { StorageError } from './index.ts';

export const MAX_KEY_LENGTH = 512;

// Lower case only: on macOS and Windows "Bando.pdf" and "bando.pdf" would be one file. A segment
// never starts with "." (no "..", no hidden files, room for the store's own .meta and .tmp folders)
// and never holds "~" (the folder store names versions key~version).
const SEGMENT = /^[a-z0-9_-][a-z0-9._-]*$/;

/**
 * A key is a relative, "/"-separated path of lower-case segments: "calls/42/attachments/3f2a.pdf".
 * Keys are made by code (with ids), not taken from file names that people upload.
 */
export function validateKey(key: string): Result<string, StorageError> {
  const invalid = (reason: string) => err<StorageError>({ code: 'invalid_key', reason });
  if (typeof key !== 'string' || key.length === 0) return invalid('empty');
  if (key.length > MAX_KEY_LENGTH) return invalid('too_long');
  if (key.includes('\0')) return invalid('nul');
  if (key.includes('\\')) return invalid('backslash');
  if (key.startsWith('/') || /^[a-z]:/i.test(key)) return invalid('absolute');
  for (const segment of key.split('/')) {
    if (segment === '') return invalid('empty_segment');
    if (segment === '.' || segment === '..') return invalid('dot_segment');
    if (!SEGMENT.test(segment)) return invalid('characters');
  }
  return ok(key);
}

const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;\s*[a-z0-9_-]+=[a-z0-9_.-]+)*$/i;

export function validContentType(type: string): boolean {
  return type.length <= 255 && CONTENT_TYPE.test(type);
}
