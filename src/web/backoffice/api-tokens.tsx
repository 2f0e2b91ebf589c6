// API tokens (/admin/token-api): admins create and revoke bearer tokens.
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
export function apiTokenRoutes() {
  const app = new Hono<AppEnv>();
  return app;
}
