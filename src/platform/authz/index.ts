// One registry of policies: each domain's policy.ts registers the actions it knows, and every
// entry point (back office, API, jobs) asks authorize() with the same actor.
import type { Actor } from '../audit/index.ts';

export type Policy = (actor: Actor, record?: unknown) => boolean;
const registry = new Map<string, Policy>();

export function definePolicies(policies: Record<string, Policy>): void {
  for (const [action, p] of Object.entries(policies)) registry.set(action, p);
}

export function authorize(actor: Actor, action: string, record?: unknown): boolean {
  const p = registry.get(action);
  if (!p) throw new Error(`unknown action in authorize(): ${action}`);
  return actor.role === 'system' || p(actor, record);
}

/** Every registered action, for docs/permissions.md and the permission-matrix test. */
export function registeredActions(): string[] {
  return [...registry.keys()].sort();
}

export const hasRole =
  (...roles: Actor['role'][]): Policy =>
  (actor) =>
    roles.includes(actor.role);
