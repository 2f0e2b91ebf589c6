// JSON API v1 (/api/v1) with bearer tokens, and its OpenAPI document.
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
export function apiV1Routes() {
  const app = new Hono<AppEnv>();
  return app;
}
