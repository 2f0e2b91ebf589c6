// JSON API v1 (/api/v1) with bearer tokens, and its OpenAPI document (/api/openapi.json).
// Handlers stay thin: read JSON → call one calls-domain function with the token's actor → answer.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Context } from 'hono';
import type { AppEnv } from '../../context.ts';
import { can, type Rule } from '../../../platform/authz/index.ts';
import { archiveCall, callInputSchema, closeCall, createCall, getCallDetail, listAdminCalls, parseCallInput, publishCall, updateCall, PAGE_SIZE, callRules } from '../../../domains/calls/index.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { apiError, bearerAuth, convertDates, domainErrorResponse, ifMatchVersion, invalidResponse, readJsonObject } from './http.ts';
import { isUuid } from '../../../platform/query.ts';
import { DATE_FIELDS, listQuerySchema, storedInput, toApiCall, type ApiCallListItem } from './schemas.ts';
import { openApiDocument } from './openapi.ts';

type C = Context<AppEnv>;

/** Generous for two Markdown texts of 20,000 characters even when every character is escaped. */
export const API_BODY_LIMIT = 1024 * 1024;
export const API_RATE_LIMIT = { limit: 600, windowMs: 60_000 };

const KNOWN_FIELDS = new Set(Object.keys(callInputSchema.shape));

function unknownFields(body: Record<string, unknown>, allowed: Set<string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const k of Object.keys(body).slice(0, 50)) if (!allowed.has(k)) errors[k] = 'api.errors.unknown_field';
  return errors;
}

/** Field errors of a body whose dates could not be read: the dates' own, plus the rest's. */
function withDateErrors(c: C, value: Record<string, unknown>, dateErrors: FieldErrors) {
  const rest = { ...value };
  for (const k of Object.keys(dateErrors)) rest[k] = null;
  const parsed = parseCallInput(rest);
  return invalidResponse(c, { ...(parsed.ok ? {} : parsed.fields), ...dateErrors });
}

async function respondCall(c: C, id: string, status: 200 | 201 = 200) {
  const d = await getCallDetail(c.var.deps.db, id, c.var.deps.now());
  if (!d) return apiError(c, 404, 'not_found');
  c.header('ETag', `"${d.call.version}"`);
  if (status === 201) c.header('Location', `/api/v1/calls/${d.call.id}`);
  return c.json(toApiCall(d, c.var.deps.config.baseUrl), status);
}

