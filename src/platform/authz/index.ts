// Authorization: who is acting (an actor with a staff role and memberships), and typed rules that
// each domain declares in its policy.ts. Every entry point — back office, partner portal, API,
// jobs — asks the same rule with the same actor; list queries go through scopeWhere(), so a record
// another organisation owns is never loaded (a 404, never a 403 that confirms it exists).
import { inArray, sql, type Column, type SQL } from 'drizzle-orm';

export const STAFF_ROLES = ['admin', 'recruiter', 'editor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** What a membership is of: an organisation of the network, or a community group. */
export const SCOPE_KINDS = ['organisation', 'group'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export interface Membership {
  scope: ScopeKind;
  /** The organisation's or group's id. */
  id: string;
  /** The role in it, as the capability that owns the scope names them (e.g. `referent`). */
  role: string;
}

export interface Actor {
  /** A user id, `api:<tokenId>`, or null for the system and anonymous visitors. */
  id: string | null;
  label: string;
  /** A staff role; `member` is a signed-in person without one (partner referent, member…). */
  role: StaffRole | 'member' | 'system' | 'anonymous';
  memberships: readonly Membership[];
  requestId?: string;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ id: null, label: 'system', role: 'system', memberships: [] });

export const systemActor = (label = 'system'): Actor => ({ id: null, label, role: 'system', memberships: [] });

/** A visitor without an account (a sign-up form, a signed link): audited by `label`. */
export const anonymousActor = (label = 'anonymous', requestId?: string): Actor => ({ id: null, label, role: 'anonymous', memberships: [], requestId });

/** A signed-in person: staff with their role, anyone else as a member of their organisations or groups. */
export function userActor(user: { id: string; email: string; role: StaffRole | null }, memberships: readonly Membership[] = [], requestId?: string): Actor {
  return { id: user.id, label: user.email, role: user.role ?? 'member', memberships, requestId };
}

export const isStaff = (actor: Actor): actor is Actor & { role: StaffRole } => (STAFF_ROLES as readonly string[]).includes(actor.role);

/** The ids of the scopes of `kind` where the actor holds one of `roles` (any role when empty). */
export function scopeIds(actor: Actor, kind: ScopeKind, roles: readonly string[] = []): string[] {
  return actor.memberships.filter((m) => m.scope === kind && (!roles.length || roles.includes(m.role))).map((m) => m.id);
}

export function membershipIn(actor: Actor, kind: ScopeKind, id: string): Membership | undefined {
  return actor.memberships.find((m) => m.scope === kind && m.id === id);
}

// ---------------------------------------------------------------------------------------------
// Rules

/** What a rule allows, in words docs/permissions.md can print. */
export interface RuleDoc {
  /** Staff roles allowed on every record. */
  staff: readonly StaffRole[];
  /** Members allowed on the records of their own organisation or group, with one of these roles. */
  members?: { scope: ScopeKind; roles: readonly string[] };
  /** A condition on the record beyond the above (shown as written). */
  note?: string;
}

/** A typed rule: `R` is the record it decides on (`undefined` for rules about a whole section). */
export interface Rule<R = undefined> {
  /** `<policy>.<rule>`, e.g. `leads.erase`: for docs, audit and error logs. */
  readonly action: string;
  readonly doc: RuleDoc;
  readonly check: (actor: Actor, record: R) => boolean;
}

export type RuleSpec<R = undefined> = Omit<Rule<R>, 'action'>;

/** Allowed to these staff roles, whatever the record. */
export function staff(...roles: StaffRole[]): RuleSpec<undefined> {
  return { doc: { staff: roles }, check: (actor) => (roles as string[]).includes(actor.role) };
}

/**
 * Staff with `staffRoles` on every record; members with one of `roles` in the record's own
 * organisation or group (read from the record by `of`).
 */
export function memberOf<R>(scope: ScopeKind, of: (record: R) => string | null | undefined, roles: readonly string[], staffRoles: readonly StaffRole[] = []): RuleSpec<R> {
  return {
    doc: { staff: staffRoles, members: { scope, roles } },
    check: (actor, record) => {
      if ((staffRoles as readonly string[]).includes(actor.role)) return true;
      const id = record === undefined ? null : of(record);
      return !!id && actor.memberships.some((m) => m.scope === scope && m.id === id && (!roles.length || roles.includes(m.role)));
    },
  };
}

/** A rule narrowed by a condition on the record (e.g. "only while the list is a draft"). */
export function when<R>(base: RuleSpec<R>, note: string, condition: (actor: Actor, record: R) => boolean): RuleSpec<R> {
  return { doc: { ...base.doc, note }, check: (actor, record) => base.check(actor, record) && condition(actor, record) };
}

export type Policy<T extends Record<string, RuleSpec<never>>> = { readonly [K in keyof T]: T[K] extends RuleSpec<infer R> ? Rule<R> : never };

const snake = (s: string) => s.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/** A domain's rules under one name: `definePolicy('leads', { read: staff('admin', 'recruiter') })`. */
export function definePolicy<const T extends Record<string, RuleSpec<never>>>(name: string, specs: T): Policy<T> {
  const out: Record<string, Rule<never>> = {};
  for (const [key, spec] of Object.entries(specs)) out[key] = Object.freeze({ ...spec, action: `${name}.${snake(key)}` });
  return Object.freeze(out) as Policy<T>;
}

/** The rules of a policy, for docs/permissions.md and the permission tests. */
export function rulesOf(policy: object): Rule<never>[] {
  return Object.values(policy).filter((r): r is Rule<never> => !!r && typeof r === 'object' && typeof (r as Rule).action === 'string');
}

/** Whether the actor may; the system (jobs, CLI, seeds) may do everything. */
export function can<R>(actor: Actor, rule: Rule<R>, ...record: R extends undefined ? [record?: R] : [record: R]): boolean {
  if (actor.role === 'system') return true;
  return rule.check(actor, record[0] as R);
}

/**
 * The condition that keeps a list to what the actor may see under `rule`: nothing for the staff
 * roles it allows, the actor's own organisations (or groups) for members, no row for anyone else.
 * `column` holds the owning organisation's (or group's) id on the listed table.
 */
export function scopeWhere(actor: Actor, rule: Rule<never>, column: Column | SQL): SQL | undefined {
  if (actor.role === 'system' || (rule.doc.staff as readonly string[]).includes(actor.role)) return undefined;
  const m = rule.doc.members;
  const ids = m ? scopeIds(actor, m.scope, m.roles) : [];
  return ids.length ? inArray(column as Column, ids) : sql`false`;
}
