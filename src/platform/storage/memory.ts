// File storage in memory, for tests and demos: the same contract as the folder store, nothing on disk.
import { createHash } from 'node:crypto';
import { err, ok } from '../result.ts';
import type { FileStorage, StoredObject } from './index.ts';
import { validateKey, validContentType } from './keys.ts';

interface Entry {
  info: StoredObject;
  bytes: Buffer;
}

export function createMemoryStorage(): FileStorage {
  const entries = new Map<string, Entry>();
  const lookup = (key: string) => {
    const k = validateKey(key);
    if (!k.ok) return k;
    const entry = entries.get(key);
    return entry ? ok(entry) : err({ code: 'not_found' as const });
  };
  // Copies in and out: a caller that reuses its buffer must not change what is stored.
  const copyOf = (info: StoredObject): StoredObject => ({ ...info, storedAt: new Date(info.storedAt) });

  return {
    async put(key, bytes, { contentType }) {
      const k = validateKey(key);
      if (!k.ok) return k;
      if (!validContentType(contentType)) return err({ code: 'invalid_content_type' });
      const copy = Buffer.from(bytes);
      const info: StoredObject = { key, contentType, size: copy.length, sha256: createHash('sha256').update(copy).digest('hex'), storedAt: new Date() };
      entries.set(key, { info, bytes: copy });
      return ok(copyOf(info));
    },
    async get(key) {
      const e = lookup(key);
      return e.ok ? ok({ ...copyOf(e.value.info), bytes: Buffer.from(e.value.bytes) }) : e;
    },
    async stream(key) {
      const e = lookup(key);
      if (!e.ok) return e;
      const bytes = new Uint8Array(e.value.bytes);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      });
      return ok({ ...copyOf(e.value.info), stream });
    },
    async head(key) {
      const e = lookup(key);
      return e.ok ? ok(copyOf(e.value.info)) : e;
    },
    async exists(key) {
      return validateKey(key).ok && entries.has(key);
    },
    async delete(key) {
      const k = validateKey(key);
      if (!k.ok) return k;
      return ok({ deleted: entries.delete(key) });
    },
  };
}
