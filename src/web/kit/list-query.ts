// Reading a back-office list's query string: a known value passes, anything else is dropped (the
// list shows everything rather than an error page), and the same values build the list's links.
import type { Ctx } from '../context.ts';

/** Turns one query parameter into a trusted value, or undefined when it is missing or unknown. */
export type ParamReader<T extends string = string> = (v: string | undefined) => T | undefined;

/** The value when it is one of `allowed`. */
export const oneOf =
  <T extends string>(allowed: readonly T[]): ParamReader<T> =>
  (v) =>
    v && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;

/** Free text: trimmed and cut to 200 characters; nothing typed is no filter. */
export const searchText: ParamReader = (v) => (v ?? '').trim().slice(0, 200) || undefined;

/** An assignee filter: `mine`, `unassigned` or a user id. */
export const assigneeValue: ParamReader = (v) => (v && /^[\w-]{1,100}$/.test(v) ? v : undefined);

/** A value no longer than `max` characters (for values chosen from a list the page shows). */
export const upTo =
  (max: number): ParamReader =>
  (v) =>
    v && v.length <= max ? v : undefined;

/** Reads the named query parameters, each through its reader. */
export function readQuery<S extends Record<string, ParamReader>>(c: Ctx, spec: S): { [K in keyof S]: ReturnType<S[K]> } {
  const out: Record<string, string | undefined> = {};
  for (const [name, read] of Object.entries(spec)) out[name] = read(c.req.query(name));
  return out as { [K in keyof S]: ReturnType<S[K]> };
}

/** `?a=1&b=2` from the set values (empty ones left out); '' when none is set. */
export function queryString(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A list's address in the visitor's language with the given filters. */
export const listHref = (c: Ctx, path: string, params: Record<string, string | undefined>): string => c.var.lp(path) + queryString(params);
