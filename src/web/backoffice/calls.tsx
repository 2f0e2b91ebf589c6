// Calls in the back office (/admin/bandi): create, edit, preview, schedule, publish, close, archive, import.
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
export function callAdminRoutes() {
  const app = new Hono<AppEnv>();
  return app;
}
