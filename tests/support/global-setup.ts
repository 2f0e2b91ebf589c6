// Prepares one migrated and seeded database template per run, which every test file clones:
// a PGlite data-dir tarball, or (TEST_DB=postgres) a template database on the server the test
// command started (TEST_DATABASE_URL).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { migrateDatabase, openDatabase } from '../../src/db/client.ts';
import { seedReference } from '../../seeds/reference/index.ts';
import { createLogger } from '../../src/platform/logger.ts';

export const TEMPLATE_FILE = join(process.cwd(), '.tmp', 'pglite-template.tar.gz');
export const PG_TEMPLATE_DB = 'approdo_test_template';

export default async function setup() {
  const logger = createLogger('silent');
  if (process.env.TEST_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL (npm test starts a server)');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname like 'approdo_test_%' and pid <> pg_backend_pid()`);
    const old = await admin.query(`select datname from pg_database where datname like 'approdo_test_%'`);
    for (const r of old.rows) await admin.query(`drop database if exists "${r.datname}"`);
    await admin.query(`create database ${PG_TEMPLATE_DB}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${PG_TEMPLATE_DB}`;
    const database = await openDatabase({ databaseUrl: u.toString() });
    await migrateDatabase(database);
    await seedReference(database.db, logger);
    await database.close();
    return;
  }
  const pglite = await PGlite.create();
  const database = await openDatabase({ pglite });
  await migrateDatabase(database);
  await seedReference(database.db, logger);
  const blob = await pglite.dumpDataDir('gzip');
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true });
  writeFileSync(TEMPLATE_FILE, Buffer.from(await blob.arrayBuffer()));
  await pglite.close();
}
