// Organisations (/admin/enti): the agency, employers and partners.
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
export function organisationRoutes() {
  const app = new Hono<AppEnv>();
  return app;
}
