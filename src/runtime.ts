// Boots the application: database (migrated, reference data loaded), job queue, mail, auth, every
// capability's manifest (jobs, listeners, boot work), and the web app. Used by the server, the demo,
// the worker, the CLI and the tests, so all run the same wiring. Adding a capability edits nothing
// here: its manifest is found in its folder (src/manifests.ts).
import type { PGlite } from '@electric-sql/pglite';
import type { Config } from './config/env.ts';
import { migrateDatabase, openDatabase, pingDatabase, type Database } from './db/client.ts';
import { createJobs } from './platform/jobs/index.ts';
import { createMailer } from './platform/mail/index.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { Events } from './platform/events.ts';
import { RenderCache } from './platform/http/render-cache.ts';
import { createAuth } from './platform/auth/index.ts';
import { purgeImports } from './platform/import/index.ts';
import type { DomainManifest } from './platform/manifest.ts';
import { seedReference } from '../seeds/reference/index.ts';
import { authTables, passwordResetMail, signInLinkMail } from './domains/accounts/index.ts';
import { hasDemoData } from './domains/organisations/index.ts';
import { loadDomainManifests } from './manifests.ts';
import { loadWebModules, type WebModule } from './web/modules.ts';
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
  /** Capabilities beyond those found in src/ (a test adds a throw-away one this way). */
  extra?: { manifests?: DomainManifest[]; web?: WebModule[] };
}

export interface Runtime {
  deps: AppDeps;
  app: WebApp;
  database: Database;
  close(): Promise<void>;
}

export async function boot(config: Config, opts: BootOptions): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pglite: opts.pglite });
  try {
    if (!opts.prepared) {
      await migrateDatabase(database);
      await seedReference(database.db, logger);
    }
    const manifests = [...(await loadDomainManifests()), ...(opts.extra?.manifests ?? [])];
    const jobs = createJobs(database, logger);
    const mailer = createMailer({ db: database.db, jobs, smtpUrl: config.smtpUrl, from: config.mailFrom });
    const links = { baseUrl: config.baseUrl, secret: config.sessionSecret };
    const auth = createAuth({
      db: database.db,
      tables: authTables,
      secret: config.sessionSecret,
      baseUrl: config.baseUrl,
      secureCookies: config.secureCookies,
      sendResetPassword: (data) => mailer.queue(passwordResetMail(data)),
      sendSignInLink: async (data) => mailer.queue(await signInLinkMail(database.db, links, data)),
    });
    const events = new Events((e, name) => logger.error({ err: e, event: name }, 'event listener failed'));
    const now = opts.now ?? (() => new Date());
    const deps: AppDeps = {
      db: database.db,
      events,
      config,
      ping: () => pingDatabase(deps.db),
      jobs,
      mailer,
      logger,
      // The cache expires pages on the app's clock, the same clock that opens and closes calls.
      cache: new RenderCache(5000, () => now().getTime()),
      auth,
      now,
      flags: { demo: await hasDemoData(database.db) },
      links,
      manifests,
    };
    for (const m of manifests) {
      for (const def of m.jobs?.(deps) ?? []) jobs.register(def);
      if (m.listeners) events.onAll(m.listeners(deps));
    }
    // Staged import rows can hold personal data: dropped once the confirmation window has passed.
    jobs.register({ name: 'import.purge', cron: '17 * * * *', retryLimit: 2, handler: async () => void (await purgeImports(deps)) });
    await jobs.start({ work: opts.work || database.kind === 'pglite' });
    for (const m of manifests) await m.boot?.(deps, { embedded: database.kind === 'pglite' });
    const web = [...(await loadWebModules()), ...(opts.extra?.web ?? [])];
    const app = createApp(deps, web);
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
