// Stored files (attachments, images, generated documents) behind one interface: a folder on disk by
// default, memory for tests, an object store later — callers name files by key and never see paths.
import type { Result } from '../result.ts';

export interface PutOptions {
  /** e.g. "application/pdf", "image/webp"; stored with the bytes and given back by get(). */
  contentType: string;
}

export interface StoredObject {
  key: string;
  contentType: string;
  size: number;
  /** Hex SHA-256 of the bytes: an ETag, and a check that what is read is what was written. */
  sha256: string;
  storedAt: Date;
}

export interface StoredBytes extends StoredObject {
  bytes: Buffer;
}

export interface StoredStream extends StoredObject {
  /** A web stream, which Hono's c.body() and Response take as they are. */
  stream: ReadableStream<Uint8Array>;
}

export type StorageError =
  | { code: 'invalid_key'; reason: string }
  | { code: 'invalid_content_type' }
  | { code: 'not_found' };

export interface FileStorage {
  /** Writes the whole object or nothing: a reader sees the old bytes or the new ones, never a part. */
  put(key: string, bytes: Uint8Array, options: PutOptions): Promise<Result<StoredObject, StorageError>>;
  get(key: string): Promise<Result<StoredBytes, StorageError>>;
  stream(key: string): Promise<Result<StoredStream, StorageError>>;
  head(key: string): Promise<Result<StoredObject, StorageError>>;
  exists(key: string): Promise<boolean>;
  /** deleted: false when there was nothing under the key (deleting twice is not an error). */
  delete(key: string): Promise<Result<{ deleted: boolean }, StorageError>>;
}

export { MAX_KEY_LENGTH, validateKey, validContentType } from './keys.ts';
/**
 * Wiring, done by whoever owns src/runtime.ts and src/config: build one store at boot with
 * `createFileStorage({ dir: join(config.dataDir, 'files') })` and hand it to the domains in `deps`
 * beside the database; tests pass `createMemoryStorage()`. An object-store implementation (S3 and
 * the like) for several machines implements the same FileStorage and is chosen there by config.
 */
export { createFolderStorage as createFileStorage, type FolderStorageOptions } from './folder.ts';
export { createMemoryStorage } from './memory.ts';
