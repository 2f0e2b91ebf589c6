// Users (/admin/utenti): admins list, create, change role, disable, send reset.
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
export function usersRoutes() {
  const app = new Hono<AppEnv>();
  return app;
}
