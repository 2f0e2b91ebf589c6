// Audit log (/admin/audit): who changed what and when.
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
export function auditRoutes() {
  const app = new Hono<AppEnv>();
  return app;
}
