// Test helpers for a person seen across capabilities: their case (timeline, stage) as the back
// office reads it, found by their address.
import type { DbOrTx } from '../../src/db/client.ts';
import { caseIdByEmail, getCase, type CaseDetail } from '../../src/domains/cases/index.ts';
import { ADMIN_ACTOR } from './index.ts';

/** The person's case (not merged away) with its timeline, or null when they have none. */
export async function caseOf(db: DbOrTx, email: string): Promise<CaseDetail | null> {
  const id = await caseIdByEmail(db, ADMIN_ACTOR, email);
  return id ? caseById(db, id) : null;
}

/** A case by id with its timeline (the case kept, when this one was merged), or null when gone. */
export async function caseById(db: DbOrTx, id: string): Promise<CaseDetail | null> {
  const r = await getCase(db, ADMIN_ACTOR, id);
  if (!r.ok) {
    if (r.error.code === 'not_found') return null;
    throw new Error(`getCase: ${JSON.stringify(r.error)}`);
  }
  return 'mergedInto' in r.value ? caseById(db, r.value.mergedInto) : r.value;
}

/** The timeline entries of one kind on a case, newest first. */
export async function caseEventsOf(db: DbOrTx, caseId: string, kind?: string) {
  const c = await caseById(db, caseId);
  if (!c) throw new Error(`case ${caseId} not found`);
  return kind ? c.events.filter((e) => e.kind === kind) : c.events;
}
