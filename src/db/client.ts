// One factory for both engines: embedded PGlite (a folder) by default, node-postgres when DATABASE_URL is set.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
// Both drivers expose the same pg-core query builder; we type against the PGlite flavour.
export type Db = ReturnType<typeof drizzlePglite<Schema>>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  pglite?: PGlite;
  pool?: pg.Pool;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

// int8 and numeric come back as strings from node-postgres; counts are numbers everywhere else.
pg.types.setTypeParser(20, (v) => Number(v));

export class DataDirLockedError extends Error {
  constructor(public readonly dataDir: string, public readonly pid: number) {
    super(
      `Another Approdo process (pid ${pid}) is already using ${dataDir}. ` +
        'The embedded database allows a single process: stop the other one, choose another DATA_DIR, ' +
        'or set DATABASE_URL to run several processes on PostgreSQL.',
    );
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the exclusive lock on an embedded data folder; returns its release function. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'approdo.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (pid && pid !== process.pid && pidAlive(pid)) throw new DataDirLockedError(dataDir, pid);
      // A stale lock left by a crashed process: take it over.
      unlinkSync(file);
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** An already-open PGlite (tests clone a migrated template). */
  pglite?: PGlite;
  poolMax?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolMax ?? 10 });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: 'postgres', pool, close: () => pool.end() };
  }
  let release: (() => void) | undefined;
  let pglite = opts.pglite;
  if (!pglite) {
    if (!opts.dataDir) throw new Error('dataDir or databaseUrl is required');
    release = lockDataDir(opts.dataDir);
    const dir = join(opts.dataDir, 'pgdata');
    try {
      pglite = await PGlite.create(dir, { relaxedDurability: false });
    } catch (e) {
      release();
      throw e;
    }
  }
  const db = drizzlePglite(pglite, { schema });
  const instance = pglite;
  return {
    db,
    kind: 'pglite',
    pglite: instance,
    close: async () => {
      if (!instance.closed) await instance.close();
      release?.();
    },
  };
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    await migratePg(database.db as unknown as ReturnType<typeof drizzlePg>, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

export function dataDirExists(dataDir: string): boolean {
  return existsSync(join(dataDir, 'pgdata'));
}
