// Small helpers every list query shares: ids read from URLs, text searched with LIKE, and pages.
import { sql, type SQL } from 'drizzle-orm';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value taken from a URL or a form is a UUID (anything else is a 404, never a SQL error). */
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID_PATTERN.test(v);

/** Text matched literally inside a LIKE pattern: %, _ and the escape character lose their meaning. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** `%text%`: the text anywhere. */
export const containsPattern = (s: string): string => `%${escapeLike(s)}%`;

/** `text%`: the text at the start. */
export const prefixPattern = (s: string): string => `${escapeLike(s)}%`;

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
}

/** LIMIT and OFFSET of a 1-based page. */
export const pageWindow = (page: number, size: number) => ({ limit: size, offset: (Math.max(1, page) - 1) * size });

/** A page of results with the number of pages (at least one, so "page 1 of 1" reads right when empty). */
export function paged<T>(items: T[], total: number, page: number, size: number): Paged<T> {
  return { items, total, page, pages: Math.max(1, Math.ceil(total / size)) };
}

/** count(*) as a number on both engines (PostgreSQL returns int8 as a string). */
export const countAll = (): SQL<number> => sql<number>`count(*)::int`;
