// Test helpers for calls: made with buildCall (createCall, then publishCall when asked; in
// ./index.ts), read back as the back office reads them: one call's page (getCallForStaff: the call,
// its clicks and its history) and the list (listAdminCalls: counts, search).
import type { Db } from '../../src/db/client.ts';
import type { DomainDeps } from '../../src/platform/domain-deps.ts';
import { getCallForStaff, listAdminCalls, type StaffCallPage } from '../../src/domains/calls/index.ts';
import { ADMIN_ACTOR } from './index.ts';

export { buildCall, callInput } from './index.ts';

/** A call's back-office page: `detail.call` is the record, `history` its audit entries newest first. */
export async function staffCall(deps: Pick<DomainDeps, 'db' | 'now'>, id: string): Promise<StaffCallPage> {
  const r = await getCallForStaff(deps, ADMIN_ACTOR, id);
  if (!r.ok) throw new Error(`getCallForStaff: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** The call record itself, as its back-office page reads it. */
export const callRecord = async (deps: Pick<DomainDeps, 'db' | 'now'>, id: string) => (await staffCall(deps, id)).detail.call;

/** Every call, as the back-office list counts them. */
export const countCalls = async (deps: { db: Db; now: () => Date }) => (await listAdminCalls(deps.db, {}, deps.now())).total;

/** The calls the back-office search finds with exactly these titles. */
export async function callsTitled(deps: { db: Db; now: () => Date }, titles: string[]) {
  const found = await Promise.all(titles.map(async (t) => (await listAdminCalls(deps.db, { q: t }, deps.now())).items.filter((c) => c.title === t)));
  return found.flat();
}
