// `npm run bench -- alerts`: the alert fan-out on PostgreSQL (issue 3's benchmark), in one run:
//  1. a call matching 100,000 subscribers fanned out into a local SMTP sink (its own child process)
//     by the app's jobs in this process, against raw nodemailer pooled sending of the same
//     pre-rendered messages to the same sink, interleaved; every app round must reach each
//     recipient exactly once;
//  2. /bandi latency (p50/p99) at a fixed rate, idle and while a 100,000 fan-out runs in the same
//     process that serves it (the one-process deployment);
//  3. matching time over 1,000,000 subscribers generated in SQL (narrow, medium and broad calls).
// The figures go to the alerts section of bench/RESULTS.md. 12 to 17 minutes on 2 cores; to scale
// down: BENCH_ALERT_N (fan-out size, 100000), BENCH_ALERT_ROUNDS (2), BENCH_ALERT_MATCH_N (1000000),
// BENCH_ALERT_MATCH_RUNS (5), BENCH_ALERT_LOAD_SECONDS (20), BENCH_ALERT_RPS (50),
// BENCH_ALERT_SEARCH_RPS (10; 0 = no search load), BENCH_ALERT_PAGE_CALLS (200).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, totalmem } from 'node:os';
import pg from 'pg';
import { serve } from '@hono/node-server';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../src/db/client.ts';
import { startPgServer, freePort, type PgServer } from '../scripts/pg-server.ts';
import { loadConfig } from '../src/config/env.ts';
import { boot, type Runtime } from '../src/runtime.ts';
import { createLogger } from '../src/platform/logger.ts';
import * as alerts from '../src/domains/alerts/index.ts';
import { countMatches, MATCH_CHUNK, startFanout, subscriberKeys } from '../src/domains/alerts/index.ts';
import { alertDeliveries, alertFanouts } from '../src/domains/alerts/tables.ts';
import { createCall, CALL_TYPES } from '../src/domains/calls/index.ts';
import { calls } from '../src/domains/calls/tables.ts';
import type { CallInputRaw } from '../src/domains/calls/input.ts';
import { runDemoSeeds } from '../src/platform/demo.ts';
import { ADMIN_ACTOR, callInput } from '../tests/factories/index.ts';
import { bulkSubscribers, prefs } from '../tests/support/alerts.ts';
import type { SinkCommand, SinkStats } from './alerts-sink.ts';
import type { RawCommand, RawPrepare } from './alerts-raw.ts';
import type { LoadResult, LoadTarget } from './alerts-load.ts';
import { writeSection } from './results.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const N = env('BENCH_ALERT_N', 100_000);
const ROUNDS = env('BENCH_ALERT_ROUNDS', 2);
const MATCH_N = env('BENCH_ALERT_MATCH_N', 1_000_000);
const MATCH_RUNS = env('BENCH_ALERT_MATCH_RUNS', 5);
const LOAD_SECONDS = env('BENCH_ALERT_LOAD_SECONDS', 20);
const RPS = env('BENCH_ALERT_RPS', 50);
const SEARCH_RPS = env('BENCH_ALERT_SEARCH_RPS', 10);
const PAGE_CALLS = env('BENCH_ALERT_PAGE_CALLS', 200);
/** Raw sends in flight: enough to keep the pool's 4 connections busy. */
const RAW_WINDOW = 32;
const SECRET = 'bench-secret-bench-secret-bench-secret-01';
const BASE_URL = 'https://approdo.example.it';
const DAY = 86_400_000;
/** How delivery records "sent" (the domain's tuning, read loosely: it may not export them). */
const SENT_GROUP = (alerts as Record<string, unknown>).SENT_GROUP as number | undefined;
const IN_FLIGHT = ((alerts as Record<string, unknown>).IN_FLIGHT as number | undefined) ?? 4;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const started = performance.now();
const loadAtStart = loadavg()[0]!;
const log = (msg: string) => console.log(`[alerts ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => (ms / 1000).toFixed(2);

// ── child processes driven over IPC ─────────────────────────────────────────────────────────

interface IpcChild<C extends { cmd: string }> {
  ready: unknown;
  ask<T>(cmd: C['cmd'], arg?: unknown): Promise<T>;
}

async function ipcChild<C extends { cmd: string }>(script: string, children: ChildProcess[]): Promise<IpcChild<C>> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  let seq = 0;
  const waiting = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  child.once('exit', (code) => {
    for (const w of waiting.values()) w.fail(new Error(`${script} exited (${code})`));
  });
  const ready = await new Promise<unknown>((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`${script} exited (${code})`)));
    child.on('message', (m: { ready?: unknown; id?: number; value?: unknown; error?: string }) => {
      if (m.ready !== undefined) return ok(m.ready);
      const w = m.id !== undefined ? waiting.get(m.id) : undefined;
      if (!w) return;
      waiting.delete(m.id!);
      if (m.error) w.fail(new Error(`${script}: ${m.error}`));
      else w.ok(m.value);
    });
  });
  return {
    ready,
    ask: <T>(cmd: C['cmd'], arg?: unknown) =>
      new Promise<T>((ok, fail) => {
        const id = ++seq;
        waiting.set(id, { ok: (v) => ok(v as T), fail });
        child.send({ id, cmd, arg });
      }),
  };
}

interface Sink {
  url: string;
  reset(): Promise<void>;
  stats(): Promise<SinkStats>;
  stop(): Promise<void>;
}

async function startSink(children: ChildProcess[]): Promise<Sink> {
  const c = await ipcChild<SinkCommand>('bench/alerts-sink.ts', children);
  return { url: c.ready as string, reset: () => c.ask('reset'), stats: () => c.ask('stats'), stop: () => c.ask('stop') };
}

// ── load generator, in its own process ───────────────────────────────────────────────────────

function runLoad(targets: LoadTarget[], seconds: number): Promise<LoadResult[]> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/alerts-load.ts', JSON.stringify({ targets, seconds })], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', fail);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('[')) return fail(new Error(`load generator failed (${code}): ${out}`));
      ok(JSON.parse(last) as LoadResult[]);
    });
  });
}

// ── helpers on the app's database ────────────────────────────────────────────────────────────

/**
 * A published call, open since yesterday (the minute sweep only fans out calls opened in the
 * last 24 hours whose event was lost, so it leaves these to the benchmark), without the event.
 */
export async function openCall(rt: Runtime, over: Partial<CallInputRaw>): Promise<string> {
  const deps = rt.deps;
  const r = await createCall(deps, ADMIN_ACTOR, await callInput(deps, { type: 'concorso_pubblico', ...over }));
  if (!r.ok) throw new Error(`bench call: ${JSON.stringify(r.error)}`);
  const since = new Date(Date.now() - 25 * 3600_000);
  await deps.db.update(calls).set({ status: 'published', publishAt: since, openedAt: since, deadline: new Date(Date.now() + 30 * DAY) }).where(eq(calls.id, r.value.id));
  return r.value.id;
}

const nurseCall = (rt: Runtime, label: string) => openCall(rt, { professionCode: 'infermiere', disciplineCode: null, workplaces: [], title: `Infermieri — benchmark ${label}` });

async function waitDone(db: Db, fanoutId: string, timeoutMs = 15 * 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [f] = await db.select({ status: alertFanouts.status }).from(alertFanouts).where(eq(alertFanouts.id, fanoutId));
    if (f?.status === 'done') return;
    if (Date.now() > until) throw new Error(`fan-out ${fanoutId} not done after ${timeoutMs} ms`);
    await sleep(25);
  }
}

async function deliveryCounts(db: Db, fanoutId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: alertDeliveries.status, n: sql<number>`count(*)::int` })
    .from(alertDeliveries)
    .where(eq(alertDeliveries.fanoutId, fanoutId))
    .groupBy(alertDeliveries.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

// ── part 1: fan-out against raw nodemailer ───────────────────────────────────────────────────

/** CPU time spent in a round, ms: the sending process, the SMTP sink, PostgreSQL (approximate). */
interface Cpu {
  sender: number;
  sink: number;
  pg: number;
}

/**
 * CPU time of the PostgreSQL server so far, ms: the postmaster, its live children, and the children
 * it has reaped (their time is added to the postmaster's cutime/cstime when they exit).
 */
function pgCpuMs(server: PgServer): number {
  const postmaster = Number(readFileSync(join(server.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after "(comm) ": state ppid … utime(11) stime(12) cutime(13) cstime(14).
      const f = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(entry) === postmaster) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      else if (Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      /* gone meanwhile */
    }
  }
  return ticks * (1000 / CLOCK_TICKS);
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

interface RawRound {
  ms: number;
  cpu: Cpu;
}

interface AppRound {
  ms: number;
  cpu: Cpu;
  matchMs: number;
  matched: number;
  sink: SinkStats;
  db: Record<string, number>;
}

function checkExactlyOnce(label: string, s: SinkStats, db?: Record<string, number>): void {
  const problems: string[] = [];
  if (s.total !== N) problems.push(`${s.total} messages`);
  if (s.recipients !== N) problems.push(`${s.recipients} distinct recipients`);
  if (s.duplicated) problems.push(`${s.duplicated} recipients with more than one message`);
  if (s.foreignIds) problems.push(`${s.foreignIds} messages without an alert Message-ID`);
  if (db && db.sent !== N) problems.push(`${db.sent ?? 0} deliveries recorded as sent (${JSON.stringify(db)})`);
  if (problems.length) throw new Error(`${label}: expected exactly ${N} recipients once each; got ${problems.join(', ')}`);
}

async function appRound(rt: Runtime, server: PgServer, sink: Sink, label: string, during?: (fanoutId: string) => Promise<void>): Promise<AppRound> {
  const callId = await nurseCall(rt, label);
  await sink.reset();
  const cpu0 = process.cpuUsage();
  const pg0 = pgCpuMs(server);
  const t0 = performance.now();
  const fanout = await startFanout(rt.deps, callId);
  const matchMs = performance.now() - t0;
  if (!fanout) throw new Error(`${label}: startFanout found the call already fanned out`);
  if (fanout.matched !== N) throw new Error(`${label}: matched ${fanout.matched}, expected ${N}`);
  const watching = waitDone(rt.deps.db, fanout.id);
  if (during) await during(fanout.id);
  await watching;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const pgMs = pgCpuMs(server) - pg0;
  const [stats, db] = await Promise.all([sink.stats(), deliveryCounts(rt.deps.db, fanout.id)]);
  checkExactlyOnce(label, stats, db);
  return { ms, cpu: { sender: (cpu.user + cpu.system) / 1000, sink: stats.cpuMs, pg: pgMs }, matchMs, matched: fanout.matched, sink: stats, db };
}

async function rawRound(raw: IpcChild<RawCommand>, server: PgServer, sink: Sink, label: string): Promise<RawRound> {
  await sink.reset();
  const pg0 = pgCpuMs(server);
  const { ms, cpuMs } = await raw.ask<{ ms: number; cpuMs: number }>('round');
  const pgMs = pgCpuMs(server) - pg0;
  const stats = await sink.stats();
  checkExactlyOnce(label, stats);
  return { ms, cpu: { sender: cpuMs, sink: stats.cpuMs, pg: pgMs } };
}

// ── part 3: 1,000,000 subscribers generated in SQL ───────────────────────────────────────────

/** subscriberKeys() in SQL, step by step as the TypeScript does (checked on a sample below). */
const KEYS_FUNCTION = `
create or replace function bench_subscriber_keys(prof text, specs text[], provs text[], coms text[], rel boolean) returns text[]
language plpgsql immutable as $$
declare
  bases text[] := array['p:' || prof];
  areas text[] := '{}';
  keys text[] := '{}';
  x text;
  b text;
begin
  foreach x in array specs loop bases := bases || ('s:' || x || ':' || case when rel then 'any' else 'same' end); end loop;
  foreach x in array provs loop areas := areas || ('P' || x); end loop;
  foreach x in array coms loop areas := areas || ('C' || x); end loop;
  if cardinality(areas) = 0 then areas := array['*']; end if;
  foreach b in array bases loop
    keys := keys || b;
    foreach x in array areas loop keys := keys || (b || '|' || x); end loop;
  end loop;
  return keys;
end $$`;

/**
 * The spread: 45% doctors (92% of them with one or two of the 56 specialisations, uniformly), 30%
 * nurses, 25% the other professions; 15% anywhere, 60% one or two provinces, 25% one to three
 * comuni; 15% without equipollent/affine; 20% weekly; 15% restricted to one or two call types;
 * 3% paused or unsubscribed; 10% English.
 */
export async function generateSubscribers(c: pg.Client, n: number): Promise<{ ms: number; indexMs: number }> {
  const t0 = performance.now();
  await c.query(`set maintenance_work_mem = '512MB'`);
  await c.query(`set work_mem = '128MB'`);
  await c.query(KEYS_FUNCTION);
  await c.query(`select setseed(0.4242)`);
  // Draws first, in a table of their own, so each random() is drawn once per subscriber.
  await c.query(`create unlogged table bench_draws as
    select g, random() rp, random() rp2, random() rs, random() rs1, random() rs2, random() ra, random() ra2, random() a1, random() a2, random() a3,
           random() rrel, random() rfreq, random() rtype, random() rt1, random() rt2, random() rstat, random() rloc
    from generate_series(1, ${n}) g`);
  // Reference codes numbered 1..n: a draw picks the row with its number (a join, where a subscript
  // into an array of 7,896 comuni would walk the array every time).
  const numbered = (name: string, select: string) => c.query(`create unlogged table ${name} as select row_number() over (order by code)::int i, code from (${select}) x`);
  await numbered('bench_provs', 'select code from provinces');
  await numbered('bench_coms', 'select code from comuni where active');
  await numbered('bench_specs', 'select code from specialisations');
  await numbered('bench_others', `select code from professions where code not in ('medico_chirurgo', 'infermiere')`);
  await numbered('bench_types', `select unnest(array[${CALL_TYPES.map((t) => `'${t}'`).join(', ')}]::text[]) code`);
  const sizes: Record<string, number> = {};
  for (const t of ['bench_provs', 'bench_coms', 'bench_specs', 'bench_others', 'bench_types']) sizes[t] = (await c.query<{ n: number }>(`select count(*)::int n from ${t}`)).rows[0]!.n;
  const pick = (alias: string, table: string, draw: string) => `join ${table} ${alias} on ${alias}.i = 1 + floor(${draw} * ${sizes[table]})::int`;
  await c.query(`create unlogged table bench_picked as
    select d.*, gen_random_uuid() id,
      case when rp < 0.45 then 'medico_chirurgo' when rp < 0.75 then 'infermiere' else o.code end prof,
      s1.code s1, s2.code s2, p1.code p1, p2.code p2, c1.code c1, c2.code c2, c3.code c3, t1.code t1, t2.code t2
    from bench_draws d
      ${pick('o', 'bench_others', 'rp2')}
      ${pick('s1', 'bench_specs', 'rs1')} ${pick('s2', 'bench_specs', 'rs2')}
      ${pick('p1', 'bench_provs', 'a1')} ${pick('p2', 'bench_provs', 'a2')}
      ${pick('c1', 'bench_coms', 'a1')} ${pick('c2', 'bench_coms', 'a2')} ${pick('c3', 'bench_coms', 'a3')}
      ${pick('t1', 'bench_types', 'rt1')} ${pick('t2', 'bench_types', 'rt2')}`);
  await c.query(`create unlogged table bench_gen as
    select g, id, prof,
      case when prof <> 'medico_chirurgo' or rs < 0.08 then '{}'::text[] when rs < 0.8 or s1 = s2 then array[s1] else array[s1, s2] end specs,
      case when ra < 0.15 or ra >= 0.75 then '{}'::text[] when ra2 < 0.7 or p1 = p2 then array[p1] else array[p1, p2] end provs,
      case when ra < 0.75 then '{}'::text[] when ra2 < 0.5 then array[c1] when ra2 < 0.85 then array[c1, c2] else array[c1, c2, c3] end coms,
      rrel >= 0.15 rel,
      case when rfreq < 0.2 then 'weekly' else 'immediate' end freq,
      case when rtype >= 0.15 then '{}'::text[] when rtype < 0.1 or t1 = t2 then array[t1] else array[t1, t2] end types,
      case when rstat < 0.02 then 'paused' when rstat < 0.03 then 'unsubscribed' else 'active' end status,
      case when rloc < 0.1 then 'en' else 'it' end locale
    from bench_picked`);
  // A GIN index is built far faster in one go than row by row: drop it, load, build it again
  // from its own definition (the migration's).
  const idx = await c.query<{ def: string }>(`select pg_get_indexdef('alert_subscribers_keys_idx'::regclass) def`);
  await c.query(`drop index alert_subscribers_keys_idx`);
  await c.query(`insert into alert_subscribers (id, email, name, locale, profession_code, also_related, call_types, frequency, status, match_keys, confirmed_at, consent_at, consent_expires_at)
    select id, 'm-' || g || '@example.org', 'Persona ' || g, locale, prof, rel, types, freq, status, bench_subscriber_keys(prof, specs, provs, coms, rel), now(), now(), now() + interval '2 years'
    from bench_gen`);
  await c.query(`insert into alert_subscriber_specialisations (subscriber_id, specialisation_code, in_training)
    select id, s, false from bench_gen, unnest(specs) s on conflict do nothing`);
  const ti = performance.now();
  await c.query(idx.rows[0]!.def);
  const indexMs = performance.now() - ti;
  await c.query(`analyze alert_subscribers`);
  await c.query(`analyze alert_subscriber_specialisations`);
  return { ms: performance.now() - t0, indexMs };
}

/** The SQL keys of a random sample, compared with subscriberKeys() of the same preferences. */
export async function verifyKeys(c: pg.Client, sample: number): Promise<number> {
  const rows = await c.query<{ prof: string; specs: string[]; provs: string[]; coms: string[]; rel: boolean; keys: string[] }>(
    `select g.prof, g.specs, g.provs, g.coms, g.rel, s.match_keys keys from bench_gen g join alert_subscribers s on s.id = g.id order by random() limit ${sample}`,
  );
  let bad = 0;
  for (const r of rows.rows) {
    const expected = subscriberKeys({
      professionCode: r.prof,
      specialisations: r.specs.map((code) => ({ code, inTraining: false, trainingYear: null })),
      provinces: r.provs,
      comuni: r.coms,
      alsoRelated: r.rel,
    });
    if (JSON.stringify(expected) !== JSON.stringify(r.keys)) {
      if (bad < 3) console.error('key mismatch', { expected, got: r.keys });
      bad++;
    }
  }
  if (bad) throw new Error(`${bad} of ${rows.rows.length} sampled subscribers have SQL keys that differ from subscriberKeys()`);
  return rows.rows.length;
}

/** countMatches() with its statement run under EXPLAIN (ANALYZE, BUFFERS): the plan's lines. */
async function explainCount(db: Db, callId: string): Promise<string[]> {
  const lines: string[] = [];
  const explaining = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'execute') {
        return async (q: SQL) => {
          const res = await target.execute<{ 'QUERY PLAN': string }>(sql`explain (analyze, buffers) ${q}`);
          lines.push(...res.rows.map((r) => r['QUERY PLAN']));
          return { rows: [{ n: 0 }] };
        };
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  await countMatches({ db: explaining }, callId);
  return lines;
}

/**
 * startFanout() until its first write of delivery rows, which runs under EXPLAIN (ANALYZE, BUFFERS)
 * (it is executed, so on a throwaway call): where the time of writing the rows goes, the
 * foreign-key triggers listed apart. Then stops the fan-out.
 */
export async function explainFanout(deps: Runtime['deps'], callId: string): Promise<string[]> {
  const lines: string[] = [];
  const stop = new Error('explained');
  const dialect = (deps.db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string } } }).dialect;
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop, receiver) {
        const v = Reflect.get(t, prop, receiver) as unknown;
        if (prop === 'execute') {
          return async (q: SQL) => {
            if (!/^\s*insert into alert_deliveries/i.test(dialect.sqlToQuery(q).sql)) return (v as (q: SQL) => Promise<unknown>).call(t, q);
            const res = (await (v as (q: SQL) => Promise<{ rows: { 'QUERY PLAN': string }[] }>).call(t, sql`explain (analyze, buffers) ${q}`)) as { rows: { 'QUERY PLAN': string }[] };
            lines.push(...res.rows.map((row) => row['QUERY PLAN']));
            throw stop;
          };
        }
        if (prop === 'transaction') return (fn: (tx: object) => Promise<unknown>) => (v as (f: (tx: object) => Promise<unknown>) => Promise<unknown>).call(t, (tx) => fn(wrap(tx)));
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
    });
  try {
    await startFanout({ ...deps, db: wrap(deps.db) }, callId);
  } catch (e) {
    if (e !== stop) throw e;
  }
  return lines;
}

interface MatchCase {
  label: string;
  what: string;
  over: Partial<CallInputRaw>;
}

const MATCH_CASES: MatchCase[] = [
  {
    label: 'narrow',
    what: 'Medicina interna (same + equipollent + affine specialisations), one workplace: Trento (TN)',
    over: { professionCode: 'medico_chirurgo', disciplineCode: 15, workplaces: ['022205'], title: 'Medicina interna — Trento (benchmark)' },
  },
  {
    label: 'medium',
    what: 'Cure palliative (7 equipollent specialisations), no workplace (anywhere)',
    over: { professionCode: 'medico_chirurgo', disciplineCode: 114, workplaces: [], title: 'Cure palliative (benchmark)' },
  },
  {
    label: 'broad',
    what: 'every nurse (no discipline), no workplace (anywhere)',
    over: { professionCode: 'infermiere', disciplineCode: null, workplaces: [], title: 'Infermieri — tutta Italia (benchmark)' },
  },
];

interface MatchResult {
  c: MatchCase;
  count: number;
  countMs: number[];
  fanoutMs: number[];
  fanoutMatched: number[];
  plan: string[];
  /** EXPLAIN ANALYZE of startFanout's first write of delivery rows (medium call only). */
  insertPlan: string[];
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────

export async function runAlerts(): Promise<void> {
  const children: ChildProcess[] = [];
  let server: PgServer | undefined;
  const cleanup = () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    server?.stop();
  };
  process.on('exit', cleanup);
  process.on('SIGINT', () => process.exit(130));
  try {
    server = await startPgServer({ log });
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('create database bench_fanout');
    await admin.query('create database bench_match');
    await admin.end();
    const dbUrl = (name: string) => {
      const u = new URL(server!.url);
      u.pathname = `/${name}`;
      return u.toString();
    };
    const sink = await startSink(children);
    log(`SMTP sink (child process) on ${sink.url}`);

    // The app as the one-process deployment runs it: web and jobs, PostgreSQL, SMTP.
    const port = await freePort();
    const config = loadConfig({ DATABASE_URL: dbUrl('bench_fanout'), SMTP_URL: sink.url, SESSION_SECRET: SECRET, BASE_URL, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production' });
    const rt = await boot(config, { work: true, logger: createLogger('warn') });
    const http = serve({ fetch: rt.app.fetch, port, hostname: '127.0.0.1' });
    log(`app booted (jobs on), serving on 127.0.0.1:${port}`);

    // Calls for the public list; each open one fanned out (to nobody) before the subscribers exist.
    const t0 = performance.now();
    // The demo's calls and their employers only: the demo's people would get mail through the sink.
    await runDemoSeeds(rt.deps, { only: ['organisations', 'calls'], shared: { 'calls.count': PAGE_CALLS } });
    const open = await rt.deps.db.select({ id: calls.id }).from(calls).where(eq(calls.status, 'published'));
    for (const c of open) await startFanout(rt.deps, c.id);
    await bulkSubscribers(rt.deps.db, N, prefs({ professionCode: 'infermiere' }), 'fan');
    await rt.deps.db.execute(sql`analyze`);
    log(`${PAGE_CALLS} demo calls and ${fmtInt(N)} nurse subscribers in ${secs(performance.now() - t0)} s`);

    // The reference sender, in its own process, renders the same alerts once.
    const rawSender = await ipcChild<RawCommand>('bench/alerts-raw.ts', children);
    const prepared = await rawSender.ask<{ count: number; renderMs: number; avgChars: number }>('prepare', {
      databaseUrl: config.databaseUrl!,
      callId: await nurseCall(rt, 'render'),
      emailPrefix: 'fan-',
      smtpUrl: sink.url,
      from: config.mailFrom,
      links: rt.deps.links,
      window: RAW_WINDOW,
    } satisfies RawPrepare);
    if (prepared.count !== N) throw new Error(`reference sender rendered ${prepared.count} messages, expected ${N}`);
    const renderMs = prepared.renderMs;
    const avgBytes = prepared.avgChars;
    log(`reference sender pre-rendered ${fmtInt(prepared.count)} messages in ${secs(renderMs)} s (untimed)`);

    const raw: RawRound[] = [];
    const app: AppRound[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      raw.push(await rawRound(rawSender, server, sink, `raw round ${r}`));
      log(`round ${r}/${ROUNDS} raw: ${secs(raw.at(-1)!.ms)} s, ${fmtInt(N / (raw.at(-1)!.ms / 1000))} msg/s`);
      app.push(await appRound(rt, server, sink, `app round ${r}`));
      const a = app.at(-1)!;
      log(`round ${r}/${ROUNDS} app: ${secs(a.ms)} s (matching ${secs(a.matchMs)} s), ${fmtInt(N / (a.ms / 1000))} msg/s, ${a.sink.recipients} recipients once`);
    }

    await rawSender.ask('stop');

    // /bandi at a fixed rate: idle, then during a fan-out.
    const base = `http://127.0.0.1:${port}`;
    const targets: LoadTarget[] = [{ label: '/bandi', url: `${base}/bandi`, rate: RPS, connections: 10 }];
    if (SEARCH_RPS > 0) targets.push({ label: '/bandi?q=… (cache miss)', url: `${base}/bandi`, rate: SEARCH_RPS, connections: 2, randomSearch: true });
    await runLoad(targets, 3);
    log('load warm-up done');
    const idle = await runLoad(targets, LOAD_SECONDS);
    log(`idle: ${idle.map((x) => `${x.label} p50 ${x.p50.toFixed(2)} ms p99 ${x.p99.toFixed(2)} ms`).join('; ')}`);
    let during: LoadResult[] = [];
    const overlap = { sentBefore: 0, sentAfter: 0, stillSending: false };
    const loaded = await appRound(rt, server, sink, 'fan-out under load', async (fanoutId) => {
      overlap.sentBefore = (await deliveryCounts(rt.deps.db, fanoutId)).sent ?? 0;
      during = await runLoad(targets, LOAD_SECONDS);
      overlap.sentAfter = (await deliveryCounts(rt.deps.db, fanoutId)).sent ?? 0;
      const [f] = await rt.deps.db.select({ status: alertFanouts.status }).from(alertFanouts).where(eq(alertFanouts.id, fanoutId));
      overlap.stillSending = f?.status === 'sending';
    });
    log(`during: ${during.map((x) => `${x.label} p50 ${x.p50.toFixed(2)} ms p99 ${x.p99.toFixed(2)} ms`).join('; ')}; fan-out ${secs(loaded.ms)} s`);
    for (const x of [...idle, ...during]) if (x.non2xx || x.errors) throw new Error(`${x.label}: ${x.non2xx} non-2xx, ${x.errors} errors`);
    await new Promise<void>((ok) => http.close(() => ok()));
    await rt.close();
    await sink.stop();

    // Matching over 1,000,000 subscribers (a runtime without jobs: nothing but the measurement).
    const mconfig = loadConfig({ DATABASE_URL: dbUrl('bench_match'), SESSION_SECRET: SECRET, BASE_URL, LOG_LEVEL: 'warn', NODE_ENV: 'production' });
    const mrt = await boot(mconfig, { work: false, logger: createLogger('warn') });
    const gc = new pg.Client({ connectionString: dbUrl('bench_match') });
    await gc.connect();
    const gen = await generateSubscribers(gc, MATCH_N);
    log(`${fmtInt(MATCH_N)} subscribers generated in SQL in ${secs(gen.ms)} s (GIN index built in ${secs(gen.indexMs)} s)`);
    const sampled = await verifyKeys(gc, 2000);
    log(`SQL keys equal subscriberKeys() on a sample of ${sampled}`);
    const spread = await gc.query<{ k: string; n: number }>(`
      select 'doctors' k, count(*) filter (where profession_code = 'medico_chirurgo')::int n from alert_subscribers
      union all select 'nurses', count(*) filter (where profession_code = 'infermiere')::int from alert_subscribers
      union all select 'anywhere', count(*) filter (where '*' = any(match_keys) or match_keys[2] like '%|*')::int from alert_subscribers
      union all select 'active', count(*) filter (where status = 'active')::int from alert_subscribers
      union all select 'keys per subscriber (avg ×100)', (avg(cardinality(match_keys)) * 100)::int from alert_subscribers
      union all select 'table + indexes MB', (pg_total_relation_size('alert_subscribers') / 1048576)::int
      union all select 'GIN index MB', (pg_relation_size('alert_subscribers_keys_idx') / 1048576)::int`);
    await gc.end();

    const matchResults: MatchResult[] = [];
    for (const c of MATCH_CASES) {
      const countCall = await openCall(mrt, c.over);
      const countMs: number[] = [];
      let count = 0;
      for (let i = 0; i < MATCH_RUNS; i++) {
        const t = performance.now();
        count = await countMatches(mrt.deps, countCall);
        countMs.push(performance.now() - t);
      }
      const plan = await explainCount(mrt.deps.db, countCall);
      const fanoutMs: number[] = [];
      const fanoutMatched: number[] = [];
      for (let i = 0; i < MATCH_RUNS; i++) {
        const callId = await openCall(mrt, { ...c.over, title: `${c.over.title} ${i + 1}` });
        const t = performance.now();
        const f = await startFanout(mrt.deps, callId);
        fanoutMs.push(performance.now() - t);
        fanoutMatched.push(f?.matched ?? -1);
      }
      if (fanoutMatched.some((m) => m !== count)) throw new Error(`${c.label}: startFanout matched ${fanoutMatched.join(', ')}, countMatches ${count}`);
      const insertPlan = c.label === 'medium' ? await explainFanout(mrt.deps, await openCall(mrt, { ...c.over, title: `${c.over.title} (explain)` })) : [];
      matchResults.push({ c, count, countMs, fanoutMs, fanoutMatched, plan, insertPlan });
      log(`${c.label}: ${fmtInt(count)} matches; countMatches median ${median(countMs).toFixed(1)} ms; startFanout median ${median(fanoutMs).toFixed(1)} ms`);
    }
    await mrt.close();

    // ── the report ──
    const rawMed = median(raw.map((x) => x.ms));
    const appMed = median(app.map((a) => a.ms));
    const rate = (ms: number) => N / (ms / 1000);
    const ratio = rate(appMed) / rate(rawMed);
    const get = (rs: LoadResult[], label: string) => rs.find((x) => x.label === label)!;
    const nodemailerVersion = (JSON.parse(readFileSync('node_modules/nodemailer/package.json', 'utf8')) as { version: string }).version;
    const spreadRow = Object.fromEntries(spread.rows.map((r) => [r.k, Number(r.n)]));
    // The plan's root, the GIN lookup, the heap visits, the first buffers line and the time.
    const planSummary = (lines: string[]) => {
      let buffers = false;
      return lines.filter((l, i) => (/^\s*Buffers:/.test(l) ? !buffers && (buffers = true) : i === 0 || /alert_subscribers_keys_idx|Heap Scan on alert_subscribers|Execution Time/.test(l)));
    };
    const insertSummary = (lines: string[]) => {
      let buffers = false;
      return lines.filter((l, i) => (/^\s*Buffers:/.test(l) ? !buffers && (buffers = true) : i === 0 || /^Trigger|Execution Time/.test(l)));
    };
    const medium = matchResults.find((m) => m.insertPlan.length);
    const loadRows = targets.map((t) => {
      const i = get(idle, t.label);
      const d = get(during, t.label);
      return `| \`${t.label}\` at ${t.rate} req/s | ${i.p50.toFixed(2)} | ${i.p99.toFixed(2)} | ${d.p50.toFixed(2)} | ${d.p99.toFixed(2)} | ${(d.p99 / i.p99).toFixed(1)}× | ${i.requests} / ${d.requests} |`;
    });
    const bandiRatio = get(during, '/bandi').p99 / get(idle, '/bandi').p99;
    const cpuPer = (rs: readonly { cpu: Cpu }[], k: keyof Cpu) => median(rs.map((x) => x.cpu[k])) / N;
    const limits = () => {
      const [rs, as] = [cpuPer(raw, 'sender'), cpuPer(app, 'sender')];
      const [rk, ak] = [cpuPer(raw, 'sink'), cpuPer(app, 'sink')];
      const [rp, ap] = [cpuPer(raw, 'pg'), cpuPer(app, 'pg')];
      const byLabel = (l: string) => matchResults.find((m) => m.c.label === l)!;
      const [narrow, broad] = [byLabel('narrow'), byLabel('broad')];
      const perRowUs = (m: MatchResult) => (median(m.fanoutMs) / m.count) * 1000;
      const triggers = (medium?.insertPlan ?? []).filter((l) => l.startsWith('Trigger')).reduce((sum, l) => sum + Number(/time=([\d.]+)/.exec(l)?.[1] ?? 0), 0);
      const exec = Number(/Execution Time: ([\d.]+)/.exec((medium?.insertPlan ?? []).join('\n'))?.[1] ?? NaN);
      return [
        `- **Fan-out: CPU per message.** Every process here is CPU-bound and all share 2 cores, so throughput follows the CPU each message costs (table above): raw ${(rs + rk + rp).toFixed(2)} ms (${rs.toFixed(2)} in nodemailer, ${rk.toFixed(2)} in the sink), Approdo ${(as + ak + ap).toFixed(2)} ms. nodemailer itself is the larger part on both sides (a CPU profile taken while preparing this benchmark shows its MIME building and quoted-printable encoding, and many small socket writes: \`writeBuffer\`/\`writev\`). Approdo adds its bookkeeping: per message ${SENT_GROUP ? `1/${SENT_GROUP} of the UPDATE that records \"sent\"` : 'one UPDATE recording the outcome'}, 1/100 of a batch claim and of a subscriber lookup, and rendering the alert (~0.04 ms), i.e. ${(as - rs).toFixed(2)} ms more in the sending process (Drizzle, the pg protocol, pg-boss) and ${(ap - rp).toFixed(2)} ms in PostgreSQL. Each status change of a delivery row (pending → sending → sent) is a non-HOT update — \`status\` is a column of \`alert_deliveries_fanout_idx\` and of the claim index's predicate — so it writes a new entry in every index of the table. Hence ${ratio.toFixed(2)}× here (target ≥ 0.8×). With the SMTP server on another machine, as in production, the sink's share leaves the box for both sides.`,
        SENT_GROUP
          ? `- **Recording each outcome was the bottleneck.** When this benchmark was written, delivery recorded \"sent\" with one UPDATE per message: two earlier runs of this script on this machine gave 0.57× (20,000 recipients) and 0.71× (100,000), and a side experiment (a scratch copy of \`deliverPending()\` driven like the jobs, 10,000 recipients, interleaved with the original) showed one UPDATE per claimed batch of 100 raising delivery from 453 to 737 and from 667 to 1,113 msg/s. \`fanout.ts\` now records \"sent\" for ${SENT_GROUP} messages per UPDATE (\`SENT_GROUP\`), which is what this run measures. The price is the crash window: up to ${SENT_GROUP} messages per job (plus the ${IN_FLIGHT} in flight) that the SMTP server had accepted can go out again after a crash, with the same Message-ID.`
          : '- **The bottleneck, with a measured alternative (left to the domain owner).** In a side experiment (not part of this run: a scratch copy of `deliverPending()` driven like the jobs, 10,000 recipients, same machine, interleaved with the original) recording `sent` with one UPDATE per claimed batch of 100 instead of one per message raised delivery from 453 to 737 and from 667 to 1,113 msg/s (≈ 1.6×). The price is the crash window: messages the SMTP server accepted but not yet recorded would be up to 2 jobs × 100 per process instead of at most those in flight, each resent after a crash with the same Message-ID.',
        `- **Matching grows with the matches.** \`countMatches()\` is a Bitmap Index Scan of the partial GIN index on \`match_keys\`, then one visit per matched row: ${median(narrow.countMs).toFixed(0)} ms for ${fmtInt(narrow.count)} matches, ${median(broad.countMs).toFixed(0)} ms for ${fmtInt(broad.count)}, all under the 1 s target over ${fmtInt(MATCH_N)} subscribers.${(spreadRow['table + indexes MB'] ?? 0) > 128 ? ` With the default \`shared_buffers\` (128 MB) the ${spreadRow['table + indexes MB']} MB table does not stay in PostgreSQL's own cache, so large matches read their pages from the OS cache (\`read=\` above).` : ''}${broad.plan.some((l) => l.includes('Parallel')) ? ' PostgreSQL runs the broad count in parallel.' : ''}`,
        `- **\`startFanout()\` is dominated by writing the delivery rows**, not by matching: ~${perRowUs(broad).toFixed(0)} µs per row for the broad call (${secs(median(broad.fanoutMs))} s for ${fmtInt(broad.count)} rows). Each row needs the lateral lookup of its reason, a random uuid key, entries in the unique (call, subscriber) index and three more indexes, and two foreign-key checks${Number.isFinite(exec) ? ` (in the EXPLAIN above the two triggers take ${(triggers / exec * 100).toFixed(0)}% of the chunk's ${exec.toFixed(0)} ms)` : ''}; the check on the subscriber also locks the subscriber's row (FOR KEY SHARE), which writes to it. The rows are written in transactions of ${fmtInt(MATCH_CHUNK)} and delivery starts after the first, so the first alerts do not wait for the whole write.`,
        `- **/bandi during a fan-out.** The cached \`/bandi\` does no I/O: its latency is the wait for the event loop, which during a fan-out also builds MIME messages and runs the bookkeeping queries while the sink and PostgreSQL take the other core: p99 ${bandiRatio.toFixed(1)}× idle (p50 ${get(idle, '/bandi').p50.toFixed(2)} → ${get(during, '/bandi').p50.toFixed(2)} ms). The cache-missing search also waits for PostgreSQL and for one of the 10 pooled connections it shares with the delivery jobs. On PostgreSQL, worker processes (\`npm run worker\`) share a fan-out, but \`npm start\` always runs jobs too, so the web process keeps its share; a way to start web processes without jobs would take fan-outs off the web's event loop entirely.`,
      ];
    };
    const md = [
      '## Alerts: fan-out, matching and the web during a fan-out (PostgreSQL)',
      '',
      `- Date: ${new Date().toISOString()}`,
      `- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM; Node ${process.version}; ${server.version} (throwaway server from scripts/pg-server.ts: fsync off, synchronous_commit off); nodemailer ${nodemailerVersion}`,
      `- Command: \`npm run bench -- alerts\` (BENCH_ALERT_N=${N}, BENCH_ALERT_ROUNDS=${ROUNDS}, BENCH_ALERT_MATCH_N=${MATCH_N}, BENCH_ALERT_MATCH_RUNS=${MATCH_RUNS}, BENCH_ALERT_LOAD_SECONDS=${LOAD_SECONDS}, BENCH_ALERT_RPS=${RPS}, BENCH_ALERT_SEARCH_RPS=${SEARCH_RPS}, BENCH_ALERT_PAGE_CALLS=${PAGE_CALLS}); total ${((performance.now() - started) / 60_000).toFixed(1)} min; 1-minute load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end (the machine is shared). Smaller knobs scale it down (e.g. BENCH_ALERT_N=20000 BENCH_ALERT_MATCH_N=200000).`,
      `- Processes: the benchmark process boots the app as the one-process deployment does (\`boot(config, {work: true})\` with DATABASE_URL and SMTP_URL, served by @hono/node-server): its pg-boss jobs deliver the alerts; the reference sender (raw nodemailer), the SMTP sink (smtp-server, counting without parsing: tests/support/smtp.ts CountingSink) and the HTTP load generator are child processes. All share the 2 cores with PostgreSQL.`,
      '',
      `### 1. Fan-out to ${fmtInt(N)} subscribers vs raw nodemailer`,
      '',
      `Setup: ${fmtInt(N)} confirmed nurse subscribers (anywhere, immediate) and ${PAGE_CALLS} demo calls; each app round opens a new nurse call and times from \`startFanout()\` (one indexed query for the matching ids, then ${fmtInt(N)} delivery rows written in transactions of ${fmtInt(MATCH_CHUNK)}, delivery starting after the first) until the fan-out's status is \`done\` (delivery jobs: ${'4'} per fan-out, 2 at a time in this process, batches of 100 claimed with FOR UPDATE SKIP LOCKED, ${IN_FLIGHT} sends in flight each, ${SENT_GROUP ? `\"sent\" recorded ${SENT_GROUP} messages per UPDATE` : 'one UPDATE per outcome'}). Raw: the same ${fmtInt(N)} messages rendered once with \`alertMail()\` (rendering untimed: ${secs(renderMs)} s; ~${fmtInt(avgBytes)} characters of text + HTML each), sent by one nodemailer transport configured like the app's (pool, maxConnections 4, maxMessages ∞) with ${RAW_WINDOW} sends in flight. Rounds interleaved raw, app, raw, app…`,
      '',
      '| sender | median time s | median msg/s |',
      '|---|---:|---:|',
      `| raw nodemailer (pool, 4 connections) | ${secs(rawMed)} | ${fmtInt(rate(rawMed))} |`,
      `| Approdo fan-out (match + jobs + send + record) | ${secs(appMed)} | ${fmtInt(rate(appMed))} |`,
      '',
      'CPU per message (median over rounds, ms; PostgreSQL approximate):',
      '',
      '| sender | sending process | SMTP sink | PostgreSQL | total |',
      '|---|---:|---:|---:|---:|',
      ...([['raw nodemailer', raw], ['Approdo fan-out', app]] as const).map(([label, rs]) => {
        const per = (k: keyof Cpu) => median(rs.map((x) => x.cpu[k])) / N;
        return `| ${label} | ${per('sender').toFixed(2)} | ${per('sink').toFixed(2)} | ${per('pg').toFixed(2)} | ${(per('sender') + per('sink') + per('pg')).toFixed(2)} |`;
      }),
      '',
      `**Ratio Approdo / raw: ${ratio.toFixed(2)}×** (target ≥ 0.8×). \`startFanout()\` returned after ${app.map((a) => `${secs(a.matchMs)} s`).join(', ')} (delivery already under way).`,
      '',
      `Correctness, every app round: the sink received exactly ${fmtInt(N)} messages for ${fmtInt(N)} distinct recipients, none twice, each with its alert Message-ID, and ${fmtInt(N)} deliveries are recorded \`sent\` (checked in the run; the run fails otherwise).`,
      '',
      'Per round:',
      '',
      ...raw.map(({ ms }, i) => `- round ${i + 1}: raw ${secs(ms)} s (${fmtInt(rate(ms))} msg/s); app ${secs(app[i]!.ms)} s (${fmtInt(rate(app[i]!.ms))} msg/s, matching ${secs(app[i]!.matchMs)} s); sink ${app[i]!.sink.total} messages / ${app[i]!.sink.recipients} recipients / ${app[i]!.sink.duplicated} duplicated`),
      '',
      `### 2. \`/bandi\` while a ${fmtInt(N)} fan-out runs in the same process`,
      '',
      `The app above serves HTTP from the process that runs the delivery jobs. A load generator (bench/alerts-load.ts, child process) sends \`/bandi\` at a fixed ${RPS} req/s (open loop: one request every ${(1000 / RPS).toFixed(0)} ms whatever the answers do, up to 10 keep-alive connections)${SEARCH_RPS > 0 ? `, and at the same time a search with a random \`q\` (a render-cache miss: the list is rendered from PostgreSQL every time) at ${SEARCH_RPS} req/s over up to 2 connections` : ''}, for ${LOAD_SECONDS} s idle, then for ${LOAD_SECONDS} s starting right after a new fan-out's matching. Each request is timed from when it is issued (a wait for a free connection included) to the end of its response, in ms. autocannon's \`overallRate\` was not used: it sends each second's quota back-to-back at the start of the second, so it measures its own bursts and misses stalls in between. Plain \`/bandi\` is answered from the render cache, so it shows how long requests wait for the event loop.`,
      '',
      '| path | idle p50 | idle p99 | during p50 | during p99 | p99 during / idle | requests idle / during |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...loadRows,
      '',
      `**\`/bandi\` p99: ${get(idle, '/bandi').p99.toFixed(2)} ms idle, ${get(during, '/bandi').p99.toFixed(2)} ms during the fan-out (${bandiRatio.toFixed(1)}×).** The fan-out ${overlap.stillSending ? 'was still sending when the load window ended' : 'finished before the load window ended'} (${fmtInt(overlap.sentAfter - overlap.sentBefore)} alerts sent during the window, ${fmtInt(overlap.sentBefore)} before it started); it took ${secs(loaded.ms)} s in all (${fmtInt(rate(loaded.ms))} msg/s) and again reached ${fmtInt(loaded.sink.recipients)} recipients exactly once.`,
      '',
      `### 3. Matching over ${fmtInt(MATCH_N)} subscribers`,
      '',
      `Setup: a separate database on the same server, ${fmtInt(MATCH_N)} subscribers generated in SQL (generate_series and per-row draws, seed fixed) in ${secs(gen.ms)} s; the spread: 45% doctors (92% of them with one or two of the 56 specialisations of the reference data), 30% nurses, 25% the other ${'professions'}; 15% anywhere, 60% one or two provinces, 25% one to three comuni; 15% without equipollent/affine; 20% weekly; 15% restricted to one or two call types; 3% paused or unsubscribed. Their \`match_keys\` are computed by a SQL function written like \`subscriberKeys()\`: a sample of ${sampled} subscribers was checked equal to \`subscriberKeys()\` of the same preferences in this run. Measured: doctors ${fmtInt(spreadRow.doctors ?? 0)}, nurses ${fmtInt(spreadRow.nurses ?? 0)}, active ${fmtInt(spreadRow.active ?? 0)}, ${((spreadRow['keys per subscriber (avg ×100)'] ?? 0) / 100).toFixed(1)} keys per subscriber; table with indexes ${spreadRow['table + indexes MB']} MB, GIN index ${spreadRow['GIN index MB']} MB (built after the load in ${secs(gen.indexMs)} s). ANALYZE, then ${MATCH_RUNS} runs each of \`countMatches()\` on one call and of \`startFanout()\` (the matching ids, then the delivery rows in transactions of ${fmtInt(MATCH_CHUNK)}; the delivery jobs are queued, not run: this runtime has no workers) on ${MATCH_RUNS} identical calls.`,
      '',
      '| call | matches | countMatches median ms | startFanout median ms |',
      '|---|---:|---:|---:|',
      ...matchResults.map((m) => `| ${m.c.label}: ${m.c.what} | ${fmtInt(m.count)} | ${median(m.countMs).toFixed(1)} | ${median(m.fanoutMs).toFixed(1)} |`),
      '',
      'Per run (ms):',
      '',
      ...matchResults.map((m) => `- ${m.c.label}: countMatches ${m.countMs.map((x) => x.toFixed(1)).join(', ')}; startFanout ${m.fanoutMs.map((x) => x.toFixed(1)).join(', ')}`),
      '',
      '`EXPLAIN (ANALYZE, BUFFERS)` of the statement `countMatches()` runs (summary lines):',
      '',
      ...matchResults.flatMap((m) => [`${m.c.label}:`, '', '```', ...planSummary(m.plan).map((l) => l.trimEnd()), '```', '']),
      ...(medium
        ? [
            `Where \`startFanout()\`'s time goes: its first write of delivery rows (a chunk of up to ${fmtInt(MATCH_CHUNK)}) for one more medium call, under \`EXPLAIN (ANALYZE, BUFFERS)\`:`,
            '',
            '```',
            ...insertSummary(medium.insertPlan).map((l) => l.trimEnd()),
            '```',
            '',
          ]
        : []),
      '### What limits it',
      '',
      ...limits(),
      '',
    ].join('\n');
    writeSection('alerts', md);
    console.log(md);
  } finally {
    cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runAlerts();
  process.exit(0);
}
