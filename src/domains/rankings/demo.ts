// The demo's ranked list: a published list for the closed doctors' competition the calls seed
// leaves in `calls.ranked`, being worked down by the demo recruiter (an offer out, a refusal for
// housing before any offer, the next candidate proposed). Every candidate is a fictional "Demo"
// name at demo.approdo.example; it all goes through the desk's operations, as the team would do it.
// A second run finds the call's list and adds nothing.
import type { Actor } from '../../platform/authz/index.ts';
import { demoShared } from '../../platform/demo.ts';
import type { DemoContext } from '../../platform/manifest.ts';
import { openPosts, logContact, makeOffer, recordOutcome } from './desk.ts';
import { addCandidate, createList, listsOfCall, publishList } from './lists.ts';

/** Fictional candidates of the demo list, in rank order. */
export const DEMO_CANDIDATES = [
  { name: 'Giulia Demo Rossi', score: '88.5', preference: 'no', reserve: 'no', language: 'it' },
  { name: 'Marco Demo Bianchi', score: '85.25', preference: 'sì', reserve: 'no', language: 'it' },
  { name: 'Elena Demo Conti', score: '82', preference: 'no', reserve: 'no', language: 'en' },
  { name: 'Paolo Demo Ferri', score: '80.75', preference: 'no', reserve: 'sì', language: 'it' },
  { name: 'Sara Demo Galli', score: '79.5', preference: 'no', reserve: 'no', language: 'it' },
  { name: 'Luca Demo Moretti', score: '77', preference: 'no', reserve: 'no', language: 'it' },
  { name: 'Anna Demo Riva', score: '75.5', preference: 'no', reserve: 'no', language: 'it' },
  { name: 'Davide Demo Sala', score: '74', preference: 'no', reserve: 'no', language: 'it' },
];

function must<T>(r: { ok: true; value: T } | { ok: false; error: unknown }, what: string): T {
  if (!r.ok) throw new Error(`demo ranked list, ${what}: ${JSON.stringify(r.error)}`);
  return r.value;
}

const emailOf = (name: string) => `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@demo.approdo.example`;

export async function seedRankingsDemo(ctx: DemoContext): Promise<void> {
  const { deps } = ctx;
  const actor = demoShared<Record<'recruiter', Actor>>(ctx, 'accounts.staff').recruiter;
  const callId = ctx.shared.get('calls.ranked');
  if (typeof callId !== 'string') return; // the demo calls hold no closed doctors' competition
  const existing = must(await listsOfCall(deps, actor, callId), 'lists of the call');
  if (existing.lists.length) return;
  const list = must(await createList(deps, actor, callId, { kind: 'main', actRef: 'Demo – Delibera del direttore generale n. 000/2026 (non esiste)', answerDays: 7, reminderDays: 2 }), 'list');
  for (const [i, c] of DEMO_CANDIDATES.entries()) {
    must(await addCandidate(deps, actor, list.id, { rank: String(i + 1), name: c.name, email: emailOf(c.name), phone: `0461 00000${i}`, score: c.score, preference: c.preference, reserve: c.reserve, language: c.language }), `candidate ${i + 1}`);
  }
  must(await publishList(deps, actor, list.id), 'publish');
  // Two posts: the first candidate reached and offered; the second says no (housing) before an
  // offer, so the desk proposes the third.
  const proposed = must(await openPosts(deps, actor, list.id, { posts: 2, note: 'Demo: due posti da coprire' }), 'open posts').proposed;
  const [first, second] = proposed;
  if (first) {
    must(await logContact(deps, actor, first.id, { channel: 'phone', outcome: 'reached', notes: 'Demo: interessata, attende la proposta scritta.' }), 'contact 1');
    must(await makeOffer(deps, actor, first.id), 'offer 1');
  }
  if (second) {
    must(await logContact(deps, actor, second.id, { channel: 'phone', outcome: 'reached' }), 'contact 2');
    must(await recordOutcome(deps, actor, second.id, { outcome: 'renounced', reason: 'housing', reasonText: 'Demo: non trova casa vicino alla sede.' }), 'renunciation 2');
  }
}
