// `npm start`: the web process (and, on the embedded default, the job worker too).
import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config/env.ts';
import { DataDirLockedError } from './db/client.ts';
import { boot, type Runtime } from './runtime.ts';

export async function startServer(opts: { afterBoot?: (rt: Runtime) => Promise<void> } = {}) {
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
  let rt: Runtime;
  try {
    rt = await boot(config, { work: true });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(e.message);
      process.exit(3);
    }
    throw e;
  }
  await opts.afterBoot?.(rt);
  const server = serve({ fetch: rt.app.fetch, port: config.port, hostname: config.host }, (info) => {
    rt.deps.logger.info({ port: info.port, host: config.host, db: rt.database.kind, mail: rt.deps.mailer.mode }, `Approdo listening on ${config.baseUrl}`);
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    await rt.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return { rt, server };
}

if (import.meta.url === `file://${process.argv[1]}`) await startServer();
