// Background jobs on pg-boss: the same queue tables in PGlite (in-process) or PostgreSQL (shared by
// any number of processes). Domains declare jobs in their own jobs.ts and register them here.
import { PgBoss, fromDrizzle, fromPglite } from 'pg-boss';
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.ts';
import type { Logger } from '../logger.ts';

export interface JobDefinition<P extends object> {
  name: string;
  /** One call into the domain; throw to retry. */
  handler: (payload: P) => Promise<void>;
  retryLimit?: number;
  retryDelay?: number;
  /** Cron in Europe/Rome: the job runs on this schedule with an empty payload. */
  cron?: string;
  batchSize?: number;
  /** Parallel handlers in this process. */
  concurrency?: number;
}

/** A job definition with its payload type inferred, as a manifest lists it. */
export const job = <P extends object>(def: JobDefinition<P>): JobDefinition<never> => def as unknown as JobDefinition<never>;

export interface SendOptions {
  /** Enqueue inside this transaction: a rolled-back change sends nothing. */
  tx?: DbOrTx;
  singletonKey?: string;
  startAfter?: Date;
}

export interface Jobs {
  boss: PgBoss;
  register<P extends object>(def: JobDefinition<P>): void;
  /** The names of the registered jobs (the jobs test and docs read them). */
  names(): string[];
  send<P extends object>(name: string, payload: P, opts?: SendOptions): Promise<string | null>;
  start(opts: { work: boolean }): Promise<void>;
  stop(): Promise<void>;
}

export function createJobs(database: Database, logger: Logger): Jobs {
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.pglite!), backend: 'pglite', schema: 'pgboss' })
      : new PgBoss({ ...poolOptions(database), schema: 'pgboss', max: 4 });
  boss.on('error', (e: unknown) => logger.error({ err: e }, 'job queue error'));
  const defs = new Map<string, JobDefinition<object>>();
  let started = false;

  return {
    boss,
    register(def) {
      if (defs.has(def.name)) throw new Error(`job ${def.name} registered twice`);
      defs.set(def.name, def as unknown as JobDefinition<object>);
    },
    names: () => [...defs.keys()].sort(),
    async send(name, payload, opts = {}) {
      const def = defs.get(name);
      return boss.send(name, payload, {
        retryLimit: def?.retryLimit ?? 5,
        retryDelay: def?.retryDelay ?? 10,
        retryBackoff: true,
        singletonKey: opts.singletonKey,
        startAfter: opts.startAfter,
        ...(opts.tx ? { db: fromDrizzle(opts.tx as never, sql as never) } : {}),
      });
    },
    async start({ work }) {
      if (started) return;
      started = true;
      await boss.start();
      for (const def of defs.values()) {
        await boss.createQueue(def.name);
        if (!work) continue;
        await boss.work<object>(
          def.name,
          { batchSize: def.batchSize ?? 1, localConcurrency: def.concurrency ?? 1, pollingIntervalSeconds: 0.5 },
          async (jobs) => {
            for (const job of jobs) {
              try {
                await def.handler(job.data ?? {});
              } catch (e) {
                logger.warn({ err: e, job: def.name, id: job.id }, 'job failed, will retry');
                throw e;
              }
            }
          },
        );
        if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: 'Europe/Rome' });
      }
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, timeout: 5000 });
    },
  };
}

function poolOptions(database: Database): { connectionString: string } {
  const cs = (database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
  return { connectionString: cs };
}
