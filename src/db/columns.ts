// Column helpers shared by every table: ids, timestamps with time zone.
import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { getTableColumns, sql, type Column, type SQL, type Table } from 'drizzle-orm';

export const id = () => uuid('id').primaryKey().defaultRandom();
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => tstz('created_at').notNull().defaultNow();
export const updatedAt = () => tstz('updated_at').notNull().defaultNow();

/**
 * The SET of an upsert that takes the listed columns from the incoming row:
 * `.onConflictDoUpdate({ target, set: excluded(table, ['name', 'area']) })`.
 */
export function excluded<T extends Table>(table: T, keys: (keyof T['_']['columns'] & string)[]): Record<string, SQL> {
  const columns = getTableColumns(table) as Record<string, Column>;
  return Object.fromEntries(keys.map((k) => [k, sql.raw(`excluded."${columns[k].name}"`)]));
}
