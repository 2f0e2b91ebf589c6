// The visible state of a call follows from its stored status and the clock:
// draft → scheduled (publishAt ahead) → open → closed (deadline passed or closed by hand) → archived.
import { and, eq, gt, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { calls, type CallStatus } from './tables.ts';

export const CALL_STATES = ['draft', 'scheduled', 'open', 'closed', 'archived'] as const;
export type CallState = (typeof CALL_STATES)[number];

export function callState(c: { status: CallStatus; publishAt: Date | null; deadline: Date | null; closedAt: Date | null }, now: Date): CallState {
  if (c.status === 'draft') return 'draft';
  if (c.status === 'archived') return 'archived';
  if (c.publishAt && c.publishAt > now) return 'scheduled';
  if (c.closedAt && c.closedAt <= now) return 'closed';
  if (c.deadline && c.deadline <= now) return 'closed';
  return 'open';
}

/** Calls anyone may see: published and past their publication time (open or closed). */
export const visibleWhere = (now: Date): SQL => and(eq(calls.status, 'published'), lte(calls.publishAt, now))!;

export const openWhere = (now: Date): SQL =>
  and(visibleWhere(now), gt(calls.deadline, now), or(isNull(calls.closedAt), gt(calls.closedAt, now)))!;

export const closedWhere = (now: Date): SQL =>
  and(visibleWhere(now), or(lte(calls.deadline, now), lte(calls.closedAt, now)))!;

export const stateWhere = (state: CallState, now: Date): SQL => {
  switch (state) {
    case 'draft':
      return eq(calls.status, 'draft');
    case 'archived':
      return eq(calls.status, 'archived');
    case 'scheduled':
      return and(eq(calls.status, 'published'), gt(calls.publishAt, now))!;
    case 'open':
      return openWhere(now);
    case 'closed':
      return closedWhere(now);
  }
};

export const nowParam = (now: Date) => sql`${now.toISOString()}::timestamptz`;
