import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { ConfigError, loadConfig } from '../src/config/env.ts';
import { DataDirLockedError, lockDataDir } from '../src/db/client.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'approdo-cfg-'));

describe('configuration', () => {
  it('applies defaults and generates a session secret kept in DATA_DIR', () => {
    const dir = tmp();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.port).toBe(3000);
    expect(c.baseUrl).toBe('http://localhost:3000');
    expect(c.sessionSecret).toHaveLength(64);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8').trim()).toBe(c.sessionSecret);
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(c.sessionSecret);
    expect(c.secureCookies).toBe(false);
    expect(loadConfig({ DATA_DIR: dir, BASE_URL: 'https://lavoro.asl.example.it/' }).secureCookies).toBe(true);
  });

  it('lists every problem with a clear message', () => {
    try {
      loadConfig({ PORT: 'abc', BASE_URL: 'ftp://x', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SESSION_SECRET: 'short' });
      throw new Error('expected ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as ConfigError).message;
      for (const k of ['PORT', 'BASE_URL', 'DATABASE_URL', 'LOG_LEVEL', 'SESSION_SECRET']) expect(msg).toContain(k);
    }
  });

  it('requires SESSION_SECRET on PostgreSQL, where several processes must share it', () => {
    expect(() => loadConfig({ DATA_DIR: tmp(), DATABASE_URL: 'postgres://localhost/x' })).toThrow(/SESSION_SECRET/);
  });
});

describe('the embedded data folder lock', () => {
  it('refuses a second process while the first lives, and takes over a stale lock', async () => {
    const dir = tmp();
    // A live process that is not us holds the lock.
    const sleeper = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dir, 'approdo.lock'), String(sleeper.pid));
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(/Another Approdo process \(pid \d+\) is already using/);
    } finally {
      sleeper.kill();
    }
    await new Promise((r) => sleeper.once('exit', r));
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'approdo.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });
});

describe('the worker process', () => {
  it('refuses to start on the embedded default, where the web process runs the jobs', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/worker.ts'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: tmp(), LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('set DATABASE_URL');
  });
});
