// Rules decide on the actor (staff role, memberships) and the record; list scoping follows the
// same rule, so a row a rule denies is never loaded.
import { describe, expect, it } from 'vitest';
import { PgDialect } from 'drizzle-orm/pg-core';
import { pgTable, text } from 'drizzle-orm/pg-core';
import { anonymousActor, can, definePolicy, memberOf, rulesOf, scopeIds, scopeWhere, staff, SYSTEM_ACTOR, userActor, when, type Actor } from './index.ts';

const t = pgTable('t', { orgId: text('org_id') });
const render = (q: ReturnType<typeof scopeWhere>) => (q ? new PgDialect().sqlToQuery(q) : null);

const p = definePolicy('things', {
  list: staff('admin', 'recruiter'),
  read: memberOf<{ orgId: string }>('organisation', (r) => r.orgId, ['referent', 'operator'], ['admin']),
  change: when(memberOf<{ orgId: string; locked: boolean }>('organisation', (r) => r.orgId, ['referent']), 'only while not locked', (_a, r) => !r.locked),
});

const member = (role: string, id: string): Actor => userActor({ id: `u-${id}`, email: 'x@example.test', role: null }, [{ scope: 'organisation', id, role }]);

describe('rules', () => {
  it('are named after their policy, in snake case', () => {
    expect(rulesOf(p).map((r) => r.action)).toEqual(['things.list', 'things.read', 'things.change']);
  });

  it('staff rules follow the role; the system may do everything; anonymous visitors nothing', () => {
    expect(can(userActor({ id: 'a', email: 'a@x', role: 'recruiter' }), p.list)).toBe(true);
    expect(can(userActor({ id: 'e', email: 'e@x', role: 'editor' }), p.list)).toBe(false);
    expect(can(SYSTEM_ACTOR, p.list)).toBe(true);
    expect(can(anonymousActor(), p.list)).toBe(false);
  });

  it('record rules: the role in the record\'s own organisation, never another\'s', () => {
    expect(can(member('referent', 'A'), p.read, { orgId: 'A' })).toBe(true);
    expect(can(member('operator', 'A'), p.read, { orgId: 'A' })).toBe(true);
    expect(can(member('referent', 'B'), p.read, { orgId: 'A' })).toBe(false);
    expect(can(member('viewer', 'A'), p.read, { orgId: 'A' })).toBe(false);
    expect(can(userActor({ id: 'a', email: 'a@x', role: 'admin' }), p.read, { orgId: 'A' })).toBe(true);
    expect(can(userActor({ id: 'r', email: 'r@x', role: 'recruiter' }), p.read, { orgId: 'A' })).toBe(false);
  });

  it('conditions narrow a rule and say so in its doc', () => {
    expect(can(member('referent', 'A'), p.change, { orgId: 'A', locked: false })).toBe(true);
    expect(can(member('referent', 'A'), p.change, { orgId: 'A', locked: true })).toBe(false);
    expect(p.change.doc.note).toBe('only while not locked');
  });
});

describe('scopeWhere', () => {
  it('adds nothing for the staff the rule allows, the actor\'s own organisations for members, no row otherwise', () => {
    expect(scopeWhere(userActor({ id: 'a', email: 'a@x', role: 'admin' }), p.read, t.orgId)).toBeUndefined();
    const m = userActor({ id: 'm', email: 'm@x', role: null }, [
      { scope: 'organisation', id: 'A', role: 'referent' },
      { scope: 'organisation', id: 'C', role: 'viewer' },
      { scope: 'group', id: 'G', role: 'referent' },
    ]);
    expect(scopeIds(m, 'organisation', ['referent', 'operator'])).toEqual(['A']);
    expect(render(scopeWhere(m, p.read, t.orgId))).toMatchObject({ sql: '"t"."org_id" in ($1)', params: ['A'] });
    expect(render(scopeWhere(userActor({ id: 'r', email: 'r@x', role: 'recruiter' }), p.read, t.orgId))?.sql).toBe('false');
    expect(render(scopeWhere(anonymousActor(), p.read, t.orgId))?.sql).toBe('false');
  });
});
