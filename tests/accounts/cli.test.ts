// `approdo user:*`: user:create run as a real process on a fresh embedded data folder (the created
// user then signs in with the printed password), the other commands and bad input in-process.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/env.ts';
import { boot } from '../../src/runtime.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { main } from '../../src/cli.ts';
import { signIn } from '../support/http.ts';

let dataDir: string;
const saved = { ...process.env };
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'approdo-cli-'));
  // In-process commands read the same environment a spawned one gets.
  Object.assign(process.env, { DATA_DIR: dataDir, LOG_LEVEL: 'silent', BASE_URL: 'http://localhost' });
  delete process.env.DATABASE_URL;
  delete process.env.SESSION_SECRET;
});
afterAll(() => {
  process.env = saved;
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

function spawnCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'src/cli.ts', ...args], { env: process.env, cwd: process.cwd(), timeout: 150_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Runs main() in this process, capturing what it prints. */
async function runCli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = await main(args);
  vi.restoreAllMocks();
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('approdo CLI', () => {
  it('user:create (a real process) prints a strong password that signs in; user:list shows the user; the email cannot be reused', { timeout: 240_000 }, async () => {
    const r = await spawnCli('user:create', '--email', 'Direzione@ASL.example.it', '--role', 'admin', '--name', 'Direzione Sanitaria');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Created admin direzione@asl.example.it (Direzione Sanitaria).');
    const password = /Password: (\S+)/.exec(r.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);

    const list = await runCli('user:list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^direzione@asl\.example\.it\tadmin\tactive\tDirezione Sanitaria$/m);

    const dup = await runCli('user:create', '--email', 'direzione@asl.example.it', '--role', 'editor');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('A user with this email address already exists.');

    const demote = await runCli('user:set-role', '--email', 'direzione@asl.example.it', '--role', 'editor');
    expect(demote.code).toBe(1);
    expect(demote.stderr).toContain('You cannot remove the last active administrator');

    // The same data folder opened as the server would: the printed password works.
    const rt = await boot(loadConfig(), { work: false, logger: createLogger('silent') });
    try {
      await expect(signIn(rt, 'direzione@asl.example.it', password!)).resolves.toMatch(/session_token/);
    } finally {
      await rt.close();
    }

    const reset = await runCli('user:reset-password', '--email', 'direzione@asl.example.it', '--password', 'una nuova password sicura');
    expect(reset.code).toBe(0);
    expect(reset.stdout).not.toContain('una nuova password sicura');
    const missing = await runCli('user:reset-password', '--email', 'nobody@asl.example.it');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No user with email nobody@asl.example.it.');
  });

  it('refuses bad input with the reason and a non-zero exit code', async () => {
    const cases: [string[], number, string][] = [
      [['user:create', '--email', 'x@example.it', '--role', 'boss'], 2, 'Unknown role "boss": use one of admin, recruiter, editor.'],
      [['user:create', '--role', 'admin'], 2, 'Missing --email.'],
      [['user:create', '--email', 'x@example.it', '--role', 'admin', '--bogus'], 2, "Unknown option '--bogus'"],
      [['user:create', '--email', 'not-an-email', '--role', 'admin'], 1, '--email: Enter a valid email address'],
      [['user:create', '--email', 's@example.it', '--role', 'editor', '--password', 'short'], 1, '--password: The password must be at least 12 characters long.'],
      [['user:frobnicate'], 2, 'Unknown command "user:frobnicate"'],
    ];
    for (const [args, code, message] of cases) {
      const r = await runCli(...args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr).toContain(message);
    }
  });

  it('lists the commands', async () => {
    const r = await runCli('--help');
    expect(r.code).toBe(0);
    for (const c of ['user:create', 'user:list', 'user:set-role', 'user:reset-password']) expect(r.stdout).toContain(c);
  });
});
