// Helpers for the public-site tests: a settable clock, calls built through the domain, HTML probes.
import type { TestRuntime } from '../support/runtime.ts';
import { ADMIN_ACTOR, buildCall } from '../factories/index.ts';
import { closeCall } from '../../src/domains/calls/index.ts';
import type { CallInputRaw } from '../../src/domains/calls/input.ts';

export const DAY = 86_400_000;

export function testClock(start = '2026-06-01T08:00:00Z') {
  let now = new Date(start);
  return {
    now: () => now,
    set: (d: Date | string) => {
      now = new Date(d);
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** A published call (open unless its dates say otherwise). */
export async function openCall(rt: TestRuntime, over: Partial<CallInputRaw> = {}) {
  return buildCall(rt.deps, over, { publish: true });
}

export async function closedCall(rt: TestRuntime, over: Partial<CallInputRaw> = {}) {
  const call = await openCall(rt, over);
  const r = await closeCall(rt.deps, ADMIN_ACTOR, call.id);
  if (!r.ok) throw new Error(`closeCall: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Titles of the call cards on a page, in order. */
export function cardTitles(html: string): string[] {
  return [...html.matchAll(/<h[23] id="call-[^"]+" class="card-title h5"><a href="[^"]+">([^<]*)<\/a>/g)].map((m) => m[1]!);
}

export async function get(rt: TestRuntime, path: string, headers: Record<string, string> = {}) {
  const res = await rt.app.request(path, { headers });
  return { res, html: await res.text() };
}
