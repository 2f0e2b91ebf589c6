// File storage in a folder (DATA_DIR/files on the embedded default). Each object is an immutable
// blob `<key>~<version>` plus a small JSON pointer `.meta/<key>.json` naming the current blob with
// its type, size and hash. A put writes the blob, then renames a new pointer into place: the rename
// is the one atomic step, so readers — in this process or another — always find a matching pair.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, unlink } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { err, ok, type Result } from '../result.ts';
import type { FileStorage, StorageError, StoredObject } from './index.ts';
import { validateKey, validContentType } from './keys.ts';

export interface FolderStorageOptions {
  /** The storage's own folder, e.g. join(config.dataDir, 'files'); created when missing. */
  dir: string;
}

interface Pointer {
  contentType: string;
  size: number;
  sha256: string;
  storedAt: string;
  /** The blob's file name relative to the root. */
  blob: string;
}

const isPointer = (v: unknown): v is Pointer => {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return typeof p.contentType === 'string' && typeof p.size === 'number' && typeof p.sha256 === 'string' && typeof p.storedAt === 'string' && typeof p.blob === 'string';
};

const isErrno = (e: unknown, ...codes: string[]): boolean => e instanceof Error && codes.includes((e as NodeJS.ErrnoException).code ?? '');

export function createFolderStorage({ dir }: FolderStorageOptions): FileStorage {
  const root = resolve(dir);
  const tmpDir = join(root, '.tmp');
  const metaDir = join(root, '.meta');

  // validateKey already refuses "..", absolute paths and NUL; this is the second wall, on the path.
  const inside = (path: string) => {
    if (!path.startsWith(root + sep)) throw new Error(`storage path escapes its folder: ${path}`);
    return path;
  };
  const pointerPath = (key: string) => inside(join(metaDir, `${key}.json`));
  const blobPath = (blob: string) => inside(join(root, blob));
  const tmpPath = () => join(tmpDir, `${process.pid}-${randomBytes(8).toString('hex')}`);

  // Puts of one key in this process run one after the other, so none leaves an unreferenced blob.
  const queues = new Map<string, Promise<unknown>>();
  function serial<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(() => undefined, () => undefined);
    queues.set(key, settled);
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key);
    });
    return next;
  }

  async function writeFileAtomically(target: string, data: Uint8Array | string) {
    await mkdir(tmpDir, { recursive: true });
    await mkdir(dirname(target), { recursive: true });
    const tmp = tmpPath();
    const fh = await open(tmp, 'wx', 0o640);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  async function readPointer(key: string): Promise<Pointer | null> {
    try {
      const parsed: unknown = JSON.parse(await readFile(pointerPath(key), 'utf8'));
      if (!isPointer(parsed)) throw new Error(`storage pointer of ${key} is not valid`);
      return parsed;
    } catch (e) {
      if (isErrno(e, 'ENOENT', 'ENOTDIR')) return null;
      throw e;
    }
  }

  const infoOf = (key: string, p: Pointer): StoredObject => ({ key, contentType: p.contentType, size: p.size, sha256: p.sha256, storedAt: new Date(p.storedAt) });

  /**
   * Opens the current blob of a key. A put from another process may replace the pointer and remove
   * the old blob between our two reads: then the pointer is read again (a few times at most).
   */
  async function openCurrent(key: string) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const p = await readPointer(key);
      if (!p) return null;
      try {
        return { pointer: p, fh: await open(blobPath(p.blob), 'r') };
      } catch (e) {
        if (!isErrno(e, 'ENOENT')) throw e;
      }
    }
    return null;
  }

  const checked = (key: string): Result<string, StorageError> => validateKey(key);
  const notFound = () => err<StorageError>({ code: 'not_found' });

  return {
    put(key, bytes, { contentType }) {
      const k = checked(key);
      if (!k.ok) return Promise.resolve(k);
      if (!validContentType(contentType)) return Promise.resolve(err({ code: 'invalid_content_type' }));
      return serial(key, async () => {
        const previous = await readPointer(key);
        const version = `${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;
        const pointer: Pointer = {
          contentType,
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          storedAt: new Date().toISOString(),
          blob: `${key}~${version}`,
        };
        await writeFileAtomically(blobPath(pointer.blob), bytes);
        await writeFileAtomically(pointerPath(key), JSON.stringify(pointer));
        // The old blob goes once nothing points at it; if this fails it is only wasted space.
        if (previous && previous.blob !== pointer.blob) await unlink(blobPath(previous.blob)).catch(() => undefined);
        return ok(infoOf(key, pointer));
      });
    },

    async get(key) {
      const k = checked(key);
      if (!k.ok) return k;
      const current = await openCurrent(key);
      if (!current) return notFound();
      try {
        const bytes = await current.fh.readFile();
        return ok({ ...infoOf(key, current.pointer), bytes });
      } finally {
        await current.fh.close();
      }
    },

    async stream(key) {
      const k = checked(key);
      if (!k.ok) return k;
      const current = await openCurrent(key);
      if (!current) return notFound();
      // The blob is open already: a later put or delete that unlinks it does not cut this read short.
      const nodeStream = current.fh.createReadStream({ autoClose: true });
      return ok({ ...infoOf(key, current.pointer), stream: Readable.toWeb(nodeStream) as ReadableStream<Uint8Array> });
    },

    async head(key) {
      const k = checked(key);
      if (!k.ok) return k;
      const p = await readPointer(key);
      return p ? ok(infoOf(key, p)) : notFound();
    },

    async exists(key) {
      return checked(key).ok && (await readPointer(key)) !== null;
    },

    delete(key) {
      const k = checked(key);
      if (!k.ok) return Promise.resolve(k);
      return serial(key, async () => {
        const p = await readPointer(key);
        if (!p) return ok({ deleted: false });
        await unlink(pointerPath(key)).catch((e: unknown) => {
          if (!isErrno(e, 'ENOENT')) throw e;
        });
        await unlink(blobPath(p.blob)).catch(() => undefined);
        return ok({ deleted: true });
      });
    },
  };
}
