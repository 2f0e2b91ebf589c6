// Crash safety of the alert fan-out, with the real entry points as child processes:
// - embedded database: kill -9 the server in the middle of a 5,000-recipient fan-out, start it
//   again, and every recipient has exactly one alert (one Message-ID; a message the SMTP server
//   accepted just before the kill may arrive twice with the same Message-ID, which mailboxes fold);
// - PostgreSQL: two worker processes share the same fan-out with zero duplicates.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import * as schema from '../src/db/schema.ts';
import type { Db } from '../src/db/client.ts';
import { Events } from '../src/platform/events.ts';
import { createCall, publishCall } from '../src/domains/calls/index.ts';
import { fanoutProgress, IN_FLIGHT, SENT_GROUP, startFanout } from '../src/domains/alerts/index.ts';
import { ADMIN_ACTOR, callInput } from './factories/index.ts';
import { CountingSink } from './support/smtp.ts';
import { bulkSubscribers, prefs } from './support/alerts.ts';
import { onPostgres, testRuntime } from './support/runtime.ts';
import { TEMPLATE_FILE } from './support/global-setup.ts';
import { freePort } from '../scripts/pg-server.ts';

const N = 5000;
const SECRET = 'crash-test-secret-crash-test-secret-0123';
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

function start(entry: string, env: Record<string, string>): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', SESSION_SECRET: SECRET, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const ready = waitUntil(() => /listening on|worker started/.test(out), 60_000, () => `not ready: ${out}`);
  return { child, output: () => out, ready };
}

async function waitUntil(cond: () => boolean | Promise<boolean>, timeoutMs: number, msg: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(msg());
    await new Promise((r) => setTimeout(r, 10));
  }
}

const exited = (c: ChildProcess) => new Promise<void>((ok) => (c.exitCode !== null || c.signalCode !== null ? ok() : c.once('exit', () => ok())));

/** A published, open call for every nurse anywhere (no workplace, no discipline). */
async function openNurseCall(db: Db): Promise<string> {
  const deps = { db, now: () => new Date(), events: new Events() } as never;
  const r = await createCall(deps, ADMIN_ACTOR, await callInput(deps, { professionCode: 'infermiere', disciplineCode: null, workplaces: [], title: 'Infermieri — fan-out di prova' }));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  // Opened without the event (nobody listens to these deps' events): the process that starts next
  // finds it (boot sweep / startFanout).
  const p = await publishCall(deps, ADMIN_ACTOR, r.value.id, null);
  if (!p.ok) throw new Error(JSON.stringify(p.error));
  return r.value.id;
}

/** The call's fan-out figures as the back office reads them. */
async function progressOf(db: Db, callId: string) {
  const r = await fanoutProgress({ db }, ADMIN_ACTOR, callId);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function checkExactlyOne(sink: CountingSink): { raw: number; resent: number } {
  expect(sink.byRecipient.size).toBe(N);
  for (const [to, ids] of sink.byRecipient) {
    if (new Set(ids).size !== 1) throw new Error(`${to} got ${new Set(ids).size} different alerts: ${ids.join(', ')}`);
    expect(ids[0]).toMatch(/^<alert-[0-9a-f-]{36}@approdo>$/);
  }
  return { raw: sink.total, resent: sink.total - N };
}

describe('alert fan-out crash safety', () => {
  if (!onPostgres()) {
    it(`kill -9 during a ${N}-recipient fan-out on the embedded database: after a restart every recipient has exactly one alert`, async () => {
      const sink = await CountingSink.start();
      const dataDir = mkdtempSync(join(tmpdir(), 'approdo-crash-'));
      const pglite = await PGlite.create(join(dataDir, 'pgdata'), { loadDataDir: new Blob([readFileSync(TEMPLATE_FILE)]) });
      const db = drizzle(pglite, { schema }) as unknown as Db;
      await bulkSubscribers(db, N, prefs({ professionCode: 'infermiere' }), 'crash');
      const callId = await openNurseCall(db);
      await pglite.close();

      const env = { DATA_DIR: dataDir, SMTP_URL: sink.url, PORT: String(await freePort()), BASE_URL: 'https://approdo.example.it' };
      const first = start('src/server.ts', env);
      await first.ready;
      await waitUntil(() => sink.total >= 1500, 90_000, () => `only ${sink.total} sent: ${first.output().slice(-2000)}`);
      first.child.kill('SIGKILL');
      await exited(first.child);
      const atKill = sink.total;
      expect(atKill).toBeLessThan(N);

      const second = start('src/server.ts', env);
      await second.ready;
      await waitUntil(() => sink.byRecipient.size >= N, 120_000, () => `only ${sink.byRecipient.size} recipients: ${second.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 1500)); // any straggler would show up now
      second.child.kill('SIGTERM');
      await exited(second.child);
      await sink.stop();

      const { raw, resent } = checkExactlyOne(sink);
      // Resent = messages the SMTP server accepted before the kill whose "sent" was not yet
      // written: at most a group of sent marks plus the messages in flight, per delivery job (2).
      expect(resent).toBeLessThanOrEqual(2 * (SENT_GROUP + IN_FLIGHT));
      console.info(`crash test: killed after ${atKill} messages; ${raw} SMTP deliveries for ${N} recipients (${resent} resent with the same Message-ID)`);
      const check = await PGlite.create(join(dataDir, 'pgdata'));
      const cdb = drizzle(check, { schema }) as unknown as Db;
      expect(await progressOf(cdb, callId)).toMatchObject({ status: 'done', matched: N, sent: N, pending: 0, failed: 0, skipped: 0 });
      await check.close();
    }, 300_000);
  } else {
    it(`two worker processes on PostgreSQL share a ${N}-recipient fan-out with zero duplicates`, async () => {
      const sink = await CountingSink.start();
      const rt = await testRuntime({ work: false, env: { SMTP_URL: sink.url } });
      try {
        await bulkSubscribers(rt.deps.db, N, prefs({ professionCode: 'infermiere' }), 'twoproc');
        const callId = await openNurseCall(rt.deps.db);
        const env = { DATABASE_URL: rt.config.databaseUrl!, SMTP_URL: sink.url, BASE_URL: 'https://approdo.example.it' };
        const a = start('src/worker.ts', env);
        const b = start('src/worker.ts', env);
        await Promise.all([a.ready, b.ready]);
        const fanout = await startFanout(rt.deps, callId);
        expect(fanout!.matched).toBe(N);
        await waitUntil(
          async () => (await progressOf(rt.deps.db, callId))?.status === 'done',
          120_000,
          () => `fan-out not done; sink has ${sink.total}`,
        );
        await new Promise((r) => setTimeout(r, 1000));
        a.child.kill('SIGTERM');
        b.child.kill('SIGTERM');
        await Promise.all([exited(a.child), exited(b.child)]);
        const { raw } = checkExactlyOne(sink);
        expect(raw).toBe(N);
        const sentBy = (out: string) =>
          out
            .split('\n')
            .filter((l) => l.includes('"alert deliveries"'))
            .reduce((sum, l) => sum + (JSON.parse(l) as { sent: number }).sent, 0);
        const [sa, sb] = [sentBy(a.output()), sentBy(b.output())];
        expect(sa + sb).toBe(N);
        expect(sa).toBeGreaterThan(0);
        expect(sb).toBeGreaterThan(0);
        console.info(`two processes: ${sa} + ${sb} alerts, ${raw} SMTP deliveries for ${N} recipients`);
      } finally {
        await rt.close();
        await sink.stop();
      }
    }, 300_000);
  }
});
