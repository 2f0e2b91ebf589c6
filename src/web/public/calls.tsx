// Public calls: /bandi list with search and filters, /bandi/:slug, ICS, outbound click.
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
export function publicCallRoutes() {
  const app = new Hono<AppEnv>();
  return app;
}
