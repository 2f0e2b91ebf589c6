// Reference data (/admin/riferimenti): the equipollent/affine relation, viewable and editable with sources.
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
export function referenceRoutes() {
  const app = new Hono<AppEnv>();
  return app;
}
