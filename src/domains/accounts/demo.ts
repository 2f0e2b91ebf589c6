// The demo's people with an account: the staff (an administrator, a recruiter who works the hiring
// desk, an editor) and the referent of the demo partner, a person of the network with a membership
// in the tourism board (runs after the organisations seed, which leaves it in `organisations.partner`).
// One shared password printed by the CLI; demo names, addresses at demo.approdo.example; made
// through createUser, ensureAccount and grantMembership like any account, found again on a second run.
import { eq } from 'drizzle-orm';
import { systemActor, type Actor, type StaffRole } from '../../platform/authz/index.ts';
import { demoShared } from '../../platform/demo.ts';
import type { DemoContext } from '../../platform/manifest.ts';
import { createUser } from './create-user.ts';
import type { AccountsDeps } from './deps.ts';
import { ensureAccount, grantMembership, membershipsOf } from './memberships.ts';
import { setUserPassword } from './update-user.ts';
import { users } from './tables.ts';

export const DEMO_PASSWORD = 'demo-approdo-2026';
export const DEMO_STAFF = [
  { email: 'admin@demo.approdo.example', name: 'Amministratrice Demo', role: 'admin' },
  { email: 'selezione@demo.approdo.example', name: 'Ufficio selezione Demo', role: 'recruiter' },
  { email: 'redazione@demo.approdo.example', name: 'Redazione Demo', role: 'editor' },
] as const satisfies readonly { email: string; name: string; role: StaffRole }[];

/** The demo partner's referent: no staff role, a `referent` membership in the partner organisation. */
export const DEMO_REFERENT = { email: 'referente.valli@demo.approdo.example', name: 'Referente Valli Demo', role: 'referent' } as const;

/**
 * What later seeds find under `accounts.staff`: each demo staff role's account as the actor the seed
 * works as (`demoShared<DemoStaff>(ctx, 'accounts.staff').recruiter`, with `after: ['accounts']`).
 */
export type DemoStaff = Record<(typeof DEMO_STAFF)[number]['role'], Actor>;

/** The running app's deps carry better-auth (passwords are hashed by it); DomainDeps does not say so. */
function accountsDeps(deps: DemoContext['deps']): AccountsDeps {
  const d = deps as Partial<AccountsDeps> & DemoContext['deps'];
  if (!d.auth || !d.config) throw new Error('demo: the accounts seed needs the running app (auth and config)');
  return d as AccountsDeps;
}

export async function seedAccountsDemo(ctx: DemoContext): Promise<void> {
  const deps = accountsDeps(ctx.deps);
  const staff = {} as DemoStaff;
  for (const u of DEMO_STAFF) {
    const [found] = await deps.db.select({ id: users.id }).from(users).where(eq(users.email, u.email));
    let id = found?.id;
    if (!id) {
      const r = await createUser(deps, systemActor('demo-seed'), { ...u, password: DEMO_PASSWORD, locale: 'it' });
      if (!r.ok) throw new Error(`demo user ${u.email}: ${JSON.stringify(r.error)}`);
      id = r.value.user.id;
    }
    staff[u.role] = { id, label: u.email, role: u.role, memberships: [] };
    ctx.signIns.push({ label: u.role, email: u.email, password: DEMO_PASSWORD });
  }
  ctx.shared.set('accounts.staff', staff);
  await seedReferent(ctx, deps);
}

/** The referent of the demo partner (`organisations.partner`): an account, the membership, the password. */
async function seedReferent(ctx: DemoContext, deps: AccountsDeps): Promise<void> {
  const org = demoShared<{ id: string; slug: string; name: string }>(ctx, 'organisations.partner');
  const actor = systemActor('demo-seed');
  const now = deps.now();
  const account = await deps.db.transaction(async (tx) => {
    const a = await ensureAccount(deps, tx, actor, { name: DEMO_REFERENT.name, email: DEMO_REFERENT.email, locale: 'it' }, now);
    const held = await membershipsOf(tx, a.id);
    if (!held.some((m) => m.scope === 'organisation' && m.id === org.id)) {
      await grantMembership(tx, actor, { userId: a.id, scope: 'organisation', scopeId: org.id, role: DEMO_REFERENT.role }, now);
    }
    return a;
  });
  // People of the network sign in with a link by mail; the demo also gives them the shared password.
  if (account.created) {
    const r = await setUserPassword(deps, actor, account.id, DEMO_PASSWORD);
    if (!r.ok) throw new Error(`demo referent password: ${JSON.stringify(r.error)}`);
  }
  ctx.signIns.push({ label: 'partner referent', email: DEMO_REFERENT.email, password: DEMO_PASSWORD, where: `/partner/${org.slug}` });
  ctx.shared.set('accounts.referent', { id: account.id, email: DEMO_REFERENT.email, organisation: org });
}
