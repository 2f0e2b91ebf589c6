// The confirmation step shared by every import: a preview whose rows are all valid is staged
// server-side for its author, and confirming applies every row in one transaction or none, once.
import { and, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { DomainDeps } from '../domain-deps.ts';
import type { Actor } from '../authz/index.ts';
import { err, notFound, ok, type DomainError, type Result } from '../result.ts';
import { importBatches } from './tables.ts';
import { isUuid } from '../query.ts';

/** A preview can be confirmed within this time. */
export const IMPORT_TTL_MS = 24 * 60 * 60 * 1000;

export interface StagedBatch<R> {
  id: string;
  kind: string;
  scopeId: string | null;
  filename: string;
  status: 'pending' | 'done';
  createdAt: Date;
  rows: R[];
}

type Row = typeof importBatches.$inferSelect;
const toBatch = <R>(b: Row): StagedBatch<R> => ({
  id: b.id,
  kind: b.kind,
  scopeId: b.scopeId,
  filename: b.filename,
  status: b.status === 'done' ? 'done' : 'pending',
  createdAt: b.createdAt,
  rows: b.rows as R[],
});

/**
 * Drops batches older than the confirmation window. Staged rows can hold personal data (a ranked
 * list's emails and phones), so they are purged by an hourly job too, not only when someone imports.
 */
export async function purgeImports(deps: Pick<DomainDeps, 'db' | 'now'>): Promise<number> {
  const gone = await deps.db.delete(importBatches).where(lt(importBatches.createdAt, new Date(deps.now().getTime() - IMPORT_TTL_MS))).returning({ id: importBatches.id });
  return gone.length;
}

/** Stores the valid rows of a preview; returns the id the confirmation names. */
export async function stageRows<R>(deps: Pick<DomainDeps, 'db' | 'now'>, actor: Actor, batch: { kind: string; scopeId?: string | null; filename: string; rows: R[] }): Promise<string> {
  const now = deps.now();
  await purgeImports(deps);
  const [row] = await deps.db
    .insert(importBatches)
    .values({ kind: batch.kind, scopeId: batch.scopeId ?? null, createdBy: actor.id, createdAt: now, filename: batch.filename, status: 'pending', rowCount: batch.rows.length, rows: batch.rows })
    .returning({ id: importBatches.id });
  return row!.id;
}

async function find(q: DbOrTx, actor: Actor, kind: string, id: string, scopeId: string | null, lock: boolean): Promise<Row | null> {
  if (!isUuid(id)) return null;
  const where = and(eq(importBatches.id, id), eq(importBatches.kind, kind));
  const [b] = lock ? await q.select().from(importBatches).where(where).for('update') : await q.select().from(importBatches).where(where);
  // Someone else's batch, or one staged for another target, does not exist for this actor.
  if (!b || b.createdBy !== actor.id || (scopeId !== null && b.scopeId !== scopeId)) return null;
  return b;
}

/** A staged batch of this actor, to show its preview again before confirming. */
export async function getStaged<R>(deps: Pick<DomainDeps, 'db'>, actor: Actor, kind: string, id: string, scopeId: string | null = null): Promise<StagedBatch<R> | null> {
  const b = await find(deps.db, actor, kind, id, scopeId, false);
  return b ? toBatch<R>(b) : null;
}

class Rollback<E> extends Error {
  constructor(readonly error: E) {
    super('import rolled back');
  }
}

/**
 * Applies a staged batch: `apply` writes every row in the transaction; when it returns an error
 * everything it wrote is rolled back and the batch stays pending, to retry.
 */
export async function confirmStaged<R, V, E>(
  deps: Pick<DomainDeps, 'db' | 'now'>,
  actor: Actor,
  target: { kind: string; id: string; scopeId?: string | null },
  apply: (tx: DbOrTx, batch: StagedBatch<R>, now: Date) => Promise<Result<V, E>>,
): Promise<Result<V, E | DomainError>> {
  try {
    return await deps.db.transaction(async (tx): Promise<Result<V, E | DomainError>> => {
      const b = await find(tx, actor, target.kind, target.id, target.scopeId ?? null, true);
      if (!b) return notFound();
      if (b.status !== 'pending') return err({ code: 'invalid_state', message: 'import.errors.already_imported' });
      const now = deps.now();
      if (b.createdAt.getTime() < now.getTime() - IMPORT_TTL_MS) return err({ code: 'invalid_state', message: 'import.errors.expired' });
      const r = await apply(tx, toBatch<R>(b), now);
      // Once applied, the rows live in their own tables: the batch keeps only its count and name.
      if (!r.ok) throw new Rollback(r.error);
      const [done] = await tx
        .update(importBatches)
        .set({ status: 'done', importedAt: now, rows: [] })
        .where(and(eq(importBatches.id, b.id), eq(importBatches.status, 'pending')))
        .returning({ id: importBatches.id });
      if (!done) throw new Rollback<DomainError>({ code: 'invalid_state', message: 'import.errors.already_imported' });
      return ok(r.value);
    });
  } catch (e) {
    if (e instanceof Rollback) return err(e.error as E | DomainError);
    throw e;
  }
}
