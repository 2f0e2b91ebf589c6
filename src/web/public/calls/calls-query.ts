// The /bandi query string: each parameter validated on its own (a bad one is ignored, never a
// 500), and written back in one canonical order, which is also the page's render-cache key.
import { z } from 'zod';
import { CALL_TYPES, type CallType } from '../../../domains/calls/index.ts';

export const MAX_Q = 200;
export const SORTS = ['deadline', 'recent', 'relevance'] as const;
export type Sort = (typeof SORTS)[number];

export interface CallQuery {
  q?: string;
  profession?: string;
  discipline?: number;
  /** Province abbreviation, upper case ("TN"). */
  province?: string;
  type?: CallType;
  state?: 'open' | 'closed';
  sort?: Sort;
  page?: number;
}

const digits = (max: number) => z.string().regex(/^\d{1,9}$/).transform(Number).pipe(z.number().int().min(1).max(max));

const fields = {
  q: z.string().transform((s) =>
    s
      // PostgreSQL text cannot hold NUL; other control characters mean nothing in a search.
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, MAX_Q)
      .replace(/[\ud800-\udbff]$/, '')
      .trim(),
  ),
  profession: z.string().regex(/^[a-z0-9_]{1,60}$/),
  discipline: digits(2_000_000_000),
  province: z.string().regex(/^[A-Za-z]{2}$/).transform((s) => s.toUpperCase()),
  type: z.enum(CALL_TYPES),
  state: z.enum(['open', 'closed']),
  sort: z.enum(SORTS),
  page: digits(10_000),
} as const;

const ORDER = Object.keys(fields) as (keyof CallQuery)[];

/** Reads the query; values that do not parse are dropped, only the first of repeated values counts. */
export function parseCallQuery(params: URLSearchParams): CallQuery {
  const out: Record<string, unknown> = {};
  for (const name of ORDER) {
    const raw = params.get(name);
    if (raw === null || raw === '') continue;
    const r = fields[name].safeParse(raw);
    if (r.success && r.data !== '') out[name] = r.data;
  }
  return normalise(out as CallQuery);
}

/** Drops what is implied: open calls, the default sort, page 1; relevance needs search words. */
function normalise(s: CallQuery): CallQuery {
  const out: CallQuery = {};
  for (const name of ORDER) if (s[name] !== undefined && s[name] !== '') (out as Record<string, unknown>)[name] = s[name];
  if (out.sort === 'relevance' && !out.q) delete out.sort;
  if (out.sort && out.sort === defaultSort(out)) delete out.sort;
  if (out.state === 'open') delete out.state;
  if (out.page === 1) delete out.page;
  return out;
}

export const defaultSort = (s: CallQuery): Sort => (s.q ? 'relevance' : 'deadline');

/** The query in canonical order without defaults ("" for the plain list). */
export function callQueryString(s: CallQuery): string {
  const p = new URLSearchParams();
  for (const name of ORDER) {
    const v = s[name];
    if (v !== undefined && v !== '') p.set(name, String(v));
  }
  return p.toString();
}

export const canonicalCallQuery = (params: URLSearchParams) => callQueryString(parseCallQuery(params));

/** `/bandi?…` for a query, optionally changed (pagination, profession links). */
export function callsHref(lp: (p: string) => string, s: CallQuery, change: Partial<CallQuery> = {}): string {
  const qs = callQueryString(normalise({ ...s, ...change }));
  return lp('/bandi') + (qs ? `?${qs}` : '');
}
