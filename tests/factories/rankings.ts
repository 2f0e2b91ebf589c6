// Builders for the ranked lists: a closed call, a list with N candidates, published or not.
import type { DomainDeps } from '../../src/platform/domain-deps.ts';
import { closeCall, type Call } from '../../src/domains/calls/index.ts';
import { addCandidate, createList, getCandidate, getList, publishList, type CandidateDetail, type RankedCandidate, type RankedList } from '../../src/domains/rankings/index.ts';
import { ADMIN_ACTOR, buildCall } from './index.ts';

/** A published call closed by hand now: the only kind a ranked list can be made for. */
export async function buildClosedCall(deps: DomainDeps, over: Parameters<typeof buildCall>[1] = {}): Promise<Call> {
  const call = await buildCall(deps, over, { publish: true });
  const r = await closeCall(deps, ADMIN_ACTOR, call.id);
  if (!r.ok) throw new Error(`closeCall: ${JSON.stringify(r.error)}`);
  return r.value as Call;
}

let seq = 0;
/** A ranked list of `candidates` people (rank 1..n, distinct emails), published unless told otherwise. */
export async function buildRankedList(
  deps: DomainDeps,
  opts: { callId?: string; kind?: 'main' | 'residents'; candidates?: number; publish?: boolean; answerDays?: number; reminderDays?: number; locale?: (i: number) => 'it' | 'en' } = {},
): Promise<RankedList> {
  const callId = opts.callId ?? (await buildClosedCall(deps)).id;
  const r = await createList(deps, ADMIN_ACTOR, callId, { kind: opts.kind ?? 'main', actRef: 'Determina n. 12/2026', approvedOn: '2026-03-01', answerDays: opts.answerDays ?? 7, reminderDays: opts.reminderDays ?? 2 });
  if (!r.ok) throw new Error(`createList: ${JSON.stringify(r.error)}`);
  const n = opts.candidates ?? 3;
  const run = ++seq;
  for (let i = 1; i <= n; i++) {
    const a = await addCandidate(deps, ADMIN_ACTOR, r.value.id, {
      rank: String(i),
      name: `Candidato ${run}-${i}`,
      email: `candidato.${run}.${i}@example.org`,
      pec: `candidato.${run}.${i}@pec.example.org`,
      phone: '+39 0461 000000',
      score: String(90 - i),
      language: opts.locale?.(i) ?? 'it',
      preference: i === 2 ? '1' : '',
    });
    if (!a.ok) throw new Error(`addCandidate: ${JSON.stringify(a.error)}`);
  }
  if (opts.publish === false) return r.value;
  const p = await publishList(deps, ADMIN_ACTOR, r.value.id);
  if (!p.ok) throw new Error(`publishList: ${JSON.stringify(p.error)}`);
  return p.value;
}

// ---------- reading back through the domain's queries ----------

/** The list's candidates as the desk shows them (getList), by rank. */
export async function candidatesOf(deps: DomainDeps, listId: string): Promise<RankedCandidate[]> {
  const r = await getList(deps, ADMIN_ACTOR, listId);
  if (!r.ok) throw new Error(`getList: ${JSON.stringify(r.error)}`);
  return r.value.candidates;
}

/** The candidate at this rank of the list (getList). */
export async function candidateAt(deps: DomainDeps, listId: string, rank: number): Promise<RankedCandidate> {
  const c = (await candidatesOf(deps, listId)).find((x) => x.rank === rank);
  if (!c) throw new Error(`no candidate at rank ${rank} of list ${listId}`);
  return c;
}

/** Each rank's state, `{ 1: 'proposed', 2: 'waiting', … }`. */
export async function candidateStates(deps: DomainDeps, listId: string): Promise<Record<number, string>> {
  return Object.fromEntries((await candidatesOf(deps, listId)).map((c) => [c.rank, c.state]));
}

/** One candidate with their contact attempts and offers, as their desk page reads them (getCandidate). */
export async function candidateDetail(deps: DomainDeps, candidateId: string): Promise<CandidateDetail> {
  const r = await getCandidate(deps, ADMIN_ACTOR, candidateId);
  if (!r.ok) throw new Error(`getCandidate: ${JSON.stringify(r.error)}`);
  return r.value;
}
