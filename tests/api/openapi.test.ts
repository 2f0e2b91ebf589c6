import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { buildCall, callInput } from '../factories/index.ts';
import { api, apiToken } from './support.ts';

let rt: TestRuntime;
let doc: any;
let token: string;
const clock = new Date('2026-06-01T08:00:00Z');

beforeAll(async () => {
  rt = await testRuntime({ now: () => clock });
  token = (await apiToken(rt, 'admin')).secret;
  const res = await rt.app.request('/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/json');
  doc = JSON.parse(await res.text());
});
afterAll(() => rt.close());

/** The document with every local $ref replaced by what it points to. */
function resolve(node: unknown, seen: string[] = []): any {
  if (Array.isArray(node)) return node.map((n) => resolve(n, seen));
  if (!node || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  if (typeof obj.$ref === 'string') {
    const ref = obj.$ref;
    if (!ref.startsWith('#/')) throw new Error(`external $ref ${ref}`);
    if (seen.includes(ref)) throw new Error(`cyclic $ref ${ref}`);
    let target: any = doc;
    for (const part of ref.slice(2).split('/')) {
      target = target?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
    }
    return resolve(target, [...seen, ref]);
  }
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, resolve(v, seen)]));
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const documentedOperations = () =>
  Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => METHODS.includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );

function responseSchema(method: string, template: string, status: number) {
  const op = resolve(doc.paths[template][method.toLowerCase()]);
  const r = op.responses[String(status)];
  if (!r) throw new Error(`${method} ${template} does not document status ${status}`);
  return z.fromJSONSchema(r.content['application/json'].schema);
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with a bearer security scheme, unique operation ids and every $ref resolvable', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.servers[0].url).toBe('http://localhost');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearer: [] }]);
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    const resolved = resolve(doc);
    for (const [path, item] of Object.entries(resolved.paths as Record<string, Record<string, any>>)) {
      for (const op of Object.values(item)) {
        expect(op.responses['401'], `${path} documents 401`).toBeDefined();
        const declared = (op.parameters ?? []).filter((p: { in: string }) => p.in === 'path').map((p: { name: string }) => p.name);
        expect(declared.sort()).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
        // Each schema must be usable as JSON Schema.
        for (const r of Object.values(op.responses as Record<string, any>)) if (r.content) z.fromJSONSchema(r.content['application/json'].schema);
      }
    }
  });

  it('generates the request body from the domain schema, dates as date-time strings', () => {
    const input = doc.components.schemas.CallInput;
    expect(input.required).toEqual(expect.arrayContaining(['title', 'type', 'employerId', 'professionCode', 'posts']));
    expect(input.properties.type.enum).toContain('concorso_pubblico');
    expect(input.properties.deadline.anyOf).toContainEqual(expect.objectContaining({ type: 'string', format: 'date-time' }));
    expect(doc.components.schemas.CallPatch.required).toBeUndefined();
    expect(doc.components.schemas.CallPatch.properties.version.type).toBe('integer');
  });

  it('documents exactly the routes the API implements, each answering as documented', async () => {
    const exercised = new Set<string>();
    async function call(method: string, template: string, path: string, json?: unknown, expected = 200) {
      exercised.add(`${method} ${template}`);
      const r = await api(rt, method, path, { token, json });
      expect(r.status, `${method} ${path}: ${JSON.stringify(r.data)}`).toBe(expected);
      const parsed = responseSchema(method, template, r.status).safeParse(r.data);
      expect(parsed.success, `${method} ${template} response matches its schema: ${parsed.error?.message}`).toBe(true);
      return r.data;
    }

    // The request example of the document, with an employer of this database.
    const example = doc.paths['/api/v1/calls'].post.requestBody.content['application/json'].example;
    const employerId = (await callInput(rt.deps)).employerId;
    const request = { ...example, employerId };
    expect(z.fromJSONSchema(resolve(doc.components.schemas.CallInput)).safeParse(request).success).toBe(true);
    const created = await call('POST', '/api/v1/calls', '/api/v1/calls', request, 201);
    expect(created).toMatchObject({ title: example.title, state: 'draft', deadline: new Date(example.deadline).toISOString() });
    const id = created.id as string;

    await call('GET', '/api/v1/calls', '/api/v1/calls?state=draft');
    await call('GET', '/api/v1/calls/{id}', `/api/v1/calls/${id}`);
    await call('PATCH', '/api/v1/calls/{id}', `/api/v1/calls/${id}`, doc.paths['/api/v1/calls/{id}'].patch.requestBody.content['application/json'].example);
    await call('POST', '/api/v1/calls/{id}/publish', `/api/v1/calls/${id}/publish`, {});
    await call('POST', '/api/v1/calls/{id}/close', `/api/v1/calls/${id}/close`);
    await call('POST', '/api/v1/calls/{id}/archive', `/api/v1/calls/${id}/archive`);

    // Error bodies follow their schemas too.
    const draft = await buildCall(rt.deps);
    await call('POST', '/api/v1/calls', '/api/v1/calls', { title: '' }, 422);
    await call('POST', '/api/v1/calls/{id}/close', `/api/v1/calls/${draft.id}/close`, undefined, 409);
    const unauth = await api(rt, 'GET', '/api/v1/calls');
    expect(responseSchema('GET', '/api/v1/calls', 401).safeParse(unauth.data).success).toBe(true);

    const documented = new Set(documentedOperations());
    expect(exercised).toEqual(documented);
    const implemented = new Set(
      rt.app.hono.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    expect(implemented).toEqual(documented);
  });
});
