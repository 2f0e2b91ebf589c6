// `npm run worker`: a process that only runs jobs (mail, lifecycle ticks…), for PostgreSQL
// deployments with several processes. On the embedded default the web process already does this.
import { ConfigError, loadConfig } from './config/env.ts';
import { boot } from './runtime.ts';

export async function startWorker(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  if (!config.databaseUrl) {
    console.error('The worker runs beside web processes on PostgreSQL: set DATABASE_URL. On the embedded default `npm start` already runs the jobs.');
    process.exit(2);
  }
  const rt = await boot(config, { work: true });
  rt.deps.logger.info({ db: rt.database.kind, mail: rt.deps.mailer.mode }, 'Approdo worker started');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await rt.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) await startWorker();
