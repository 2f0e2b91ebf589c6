// The storage contract, run against the folder and the memory stores alike, then what only the
// folder can get wrong: paths outside its folder, torn writes, leftovers, another process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileStorage, createMemoryStorage, validateKey, type FileStorage } from './index.ts';

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'approdo-storage-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

let n = 0;
const stores: [string, () => FileStorage][] = [
  ['folder', () => createFileStorage({ dir: join(base, `contract-${++n}`) })],
  ['memory', () => createMemoryStorage()],
];

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  return Buffer.concat(chunks);
}

/** Every file under a folder, relative, with "/" separators. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1).split('\\').join('/')).sort();
}

describe.each(stores)('%s storage', (_name, make) => {
  it('gives back the bytes, type, size and hash that were put', async () => {
    const s = make();
    const bytes = Buffer.from('%PDF-1.7 bando di concorso');
    const put = await s.put('calls/42/attachments/bando.pdf', bytes, { contentType: 'application/pdf' });
    if (!put.ok) throw new Error(put.error.code);
    expect(put.value).toMatchObject({ key: 'calls/42/attachments/bando.pdf', contentType: 'application/pdf', size: bytes.length, sha256: sha(bytes) });
    const got = await s.get('calls/42/attachments/bando.pdf');
    if (!got.ok) throw new Error(got.error.code);
    expect(got.value.bytes.equals(bytes)).toBe(true);
    expect(got.value).toMatchObject({ contentType: 'application/pdf', size: bytes.length, sha256: sha(bytes) });
    expect(got.value.storedAt).toBeInstanceOf(Date);
    const streamed = await s.stream('calls/42/attachments/bando.pdf');
    if (!streamed.ok) throw new Error(streamed.error.code);
    expect((await readAll(streamed.value.stream)).equals(bytes)).toBe(true);
    expect(await s.head('calls/42/attachments/bando.pdf')).toMatchObject({ ok: true, value: { size: bytes.length } });
    expect(await s.exists('calls/42/attachments/bando.pdf')).toBe(true);
  });

  it('replaces an object put again under the same key', async () => {
    const s = make();
    await s.put('logo.png', Buffer.from('one'), { contentType: 'image/png' });
    await s.put('logo.png', Buffer.from('second'), { contentType: 'image/webp' });
    expect(await s.get('logo.png')).toMatchObject({ ok: true, value: { contentType: 'image/webp', size: 6 } });
  });

  it('is not changed by a caller reusing its buffer', async () => {
    const s = make();
    const bytes = Buffer.from('abc');
    await s.put('k', bytes, { contentType: 'text/plain; charset=utf-8' });
    bytes.write('xyz');
    const got = await s.get('k');
    expect(got.ok && got.value.bytes.toString()).toBe('abc');
  });

  it('deletes, and deleting again or reading a missing key is not_found / deleted: false', async () => {
    const s = make();
    await s.put('a/b.txt', Buffer.from('x'), { contentType: 'text/plain' });
    expect(await s.delete('a/b.txt')).toEqual({ ok: true, value: { deleted: true } });
    expect(await s.delete('a/b.txt')).toEqual({ ok: true, value: { deleted: false } });
    expect(await s.exists('a/b.txt')).toBe(false);
    expect(await s.get('a/b.txt')).toEqual({ ok: false, error: { code: 'not_found' } });
    expect(await s.stream('a/b.txt')).toEqual({ ok: false, error: { code: 'not_found' } });
    expect(await s.head('a/b.txt')).toEqual({ ok: false, error: { code: 'not_found' } });
  });

  it('keeps "a" and "a/b" apart, and stores empty objects', async () => {
    const s = make();
    await s.put('a', Buffer.from('file a'), { contentType: 'text/plain' });
    await s.put('a/b', Buffer.alloc(0), { contentType: 'application/octet-stream' });
    expect(await s.get('a')).toMatchObject({ ok: true, value: { size: 6 } });
    expect(await s.get('a/b')).toMatchObject({ ok: true, value: { size: 0 } });
  });

  it('refuses bad keys and content types with a value, and touches nothing', async () => {
    const s = make();
    for (const key of ['../secret', 'a/../../etc/passwd', '/etc/passwd', 'C:/x', 'a\\b', 'a\0b', '', 'a//b', 'a/', './a', '.meta/x.json', '.tmp/x', 'A.pdf', 'a b', 'a~1', 'x'.repeat(513)]) {
      expect(await s.put(key, Buffer.from('x'), { contentType: 'text/plain' }), JSON.stringify(key)).toMatchObject({ ok: false, error: { code: 'invalid_key' } });
      expect((await s.get(key)).ok).toBe(false);
      expect(await s.exists(key)).toBe(false);
      expect((await s.delete(key)).ok).toBe(false);
    }
    for (const type of ['', 'pdf', 'text/html\r\nX-Injected: 1', 'a/b; c', 'x'.repeat(300) + '/y']) {
      expect(await s.put('ok.bin', Buffer.from('x'), { contentType: type }), type).toEqual({ ok: false, error: { code: 'invalid_content_type' } });
    }
  });
});

describe('validateKey', () => {
  it('says why a key is refused', () => {
    expect(validateKey('calls/1/a.pdf')).toEqual({ ok: true, value: 'calls/1/a.pdf' });
    expect(validateKey('a/../b')).toEqual({ ok: false, error: { code: 'invalid_key', reason: 'dot_segment' } });
    expect(validateKey('/a')).toEqual({ ok: false, error: { code: 'invalid_key', reason: 'absolute' } });
    expect(validateKey('a\0')).toEqual({ ok: false, error: { code: 'invalid_key', reason: 'nul' } });
  });
});

describe('folder storage on disk', () => {
  it('keeps objects across instances (a restart) and writes only inside its folder', async () => {
    const dir = join(base, 'restart');
    await createFileStorage({ dir }).put('docs/report.pdf', Buffer.from('pdf bytes'), { contentType: 'application/pdf' });
    const again = await createFileStorage({ dir }).get('docs/report.pdf');
    expect(again.ok && again.value.bytes.toString()).toBe('pdf bytes');
    const files = await filesUnder(dir);
    expect(files).toHaveLength(2);
    expect(files[0]).toBe('.meta/docs/report.pdf.json');
    expect(files[1]).toMatch(/^docs\/report\.pdf~[0-9a-z]+$/);
    expect(await filesUnder(base).then((all) => all.filter((f) => !f.startsWith('restart/') && !f.startsWith('contract-')))).toEqual([]);
  });

  it('after many concurrent writes of one key holds one complete object, and no leftovers', async () => {
    const dir = join(base, 'concurrent');
    const s = createFileStorage({ dir });
    // Different sizes, so a torn write (one's type or size with another's bytes) would show.
    const versions = Array.from({ length: 20 }, (_, i) => Buffer.alloc(1000 + i * 5000, String.fromCharCode(97 + i)));
    const puts = await Promise.all(versions.map((v, i) => s.put('shared/key.bin', v, { contentType: `application/x-v${i}` })));
    expect(puts.every((p) => p.ok)).toBe(true);
    const got = await s.get('shared/key.bin');
    if (!got.ok) throw new Error(got.error.code);
    const i = versions.findIndex((v) => v.equals(got.value.bytes));
    expect(i).toBeGreaterThanOrEqual(0);
    expect(got.value).toMatchObject({ contentType: `application/x-v${i}`, size: versions[i]!.length, sha256: sha(versions[i]!) });
    // One blob and its pointer; no temporary files, no blobs of the versions replaced.
    expect(await filesUnder(dir)).toEqual(['.meta/shared/key.bin.json', expect.stringMatching(/^shared\/key\.bin~/)]);
  });

  it('stays consistent when two processes write the same key (two stores on one folder)', async () => {
    const dir = join(base, 'two-processes');
    const [a, b] = [createFileStorage({ dir }), createFileStorage({ dir })];
    const versions = Array.from({ length: 12 }, (_, i) => Buffer.alloc(2000 + i * 3000, String.fromCharCode(65 + i)));
    await Promise.all(versions.map((v, i) => (i % 2 ? a : b).put('k.bin', v, { contentType: `application/x-v${i}` })));
    for (const s of [a, b]) {
      const got = await s.get('k.bin');
      if (!got.ok) throw new Error(got.error.code);
      const i = versions.findIndex((v) => v.equals(got.value.bytes));
      expect(got.value).toMatchObject({ contentType: `application/x-v${i}`, sha256: sha(got.value.bytes) });
    }
    expect((await filesUnder(dir)).filter((f) => f.startsWith('.tmp/'))).toEqual([]);
  });

  it('a stream opened before a delete still reads the whole object', async () => {
    const s = createFileStorage({ dir: join(base, 'stream-delete') });
    const bytes = Buffer.alloc(3_000_000, 'z');
    await s.put('big.bin', bytes, { contentType: 'application/octet-stream' });
    const st = await s.stream('big.bin');
    if (!st.ok) throw new Error(st.error.code);
    await s.delete('big.bin');
    expect((await readAll(st.value.stream)).equals(bytes)).toBe(true);
  });
});
