// A fully wired application on a fresh copy of the prepared test database (PGlite or PostgreSQL).
import { readFileSync, mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config/env.ts';
import { boot, type BootOptions, type Runtime } from '../../src/runtime.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { TEMPLATE_FILE, PG_TEMPLATE_DB } from './global-setup.ts';

export const onPostgres = () => process.env.TEST_DB === 'postgres';

export interface TestRuntimeOptions {
  env?: Record<string, string>;
  now?: () => Date;
  work?: boolean;
  /** Capabilities beyond those in src/ (a throw-away one, to test the manifest mechanism). */
  extra?: BootOptions['extra'];
}

export interface TestRuntime extends Runtime {
  config: Config;
}

async function freshDatabaseUrl(): Promise<string> {
  const base = process.env.TEST_DATABASE_URL!;
  const name = `approdo_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name} template ${PG_TEMPLATE_DB}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function testRuntime(opts: TestRuntimeOptions = {}): Promise<TestRuntime> {
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'approdo-test-')),
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    BASE_URL: 'http://localhost',
    LOG_LEVEL: 'silent',
    ...opts.env,
  };
  let pglite: PGlite | undefined;
  if (onPostgres()) {
    env.DATABASE_URL = await freshDatabaseUrl();
  } else {
    pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(TEMPLATE_FILE)]) });
  }
  const config = loadConfig(env);
  const rt = await boot(config, { work: opts.work ?? true, pglite, prepared: true, now: opts.now, logger: createLogger('silent'), extra: opts.extra });
  return { ...rt, config };
}
