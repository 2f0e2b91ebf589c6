// Boots the application: database (migrated, reference data loaded), job queue, mail, auth, web app.
// Used by the server, the demo, the worker, the CLI and the tests, so all run the same wiring.
import type { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import type { Config } from './config/env.ts';
import { organisations } from './domains/organisations/tables.ts';
import { migrateDatabase, openDatabase, type Database } from './db/client.ts';
import { createJobs } from './platform/jobs/index.ts';
import { createMailer } from './platform/mail/index.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { Events } from './platform/events.ts';
import { RenderCache } from './platform/http/render-cache.ts';
import { createAuth } from './platform/auth/index.ts';
import { seedReference } from '../seeds/reference/index.ts';
import { registerAccountJobs, passwordResetMail } from './domains/accounts/jobs.ts';
import { registerCallJobs } from './domains/calls/jobs.ts';
import { registerLeadJobs } from './domains/leads/jobs.ts';
import { registerAppointmentJobs } from './domains/appointments/jobs.ts';
import { registerMeetingJobs } from './domains/meetings/jobs.ts';
import { registerRankingJobs } from './domains/rankings/jobs.ts';
import { registerCaseJobs } from './domains/cases/jobs.ts';
import { registerPeopleJobs } from './domains/people/jobs.ts';
import { purgeImports } from './platform/import/index.ts';
import { onCallOpened, registerAlertJobs, sweepFanouts } from './domains/alerts/index.ts';
import { createApp, type WebApp } from './web/app.tsx';
import type { AppDeps } from './web/context.ts';

export interface BootOptions {
  /** Run job handlers in this process (the embedded default always does). */
  work: boolean;
  /** Tests pass an already-migrated PGlite clone. */
  pglite?: PGlite;
  logger?: Logger;
  now?: () => Date;
  /** Skip migrations and reference seed (tests that cloned a prepared template). */
  prepared?: boolean;
}

export interface Runtime {
  deps: AppDeps;
  app: WebApp;
  database: Database;
  close(): Promise<void>;
}

async function hasDemoData(database: Database): Promise<boolean> {
  const [row] = await database.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.isDemo, true)).limit(1);
  return !!row;
}

export async function boot(config: Config, opts: BootOptions): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pglite: opts.pglite });
  try {
    if (!opts.prepared) {
      await migrateDatabase(database);
      await seedReference(database.db, logger);
    }
    const jobs = createJobs(database, logger);
    const mailer = createMailer({ db: database.db, jobs, smtpUrl: config.smtpUrl, from: config.mailFrom });
    const auth = createAuth({
      db: database.db,
      secret: config.sessionSecret,
      baseUrl: config.baseUrl,
      secureCookies: config.secureCookies,
      sendResetPassword: (data) => mailer.queue(passwordResetMail(data)),
    });
    const events = new Events();
    const now = opts.now ?? (() => new Date());
    const deps: AppDeps = {
      db: database.db,
      events,
      config,
      database,
      jobs,
      mailer,
      logger,
      // The cache expires pages on the app's clock, the same clock that opens and closes calls.
      cache: new RenderCache(5000, () => now().getTime()),
      auth,
      now,
      flags: { demo: await hasDemoData(database) },
      links: { baseUrl: config.baseUrl, secret: config.sessionSecret },
    };
    registerAccountJobs(deps);
    registerCallJobs(deps);
    registerLeadJobs(deps);
    registerMeetingJobs(deps);
    registerAlertJobs(deps);
    registerAppointmentJobs(deps);
    registerCaseJobs(deps);
    registerPeopleJobs(deps);
    registerRankingJobs(deps);
    // Staged import rows can hold personal data: dropped once the confirmation window has passed.
    jobs.register({ name: 'import.purge', cron: '17 * * * *', retryLimit: 2, handler: async () => void (await purgeImports(deps)) });
    // Any change to calls (or the clock opening/closing one) drops the cached public pages.
    events.on('calls.changed', () => deps.cache.invalidate('calls'));
    // A call that opens fans out its alerts (the minute sweep catches an event lost in a crash).
    events.on('calls.opened', ({ id }) => {
      onCallOpened(deps, String(id)).catch((e: unknown) => logger.error({ err: e, callId: id }, 'alert fan-out not queued'));
    });
    await jobs.start({ work: opts.work || database.kind === 'pglite' });
    // The embedded database has one process: deliveries left "sending" by a crash are orphans.
    if (database.kind === 'pglite') await sweepFanouts(deps, { exclusive: true });
    const app = createApp(deps);
    return {
      deps,
      app,
      database,
      async close() {
        await jobs.stop();
        mailer.close();
        await database.close();
      },
    };
  } catch (e) {
    await database.close();
    throw e;
  }
}
