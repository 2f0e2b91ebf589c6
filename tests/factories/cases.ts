// Test data builders for cases: a case typed in through createCase, moved to a stage through
// changeStage (the back office's own path), and read back as the case page reads it (getCase) or
// as the list finds it (listCases). The clock of `deps` dates what they do.
import type { DbOrTx } from '../../src/db/client.ts';
import type { Actor } from '../../src/platform/authz/index.ts';
import type { DomainDeps } from '../../src/platform/domain-deps.ts';
import { changeStage, createCase, getCase, listCases, type Case, type CaseDetail, type CaseListItem, type CaseStage } from '../../src/domains/cases/index.ts';
import { ADMIN_ACTOR } from './index.ts';

let n = 0;

/** A case typed in by hand (Italian, a fresh address unless `email` is given; `email: ''` for none). */
export async function buildCase(deps: DomainDeps, over: Record<string, string> = {}, actor: Actor = ADMIN_ACTOR): Promise<Case> {
  const r = await createCase(deps, actor, { name: 'Persona di prova', email: `caso.${++n}.${Date.now()}@example.org`, locale: 'it', ...over });
  if (!r.ok) throw new Error(`createCase: ${JSON.stringify(r.error)}`);
  return r.value;
}

// The path changeStage takes to each stage ('retained' only after 'arrived', 'lost' with a reason).
const PATH: Record<CaseStage, CaseStage[]> = {
  interested: [],
  in_contact: ['in_contact'],
  offer: ['offer'],
  accepted: ['accepted'],
  arrived: ['arrived'],
  retained: ['arrived', 'retained'],
  lost: ['lost'],
};

/** A case typed in and moved to `stage` by the back office (one stage event per step). */
export async function buildCaseAt(deps: DomainDeps, stage: CaseStage, over: Record<string, string> = {}, actor: Actor = ADMIN_ACTOR): Promise<Case> {
  let c = await buildCase(deps, over, actor);
  for (const s of PATH[stage]) {
    const r = await changeStage(deps, actor, c.id, { stage: s, lostReason: s === 'lost' ? 'Motivo di prova' : '' });
    if (!r.ok) throw new Error(`changeStage ${s}: ${JSON.stringify(r.error)}`);
    c = r.value;
  }
  return c;
}

/** A case that is not merged away, with its timeline and tasks (getCase). */
export async function caseDetail(db: DbOrTx, id: string, actor: Actor = ADMIN_ACTOR): Promise<CaseDetail> {
  const r = await getCase(db, actor, id);
  if (!r.ok) throw new Error(`getCase: ${JSON.stringify(r.error)}`);
  if ('mergedInto' in r.value) throw new Error(`case ${id} was merged into ${r.value.mergedInto}`);
  return r.value;
}

/** The case record itself (getCase), for its stage, source, contact data… */
export const caseRecord = async (db: DbOrTx, id: string): Promise<Case> => (await caseDetail(db, id)).case;

/** The cases the back-office list finds at exactly this address (merged ones are not listed). */
export async function casesWithEmail(db: DbOrTx, email: string): Promise<CaseListItem[]> {
  const r = await listCases(db, ADMIN_ACTOR, { q: email });
  if (!r.ok) throw new Error(`listCases: ${JSON.stringify(r.error)}`);
  return r.value.items.filter((i) => i.email === email.toLowerCase());
}
