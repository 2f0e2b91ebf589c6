// Render cache for anonymous public pages: key = locale + URL; entries carry tags (e.g. "calls")
// and are dropped when data behind the tag changes, or when they reach their expiry (a call
// opening or closing on the clock changes pages without any write).
import { createHash } from 'node:crypto';

export interface CachedPage {
  /** The page as sent: bytes are kept encoded so a hit does no UTF-8 encoding. */
  body: string | Uint8Array<ArrayBuffer>;
  etag: string;
  contentType: string;
  lastModified: string;
  expiresAt: number;
  tags: string[];
  status: number;
}

export class RenderCache {
  private pages = new Map<string, CachedPage>();
  private generation = 0;
  constructor(private readonly maxEntries = 5000, private readonly now: () => number = Date.now) {}

  get(key: string): CachedPage | undefined {
    const p = this.pages.get(key);
    if (!p) return undefined;
    if (p.expiresAt <= this.now()) {
      this.pages.delete(key);
      return undefined;
    }
    return p;
  }

  /** The generation lets a render that started before an invalidation skip storing stale output. */
  currentGeneration(): number {
    return this.generation;
  }

  set(key: string, page: Omit<CachedPage, 'etag' | 'lastModified'>, generation: number): CachedPage {
    const full: CachedPage = {
      ...page,
      etag: `W/"${createHash('sha1').update(page.body).digest('base64url').slice(0, 22)}"`,
      lastModified: new Date(this.now()).toUTCString(),
    };
    if (generation !== this.generation) return full;
    if (this.pages.size >= this.maxEntries) this.pages.delete(this.pages.keys().next().value!);
    this.pages.set(key, full);
    return full;
  }

  invalidate(tag?: string): void {
    this.generation++;
    if (!tag) return this.pages.clear();
    for (const [k, p] of this.pages) if (p.tags.includes(tag)) this.pages.delete(k);
  }

  get size(): number {
    return this.pages.size;
  }
}
