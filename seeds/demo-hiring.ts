// The demo's hiring desk: a published ranked list for a closed demo call being worked down (an
// offer out, a refusal for housing, the next candidate proposed), the welcome team's availability,
// an upcoming webinar and a directors' meeting with its levers. Every person is a fictional
// "(demo)" name at an example address; it all goes through the domains, as the team would do it.
import { and, asc, eq, lt } from 'drizzle-orm';
import type { Actor } from '../src/platform/authz/index.ts';
import type { DomainDeps } from '../src/platform/domain-deps.ts';
import { toRomeLocal } from '../src/platform/i18n/format.ts';
import { users } from '../src/domains/accounts/tables.ts';
import { calls } from '../src/domains/calls/tables.ts';
import { addCandidate, createList, logContact, makeOffer, openPosts, publishList, recordOutcome } from '../src/domains/rankings/index.ts';
import { addRule } from '../src/domains/appointments/index.ts';
import { addLever, createMeeting } from '../src/domains/meetings/index.ts';

const DAY = 86_400_000;

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
  if (!r.ok) throw new Error(`demo hiring desk, ${what}: ${JSON.stringify(r.error)}`);
  return r.value;
}

const emailOf = (name: string) => `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@demo.approdo.example`;

/** Needs the demo staff (the recruiter works the desk); does nothing without them. */
export async function seedHiringDemo(deps: DomainDeps, recruiterEmail: string): Promise<{ list: string } | null> {
  const [u] = await deps.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, recruiterEmail));
  if (!u) return null;
  const actor: Actor = { id: u.id, label: u.email, role: 'recruiter', memberships: [] };
  const now = deps.now();
  // The first public competition for doctors whose deadline has passed gets the ranked list.
  const [call] = await deps.db
    .select({ id: calls.id, title: calls.title })
    .from(calls)
    .where(and(eq(calls.isDemo, true), lt(calls.deadline, now), eq(calls.professionCode, 'medico_chirurgo'), eq(calls.type, 'concorso_pubblico')))
    .orderBy(asc(calls.deadline))
    .limit(1);
  if (!call) return null;

  const list = must(await createList(deps, actor, call.id, { kind: 'main', actRef: 'Demo – Delibera del direttore generale n. 000/2026 (non esiste)', answerDays: 7, reminderDays: 2 }), 'list');
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

  // The welcome team's availability for talks: Tuesday and Thursday mornings, by video.
  for (const weekday of ['2', '4']) {
    must(await addRule(deps, actor, { weekday, startTime: '09:00', endTime: '12:00', slotMinutes: '30', bufferMinutes: '10', mode: 'video', location: 'https://meet.example.org/accoglienza-demo' }), 'availability');
  }

  // A public webinar in ten days, and last month's meeting with the internal medicine directors.
  const soon = toRomeLocal(new Date(now.getTime() + 10 * DAY));
  must(
    await createMeeting(deps, actor, {
      kind: 'webinar',
      title: 'Lavorare e vivere da noi: il webinar per i professionisti (demo)',
      descriptionMd: "*Contenuto dimostrativo.* Il team accoglienza presenta i bandi aperti, l'alloggio, le scuole e il lavoro per chi arriva con la famiglia.",
      date: soon.date,
      startTime: '18:00',
      endTime: '19:00',
      mode: 'video',
      location: 'https://meet.example.org/webinar-demo',
      capacity: '100',
      registrationOpen: 'on',
    }),
    'webinar',
  );
  const past = toRomeLocal(new Date(now.getTime() - 30 * DAY));
  const directors = must(
    await createMeeting(deps, actor, {
      kind: 'directors',
      title: 'Incontro con i direttori di Medicina interna (demo)',
      disciplineCode: '15',
      date: past.date,
      startTime: '14:00',
      endTime: '15:30',
      mode: 'in_person',
      location: 'Sala riunioni della direzione (demo)',
    }),
    'directors meeting',
  );
  for (const l of [
    { kind: 'housing', description: 'Foresteria per i primi sei mesi (demo)', owner: 'Ufficio accoglienza' },
    { kind: 'training', description: 'Percorso di ecografia clinica con crediti ECM (demo)', owner: 'Direttore di struttura' },
    { kind: 'schedule', description: 'Turni programmati con tre mesi di anticipo (demo)', owner: '' },
  ]) {
    must(await addLever(deps, actor, directors.id, l), 'lever');
  }
  return { list: list.id };
}