export function apiV1Routes() {
  const app = new Hono<AppEnv>();

  app.get('/openapi.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(openApiDocument(c.var.deps.config.baseUrl));
  });

  app.use('/v1/*', bearerAuth(API_RATE_LIMIT));
  app.use('/v1/*', bodyLimit({ maxSize: API_BODY_LIMIT, onError: (c) => apiError(c as C, 413, 'payload_too_large') }));

  app.get('/v1/calls', async (c) => {
    if (!can(c.var.actor, callRules.readAdmin)) return apiError(c, 403, 'forbidden');
    const q = listQuerySchema.safeParse(c.req.query());
    if (!q.success) return apiError(c, 400, 'bad_request', 'api.errors.bad_query', { name: String(q.error.issues[0]?.path[0] ?? '') });
    const { deps } = c.var;
    const r = await listAdminCalls(deps.db, q.data, deps.now());
    const base = deps.config.baseUrl;
    const items: ApiCallListItem[] = r.items.map((i) => ({
      id: i.id,
      slug: i.slug,
      url: `${base}/bandi/${i.slug}`,
      title: i.title,
      type: i.type,
      state: i.state,
      employerName: i.employerName,
      professionName: i.professionName,
      disciplineName: i.disciplineName,
      posts: i.posts,
      publishAt: i.publishAt?.toISOString() ?? null,
      deadline: i.deadline?.toISOString() ?? null,
      closedAt: i.closedAt?.toISOString() ?? null,
      updatedAt: i.updatedAt.toISOString(),
    }));
    return c.json({ items, total: r.total, page: r.page, pages: r.pages, pageSize: PAGE_SIZE });
  });

  app.post('/v1/calls', async (c) => {
    // Checked before the body so a read-only token learns "forbidden", not how to fix its JSON.
    if (!can(c.var.actor, callRules.create)) return apiError(c, 403, 'forbidden');
    const body = await readJsonObject(c);
    if (!body.ok) return body.response;
    if (!body.value) return apiError(c, 400, 'bad_request', 'api.errors.body_required');
    const unknown = unknownFields(body.value, KNOWN_FIELDS);
    if (Object.keys(unknown).length) return invalidResponse(c, unknown);
    const { value, errors } = convertDates(body.value, DATE_FIELDS);
    if (Object.keys(errors).length) return withDateErrors(c, value, errors);
    const r = await createCall(c.var.deps, c.var.actor, value);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return respondCall(c, r.value.id, 201);
  });

  app.get('/v1/calls/:id', async (c) => {
    if (!can(c.var.actor, callRules.readAdmin)) return apiError(c, 403, 'forbidden');
    const id = c.req.param('id');
    if (!isUuid(id)) return apiError(c, 404, 'not_found');
    return respondCall(c, id);
  });

  app.patch('/v1/calls/:id', async (c) => {
    const id = c.req.param('id');
    if (!isUuid(id)) return apiError(c, 404, 'not_found');
    if (!can(c.var.actor, callRules.update)) return apiError(c, 403, 'forbidden');
    const ifMatch = ifMatchVersion(c.req.header('if-match'));
    if (ifMatch === 'malformed') return apiError(c, 400, 'bad_request', 'api.errors.bad_if_match');
    const body = await readJsonObject(c);
    if (!body.ok) return body.response;
    if (!body.value) return apiError(c, 400, 'bad_request', 'api.errors.body_required');
    const { version, ...patch } = body.value;
    const unknown = unknownFields(patch, KNOWN_FIELDS);
    if (Object.keys(unknown).length) return invalidResponse(c, unknown);
    let expected = typeof ifMatch === 'number' ? ifMatch : undefined;
    if (version !== undefined) {
      if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return invalidResponse(c, { version: 'common.forms.invalid_number' });
      if (expected !== undefined && expected !== version) return apiError(c, 400, 'bad_request', 'api.errors.version_mismatch');
      expected = version;
    }
    const { value: changes, errors: dateErrors } = convertDates(patch, DATE_FIELDS);
    const { deps, actor } = c.var;
    // Without a version from the client, the version we merged onto guards the write; if someone
    // else saved in between, merge again onto their result rather than overwrite it.
    for (let attempt = 0; attempt < 3; attempt++) {
      const d = await getCallDetail(deps.db, id, deps.now());
      if (!d) return apiError(c, 404, 'not_found');
      if (expected !== undefined && expected !== d.call.version) return apiError(c, 409, 'conflict', 'calls.errors.edited_meanwhile');
      const merged: Record<string, unknown> = { ...storedInput(d), ...changes };
      // A new discipline admits other specialisations: propose them again unless the client lists them.
      if ('disciplineCode' in patch && !('specialisations' in patch) && patch.disciplineCode !== d.call.disciplineCode) merged.specialisations = null;
      if (Object.keys(dateErrors).length) return withDateErrors(c, merged, dateErrors);
      const r = await updateCall(deps, actor, id, merged, expected ?? d.call.version);
      if (r.ok) return respondCall(c, id);
      if (r.error.code === 'conflict' && expected === undefined) continue;
      return domainErrorResponse(c, r.error);
    }
    return apiError(c, 409, 'conflict', 'calls.errors.edited_meanwhile');
  });

  app.post('/v1/calls/:id/publish', async (c) => {
    const id = c.req.param('id');
    if (!isUuid(id)) return apiError(c, 404, 'not_found');
    if (!can(c.var.actor, callRules.publish)) return apiError(c, 403, 'forbidden');
    const body = await readJsonObject(c);
    if (!body.ok) return body.response;
    const raw = body.value ?? {};
    const unknown = unknownFields(raw, new Set(['publishAt']));
    if (Object.keys(unknown).length) return invalidResponse(c, unknown);
    const { value, errors } = convertDates(raw, ['publishAt']);
    if (Object.keys(errors).length) return invalidResponse(c, errors);
    const publishAt = 'publishAt' in value ? (value.publishAt as Date | null) : undefined;
    const r = await publishCall(c.var.deps, c.var.actor, id, publishAt);
    if (!r.ok) return domainErrorResponse(c, r.error);
    return respondCall(c, id);
  });

  for (const [verb, action, run] of [
    ['close', callRules.close, closeCall],
    ['archive', callRules.archive, archiveCall],
  ] as const) {
    app.post(`/v1/calls/:id/${verb}`, async (c) => {
      const id = c.req.param('id');
      if (!isUuid(id)) return apiError(c, 404, 'not_found');
      if (!can(c.var.actor, action)) return apiError(c, 403, 'forbidden');
      // No fields to read, but a broken body is still the client's mistake to hear about.
      const body = await readJsonObject(c);
      if (!body.ok) return body.response;
      const r = await run(c.var.deps, c.var.actor, id);
      if (!r.ok) return domainErrorResponse(c, r.error);
      return respondCall(c, id);
    });
  }

  return app;
}
