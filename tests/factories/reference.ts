// Test helpers for the reference data: an edge of the relation graph added through addEdge (as the
// admin form does, with its source), and edges and specialisations read back through the domain's
// queries (getEdge, getSpecialisation).
import type { DbOrTx } from '../../src/db/client.ts';
import type { DomainDeps } from '../../src/platform/domain-deps.ts';
import { addEdge, getEdge, getSpecialisation, type Edge, type NewEdge } from '../../src/domains/reference/index.ts';
import { ADMIN_ACTOR } from './index.ts';

/** An edge added by an admin: an affine specialisation of a discipline, sourced from the DM of 1998. */
export async function buildEdge(deps: Pick<DomainDeps, 'db' | 'events'>, over: Partial<NewEdge> & { disciplineCode: string }): Promise<Edge> {
  const r = await addEdge(deps, ADMIN_ACTOR, { kind: 'affine', source: 'DM 31-1-1998', ...over } as NewEdge);
  if (!r.ok) throw new Error(`addEdge: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** An edge as its admin page reads it (with the discipline's and specialisation's names). */
export async function edgeOf(db: DbOrTx, id: string) {
  const r = await getEdge(db, ADMIN_ACTOR, id);
  if (!r.ok) throw new Error(`getEdge: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** A specialisation by code, or null. */
export const specialisationOf = (db: DbOrTx, code: string) => getSpecialisation(db, code);
