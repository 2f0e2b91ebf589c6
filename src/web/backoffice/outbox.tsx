// Local mail outbox (/admin/outbox) on the embedded default.
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
export function outboxRoutes() {
  const app = new Hono<AppEnv>();
  return app;
}
