// The JSON API (/api/v1), its OpenAPI document, and better-auth's own endpoints (/api/auth).
import { Hono } from 'hono';
import type { AppEnv } from '../../context.ts';
import { apiV1Routes } from './v1.ts';

export function apiRoutes() {
  const app = new Hono<AppEnv>();
  app.on(['GET', 'POST'], '/auth/*', (c) => c.var.deps.auth.handler(c.req.raw));
  app.route('/', apiV1Routes());
  return app;
}
