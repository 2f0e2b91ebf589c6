// Feeds and machine endpoints: /bandi/feed.xml, /sitemap.xml, /robots.txt, /healthz.
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
export function seoRoutes() {
  const app = new Hono<AppEnv>();
  return app;
}
