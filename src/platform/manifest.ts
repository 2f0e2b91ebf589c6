// What a capability (a domain folder) brings to the running product, declared in one place: its
// manifest.ts. The runtime, person erasure and export, the permissions doc and the demo iterate the
// manifests; adding a capability edits none of them (docs/decisions/011-capability-manifests.md).
import type { DbOrTx } from '../db/client.ts';
import type { DomainDeps } from './domain-deps.ts';
import type { Listeners } from './events.ts';
import type { JobDefinition } from './jobs/index.ts';

/**
 * A person, as the capabilities know them: by email address(es), by user account, and by the
 * references other capabilities resolved (PersonRefs is augmented by the capabilities that add
 * one, e.g. the cases domain adds `cases`). Addresses are lower case.
 */
export interface PersonRef {
  emails: string[];
  userIds: string[];
  refs: PersonRefs;
}

// Filled by declaration merging, like EventMap.
export interface PersonRefs {}

export type PersonCounts = Record<string, number>;

/** The personal data a capability holds, so that a person can be shown, exported and erased. */
export interface PersonalData {
  /**
   * Adds this capability's references (and addresses) to the person before anything is counted or
   * erased: the cases domain adds the person's cases and the addresses of cases merged into them.
   */
  resolve?(q: DbOrTx, person: PersonRef, opts: { lock: boolean }): Promise<{ emails?: string[]; refs?: Partial<PersonRefs> }>;
  /** Erased only when the person or the team asks for this part too (an alert subscription). */
  optional?: boolean;
  /**
   * What it holds of the person, by kind: what erasure removes, and what it keeps because the
   * agency must (translated as `<capability>.personal_data.<kind>`).
   */
  count(q: DbOrTx, person: PersonRef, now: Date): Promise<{ erase: PersonCounts; keep?: PersonCounts }>;
  /** Everything it holds of the person, as plain JSON (art. 15 and 20 GDPR). */
  export(q: DbOrTx, person: PersonRef, now: Date): Promise<Record<string, unknown[]>>;
  /** Erases what it holds (its own mail included), inside the erasure's transaction. */
  erase(tx: DbOrTx, person: PersonRef, ctx: EraseContext): Promise<PersonCounts>;
  /**
   * Whether the person still has recent activity here (the retention run keeps them), since `since`.
   */
  activeSince?(q: DbOrTx, person: PersonRef, since: Date, now: Date): Promise<boolean>;
  /** Lower runs first; the capability that holds the person's identity (cases) erases last. */
  order?: number;
}

export interface EraseContext {
  deps: DomainDeps;
  now: Date;
  /** Why: 'request' (art. 17) or 'retention'. */
  reason: 'request' | 'retention';
}

/**
 * Hooks run inside another capability's transaction, for what must change atomically with it (the
 * cases domain merging two cases asks each capability holding case ids to re-point them). Declared
 * by the capability that runs them, by augmenting HookMap like EventMap.
 */
export interface HookMap {}

export type Hooks = { [K in keyof HookMap]?: (tx: DbOrTx, payload: HookMap[K]) => Promise<void> };

/** Runs every manifest's hook of `name`, in manifest order, inside `tx`. */
export async function runHooks<K extends keyof HookMap>(manifests: readonly DomainManifest[], name: K, tx: DbOrTx, payload: HookMap[K]): Promise<void> {
  for (const m of manifests) {
    const hook = m.hooks?.[name] as ((tx: DbOrTx, p: HookMap[K]) => Promise<void>) | undefined;
    if (hook) await hook(tx, payload);
  }
}

/**
 * Read-only services one capability offers others that must not import it (it imports them):
 * the leads capability offers `leads.contact` to the appointments that book for a lead, whose
 * acknowledgement mail carries the booking link. Declared by the provider, by augmenting ProvidedMap.
 */
export interface ProvidedMap {}

export type Provides = { [K in keyof ProvidedMap]?: ProvidedMap[K] };

/** The service of `name` some manifest provides; throws when none does (a wiring mistake). */
export function provided<K extends keyof ProvidedMap>(manifests: readonly DomainManifest[], name: K): ProvidedMap[K] {
  for (const m of manifests) {
    const p = m.provides?.[name];
    if (p) return p as ProvidedMap[K];
  }
  throw new Error(`no capability provides ${String(name)}`);
}

/** What a demo seed may share with the seeds that run after it. */
export interface DemoContext {
  deps: DomainDeps;
  /** Values earlier seeds left for later ones (`organisations.host` → the host organisation's id…). */
  shared: Map<string, unknown>;
  /** Sign-ins the demo prints: staff, partner referents, members… */
  signIns: {
    label: string;
    email: string;
    password?: string;
    /** Where the person starts once signed in (a partner referent: their portal, /partner/<slug>). */
    where?: string;
  }[];
}

export interface DomainManifest {
  /** The folder's name, e.g. `leads`. */
  name: string;
  /** The policies (objects of rules) the capability declares, for docs and the permission tests. */
  policies?: object[];
  jobs?(deps: DomainDeps): JobDefinition<never>[];
  listeners?(deps: DomainDeps): Listeners;
  hooks?: Hooks;
  provides?: Provides;
  /** Work at boot once jobs are running (e.g. recovering what a crash left on the embedded database). */
  boot?(deps: DomainDeps, ctx: { embedded: boolean }): Promise<void>;
  personalData?: PersonalData;
  demo?: {
    /** Capabilities whose demo must exist first. */
    after?: string[];
    seed(ctx: DemoContext): Promise<void>;
  };
}

/** Identity function that gives a manifest its type where it is written. */
export const defineManifest = <M extends DomainManifest>(m: M): M => m;

/** Manifests sorted so that each demo seed runs after the ones it names; throws on a cycle. */
export function demoOrder(manifests: readonly DomainManifest[]): DomainManifest[] {
  const byName = new Map(manifests.map((m) => [m.name, m]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: DomainManifest[] = [];
  const visit = (m: DomainManifest) => {
    if (done.has(m.name)) return;
    if (visiting.has(m.name)) throw new Error(`demo seeds depend on each other in a cycle at ${m.name}`);
    visiting.add(m.name);
    for (const name of m.demo?.after ?? []) {
      const dep = byName.get(name);
      if (!dep) throw new Error(`${m.name}: its demo runs after ${name}, which no manifest declares`);
      visit(dep);
    }
    visiting.delete(m.name);
    done.add(m.name);
    out.push(m);
  };
  for (const m of [...manifests].sort((a, b) => a.name.localeCompare(b.name))) visit(m);
  return out;
}
