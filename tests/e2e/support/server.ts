// The real HTTP server for browser journeys: boot() on a fresh test database, served by
// @hono/node-server on a free 127.0.0.1 port whose URL is also the app's BASE_URL.
import { serve, type ServerType } from '@hono/node-server';
import { freePort } from '../../../scripts/pg-server.ts';
import { testRuntime, type TestRuntime, type TestRuntimeOptions } from '../../support/runtime.ts';

export interface RunningServer {
  baseUrl: string;
  rt: TestRuntime;
  close(): Promise<void>;
}

export async function startServer(opts: TestRuntimeOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // BASE_URL must be the browser's origin: CSRF and better-auth compare Origin against it.
  const rt = await testRuntime({ ...opts, env: { HOST: '127.0.0.1', PORT: String(port), BASE_URL: baseUrl, ...opts.env } });
  let server: ServerType;
  try {
    server = await new Promise<ServerType>((ok, fail) => {
      const s = serve({ fetch: rt.app.fetch, port, hostname: '127.0.0.1' }, () => ok(s));
      s.once('error', fail);
    });
  } catch (e) {
    await rt.close();
    throw e;
  }
  return {
    baseUrl,
    rt,
    async close() {
      await new Promise<void>((ok) => {
        server.close(() => ok());
        // Chromium keeps connections alive; don't wait for them to time out.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await rt.close();
    },
  };
}
