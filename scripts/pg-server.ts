// Starts a throwaway PostgreSQL server from the machine's binaries (temp folder, 127.0.0.1, free port,
// fsync off) for the test suite; run directly (`npx tsx scripts/pg-server.ts`) it prints the URL and
// keeps the server up until Ctrl-C.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PgServer {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  dir: string;
  bindir: string;
  version: string;
  /** Stops the server and removes its folder; safe to call twice. */
  stop(): void;
}

const hasServerBinaries = (dir: string) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(dir, b)));

/** The folder with initdb, pg_ctl and postgres: pg_config's bindir, else the newest /usr/lib/postgresql/<n>/bin. */
export function findPgBinDir(): string {
  const fromEnv = process.env.PG_BINDIR;
  if (fromEnv && hasServerBinaries(fromEnv)) return fromEnv;
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  // pg_config may come from libpq-dev without a server: only trust it if the server binaries are there.
  const configured = pgConfig.status === 0 ? pgConfig.stdout.trim() : '';
  if (configured && hasServerBinaries(configured)) return configured;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => /^\d+(\.\d+)?$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) if (hasServerBinaries(join(base, v, 'bin'))) return join(base, v, 'bin');
  throw new Error(
    'No PostgreSQL server binaries found (initdb, pg_ctl, postgres): looked at `pg_config --bindir` and /usr/lib/postgresql/*/bin. ' +
      'Install them (Debian: apt-get install postgresql) or set PG_BINDIR.',
  );
}

/** initdb refuses to run as root: as root the server runs as the `postgres` system user (or `nobody`). */
function serverUser(): { uid: number; gid: number; name: string } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const r = spawnSync('getent', ['passwd', name], { encoding: 'utf8' });
    const fields = r.status === 0 ? r.stdout.trim().split(':') : [];
    if (fields.length >= 4) return { name, uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  throw new Error('Running as root and no unprivileged user (postgres or nobody) exists to run PostgreSQL.');
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

export async function startPgServer(opts: { log?: (line: string) => void } = {}): Promise<PgServer> {
  const log = opts.log ?? (() => {});
  const bindir = findPgBinDir();
  const user = serverUser();
  // As root, stay out of a private TMPDIR the server user could not enter.
  const dir = mkdtempSync(join(user ? '/tmp' : tmpdir(), 'approdo-pg-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  const childEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TZ: 'UTC' };
  const runOpts: SpawnSyncOptions = { cwd: dir, env: childEnv, encoding: 'utf8', ...(user ? { uid: user.uid, gid: user.gid } : {}) };
  const run = (bin: string, args: string[], timeoutMs = 120_000) => {
    const r = spawnSync(join(bindir, bin), args, { ...runOpts, timeout: timeoutMs });
    if (r.error) throw new Error(`${bin} could not run: ${r.error.message}`);
    return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
  };
  let stopped = false;
  let started = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    // A throwaway cluster: immediate shutdown is safe and does not wait for clients to disconnect.
    if (started) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (user) chownSync(dir, user.uid, user.gid);
    const version = run('postgres', ['--version']).out;
    // Same collation and character type as PGlite, so ordering behaves alike on both engines.
    const init = run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--lc-collate=C', '--no-sync', '--no-instructions']);
    if (!init.ok) throw new Error(`initdb failed:\n${init.out}`);
    const port = await freePort();
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        '',
        '# throwaway test server (scripts/pg-server.ts)',
        "listen_addresses = '127.0.0.1'",
        `port = ${port}`,
        `unix_socket_directories = '${dir}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 300',
        "timezone = 'UTC'",
        '',
      ].join('\n'),
    );
    started = true;
    const start = run('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', 'start']);
    if (!start.ok) {
      const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
      throw new Error(`pg_ctl start failed:\n${start.out}\n${tail}`);
    }
    log(`PostgreSQL ${version.replace(/^.*\) /, '')} on 127.0.0.1:${port} (${dir}${user ? `, as ${user.name}` : ''})`);
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, bindir, version, stop };
  } catch (e) {
    stop();
    throw e;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await startPgServer({ log: (l) => console.log(l) });
  console.log(`TEST_DB=postgres TEST_DATABASE_URL=${server.url}`);
  console.log('Ctrl-C stops the server and removes its folder.');
  const bye = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', bye);
  process.on('SIGTERM', bye);
  setInterval(() => {}, 1 << 30);
}
