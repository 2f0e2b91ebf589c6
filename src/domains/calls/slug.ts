// Call slugs: lowercase letters, digits and hyphens, unique, derived from the title.
import { like } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { calls } from './tables.ts';

export function slugify(text: string, max = 80): string {
  const s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (s.slice(0, max).replace(/-+$/, '') || 'bando');
}

/** The first free slug among base, base-2, base-3… */
export async function uniqueSlug(q: DbOrTx, base: string, exceptId?: string): Promise<string> {
  const rows = await q.select({ slug: calls.slug, id: calls.id }).from(calls).where(like(calls.slug, `${base}%`));
  const taken = new Set(rows.filter((r) => r.id !== exceptId).map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
