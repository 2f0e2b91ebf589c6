// The back office (/admin).
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { requireStaff } from '../middleware/auth.ts';
export function backofficeRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireStaff);
  return app;
}
