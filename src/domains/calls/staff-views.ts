// What the back-office call pages read, checked against the actor: the list with how many calls
// are in each state now (its tabs), and a call's page (the call, its outbound clicks, its history).
import { auditFor } from '../../platform/audit/index.ts';
import { can, type Actor } from '../../platform/authz/index.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { isUuid, type Paged } from '../../platform/query.ts';
import { forbidden, notFound, ok, type Result } from '../../platform/result.ts';
import { adminStateCounts, type CallHistoryEntry } from './admin-options.ts';
import { callRules } from './policy.ts';
import { getCallDetail, listAdminCalls, outboundClicks, type AdminCallFilter, type AdminCallItem, type CallDetail } from './queries.ts';
import type { CallState } from './state.ts';

export interface StaffCallList extends Paged<AdminCallItem> {
  /** Calls in each state now, and in all, whatever the other filters say. */
  counts: Record<CallState | 'all', number>;
}

/** One page of the back-office list, for staff who may read calls. */
export async function listCallsForStaff(deps: Pick<DomainDeps, 'db' | 'now'>, actor: Actor, f: AdminCallFilter): Promise<Result<StaffCallList>> {
  if (!can(actor, callRules.readAdmin)) return forbidden();
  const now = deps.now();
  const [page, counts] = await Promise.all([listAdminCalls(deps.db, f, now), adminStateCounts(deps.db, now)]);
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  return ok({ ...page, counts: { ...counts, all } });
}

export interface StaffCallPage {
  detail: CallDetail;
  /** Clicks on the apply button, all days together. */
  clicks: number;
  /** Who did what to the call and when, newest first. */
  history: CallHistoryEntry[];
}

/** A call's back-office page; an id that is not a UUID is as unknown as a missing call. */
export async function getCallForStaff(deps: Pick<DomainDeps, 'db' | 'now'>, actor: Actor, id: string): Promise<Result<StaffCallPage>> {
  if (!can(actor, callRules.readAdmin)) return forbidden();
  if (!isUuid(id)) return notFound();
  const detail = await getCallDetail(deps.db, id, deps.now());
  if (!detail) return notFound();
  const [clicks, history] = await Promise.all([outboundClicks(deps.db, id), auditFor(deps.db, 'call', id)]);
  return ok({ detail, clicks, history });
}
