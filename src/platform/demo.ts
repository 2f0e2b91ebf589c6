// Runs the demo seeds every capability declares in its manifest (`demo: { after, seed }`), each
// after the ones it names, with one context they share: the ids earlier seeds left (`ctx.shared`)
// and the sign-ins the demo prints (`ctx.signIns`). The CLI's demo:seed and demo:serve, the demo
// test and the benchmarks call it; adding a capability's demo edits none of them.
import type { DomainDeps } from './domain-deps.ts';
import { demoOrder, type DemoContext } from './manifest.ts';

export interface DemoRun {
  /** The capabilities whose seed ran, in the order they ran. */
  ran: string[];
  shared: DemoContext['shared'];
  signIns: DemoContext['signIns'];
}

export interface DemoOptions {
  /** Run only these capabilities' seeds (still in demo order); the benchmarks want calls and no people. */
  only?: readonly string[];
  /** Values for the seeds before any runs (e.g. `calls.count`: how many demo calls). */
  shared?: Record<string, unknown>;
}

/** Seeds the demo of every manifest in `deps.manifests`; each seed is idempotent, so is the run. */
export async function runDemoSeeds(deps: DomainDeps, opts: DemoOptions = {}): Promise<DemoRun> {
  const ctx: DemoContext = { deps, shared: new Map(Object.entries(opts.shared ?? {})), signIns: [] };
  const ran: string[] = [];
  for (const m of demoOrder(deps.manifests)) {
    if (!m.demo || (opts.only && !opts.only.includes(m.name))) continue;
    await m.demo.seed(ctx);
    ran.push(m.name);
  }
  return { ran, shared: ctx.shared, signIns: ctx.signIns };
}

/**
 * A value an earlier seed left, or a clear error naming what is missing: a seed that reads
 * `accounts.staff` declares `after: ['accounts']`.
 */
export function demoShared<T>(ctx: Pick<DemoContext, 'shared'>, key: string): T {
  if (!ctx.shared.has(key)) throw new Error(`demo: no "${key}" yet — the seed that reads it must run after the one that sets it (manifest demo.after)`);
  return ctx.shared.get(key) as T;
}
