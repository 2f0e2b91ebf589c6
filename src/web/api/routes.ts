// The JSON API (/api/v1) and better-auth's endpoints (/api/auth).
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
export function apiRoutes() {
  const app = new Hono<AppEnv>();
  app.on(['GET', 'POST'], '/auth/*', (c) => c.var.deps.auth.handler(c.req.raw));
  return app;
}
