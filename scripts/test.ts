// `npm test`: the whole quality gate in order — types, dependency lint, vitest on PGlite, the same
// suite on a throwaway PostgreSQL server, browser journeys, Nu HTML checker — stopping at the first
// failure with a non-zero exit code, and ending with "N passed, M failed".
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatViolation, lintDependencies } from './lint-deps.ts';
import { startPgServer, type PgServer } from './pg-server.ts';
import { formatVnuError, javaVersion, runVnu } from './vnu.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, '.tmp', 'test-results');
const VNU_DIR = join(ROOT, '.tmp', 'vnu');

class StepFailure extends Error {}

let passed = 0;
let failed = 0;
const timings: string[] = [];
let pgServer: PgServer | undefined;

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const banner = (s: string) => console.log(`\n━━━ ${s} ${'━'.repeat(Math.max(3, 70 - s.length))}`);

/** Runs a command with this process's Node (the project's Node 24), output shown as it comes. */
function exec(args: string[], env: Record<string, string | undefined> = {}): Promise<number> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    child.once('error', fail);
    child.once('exit', (code, signal) => ok(code ?? (signal ? 128 : 1)));
  });
}

async function step(name: string, fn: () => Promise<void>) {
  banner(name);
  const started = Date.now();
  try {
    await fn();
  } finally {
    timings.push(`${name}: ${secs(Date.now() - started)}`);
  }
  console.log(`✔ ${name} (${secs(Date.now() - started)})`);
}

async function vitest(name: string, extraArgs: string[], env: Record<string, string | undefined>) {
  mkdirSync(RESULTS, { recursive: true });
  const out = join(RESULTS, `${name}.json`);
  rmSync(out, { force: true });
  const code = await exec(
    [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...extraArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    env,
  );
  interface FileResult {
    name: string;
    status: string;
    message?: string;
    assertionResults?: { status: string; fullName?: string }[];
  }
  let report: { numPassedTests?: number; numFailedTests?: number; numTotalTests?: number; testResults?: FileResult[] } = {};
  if (existsSync(out)) report = JSON.parse(readFileSync(out, 'utf8'));
  // A file that fails to load (import error, failing beforeAll) has no failed test: count it as one.
  const brokenFiles = (report.testResults ?? []).filter((r) => r.status === 'failed' && !(r.assertionResults ?? []).some((a) => a.status === 'failed'));
  const p = report.numPassedTests ?? 0;
  const f = (report.numFailedTests ?? 0) + brokenFiles.length;
  passed += p;
  failed += f;
  if (code !== 0) {
    const parts = [
      report.numFailedTests
        ? `${report.numFailedTests} test(s) failed:\n${(report.testResults ?? [])
            .flatMap((r) => (r.assertionResults ?? []).filter((a) => a.status === 'failed').map((a) => `    ${relative(ROOT, r.name)} > ${a.fullName}`))
            .join('\n')}`
        : '',
      brokenFiles.length ? `${brokenFiles.length} test file(s) could not run:\n${brokenFiles.map((b) => `    ${relative(ROOT, b.name)}: ${(b.message ?? '').split('\n')[0]}`).join('\n')}` : '',
    ].filter(Boolean);
    throw new StepFailure(parts.length ? `${name} run: ${parts.join('; ')}` : `vitest (${name}) exited with code ${code} (see the errors above)`);
  }
  if (!report.numTotalTests) throw new StepFailure(`vitest (${name}) ran no tests`);
}

function stopPg() {
  if (!pgServer) return;
  const s = pgServer;
  pgServer = undefined;
  s.stop();
}

// Ctrl-C or a CI timeout must not leave a PostgreSQL server or its folder behind.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    stopPg();
    console.error(`\n${sig}: stopped.`);
    process.exit(130);
  });
}
process.on('exit', stopPg);

async function main() {
  const started = Date.now();
  console.log(`npm test on Node ${process.version}${process.env.CI ? ' (CI)' : ''}`);
  try {
    await step('TypeScript (tsc --noEmit)', async () => {
      const code = await exec([join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', join(ROOT, 'tsconfig.json')]);
      if (code !== 0) throw new StepFailure('type errors (see above)');
    });

    await step('Dependency lint', async () => {
      const violations = lintDependencies(ROOT);
      for (const v of violations) console.error(formatViolation(v));
      if (violations.length) throw new StepFailure(`${violations.length} dependency rule violation(s) (see above)`);
      console.log('no violations');
    });

    await step('Unit and integration tests on PGlite', () => vitest('pglite', [], { TEST_DB: undefined, TEST_DATABASE_URL: undefined }));

    await step('The same tests on PostgreSQL', async () => {
      pgServer = await startPgServer({ log: (l) => console.log(l) });
      try {
        await vitest('postgres', [], { TEST_DB: 'postgres', TEST_DATABASE_URL: pgServer.url });
      } finally {
        stopPg();
      }
    });

    await step('Browser journeys (Chromium, axe)', () =>
      vitest('e2e', ['--config', join(ROOT, 'vitest.e2e.config.ts')], { TEST_DB: undefined, TEST_DATABASE_URL: undefined }),
    );

    await step('Nu HTML checker', async () => {
      console.log(javaVersion());
      const { files, errors } = runVnu(VNU_DIR);
      if (!files.length) throw new StepFailure(`no pages saved in ${relative(ROOT, VNU_DIR)}: the journeys must visit pages through visit()/follow()`);
      console.log(`${files.length} page(s) checked`);
      if (errors.length) {
        for (const e of errors) console.error(formatVnuError(e, ROOT));
        throw new StepFailure(`${errors.length} HTML error(s) in ${new Set(errors.map((e) => e.url)).size} page(s) (see above)`);
      }
    });
  } catch (e) {
    banner('FAILED');
    console.error(`✘ ${e instanceof StepFailure ? e.message : ((e as Error).stack ?? String(e))}`);
    console.log(`\n${timings.join('\n')}\ntotal: ${secs(Date.now() - started)}`);
    console.log(`${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exitCode = 1;
    return;
  }
  banner('OK');
  console.log(`${timings.join('\n')}\ntotal: ${secs(Date.now() - started)}`);
  console.log(`${passed} passed, 0 failed`);
}

await main();
