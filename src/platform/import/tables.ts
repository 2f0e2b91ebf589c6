// The staging table of the import pipeline: a previewed file whose rows are all valid waits here,
// server-side, for its owner to confirm it (a day at most), so personal data never travels in forms.
import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz } from '../../db/columns.ts';

export const importBatches = pgTable(
  'import_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Which import this is (`calls`, `ranked_list`): a batch is only ever confirmed by its own kind. */
    kind: text('kind').notNull(),
    /** What the rows go into, when the import has a target (the ranked list's id). */
    scopeId: text('scope_id'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    filename: text('filename').notNull(),
    /** pending (every row valid, awaiting confirmation) or done (imported). */
    status: text('status').$type<'pending' | 'done'>().notNull(),
    rowCount: integer('row_count').notNull(),
    rows: jsonb('rows').$type<unknown[]>().notNull(),
    importedAt: tstz('imported_at'),
  },
  (t) => [index('import_batches_created_idx').on(t.createdAt)],
);
