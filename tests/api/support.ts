// Helpers for API v1 tests: tokens of each role and JSON requests with a bearer token.
import type { TestRuntime } from '../support/runtime.ts';
import { createApiToken } from '../../src/domains/accounts/index.ts';
import type { StaffRole } from '../../src/platform/authz/index.ts';
import { ADMIN_ACTOR } from '../factories/index.ts';

export async function apiToken(rt: TestRuntime, role: StaffRole, name = `test ${role}`): Promise<{ id: string; secret: string }> {
  const r = await createApiToken(rt.deps, ADMIN_ACTOR, { name, role });
  if (!r.ok) throw new Error(`createApiToken: ${JSON.stringify(r.error)}`);
  return { id: r.value.id, secret: r.value.secret };
}

export interface ApiRequest {
  token?: string | null;
  /** Serialised as JSON with content-type application/json. */
  json?: unknown;
  /** Sent as is (for malformed bodies). */
  raw?: string;
  headers?: Record<string, string>;
}

export async function api(rt: TestRuntime, method: string, path: string, req: ApiRequest = {}) {
  const headers: Record<string, string> = { ...req.headers };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  let body: string | undefined;
  if (req.json !== undefined) {
    body = JSON.stringify(req.json);
    headers['content-type'] ??= 'application/json';
  } else if (req.raw !== undefined) {
    body = req.raw;
    headers['content-type'] ??= 'application/json';
  }
  const res = await rt.app.request(path, { method, headers, body });
  const text = await res.text();
  let data: any = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  return { status: res.status, headers: res.headers, data };
}
