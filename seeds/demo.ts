// The demo dataset: a fictional "Azienda Sanitaria Demo" with employers, a partner, staff users and
// about 40 calls (open, scheduled, closed) across professions, disciplines, types and provinces,
// and (with the demo staff) the hiring desk's demo: a ranked list being worked, meetings, availability.
// Everything is marked as demo (is_demo, "(demo)" in names, example.org addresses) and the site
// shows a demo banner while it exists. Idempotent: a second run changes nothing.
import { eq } from 'drizzle-orm';
import type { Actor } from '../src/platform/authz/index.ts';
import { createConfirmedSubscriber, type SubscriptionPrefs } from '../src/domains/alerts/index.ts';
import type { DomainDeps } from '../src/platform/domain-deps.ts';
import { organisations } from '../src/domains/organisations/tables.ts';
import { createCall, publishCall, closeCall, type CallType } from '../src/domains/calls/index.ts';
import type { CallInputRaw } from '../src/domains/calls/input.ts';
import { seedHiringDemo } from './demo-hiring.ts';

export const DEMO_HOST_SLUG = 'azienda-sanitaria-demo';
export const DEMO_PASSWORD = 'demo-approdo-2026';
export const DEMO_USERS = [
  { email: 'admin@demo.approdo.example', name: 'Amministratrice Demo', role: 'admin' as const },
  { email: 'selezione@demo.approdo.example', name: 'Ufficio selezione Demo', role: 'recruiter' as const },
  { email: 'redazione@demo.approdo.example', name: 'Redazione Demo', role: 'editor' as const },
];

const SYSTEM: Actor = { id: null, label: 'demo-seed', role: 'system', memberships: [] };
const DAY = 86_400_000;

const ORGS = [
  { slug: DEMO_HOST_SLUG, name: 'Azienda Sanitaria Demo', kind: 'health_agency' as const, isEmployer: true, isHost: true, comuneCode: '022205', website: 'https://www.example.org/azienda-sanitaria-demo' },
  { slug: 'ospedale-del-lago-demo', name: 'Ospedale del Lago (demo)', kind: 'public_hospital' as const, isEmployer: true, comuneCode: '022153' },
  { slug: 'clinica-monte-verde-demo', name: 'Clinica privata Monte Verde (demo)', kind: 'private_hospital' as const, isEmployer: true, comuneCode: '023091' },
  { slug: 'rsa-villa-serena-demo', name: 'RSA Villa Serena (demo)', kind: 'nursing_home' as const, isEmployer: true, comuneCode: '022161' },
  { slug: 'apt-valli-demo', name: 'Azienda per il turismo delle Valli (demo)', kind: 'tourism_board' as const, isPartner: true, comuneCode: '022050' },
];

// Workplaces in four provinces, so the province filter has something to do.
const PLACES = [['022205'], ['022161'], ['022153', '022006'], ['022062'], ['022050'], ['022139', '022022'], ['022199'], ['023091'], ['021008'], ['017029'], ['024116']];

type Spec = { title: string; type: CallType; profession: string; discipline?: number; term: 'indeterminato' | 'determinato' | 'libero_professionale' | 'convenzione' | 'borsa'; part?: boolean };
const SPECS: Spec[] = [
  { title: 'Dirigente medico – Medicina interna', type: 'concorso_pubblico', profession: 'medico_chirurgo', discipline: 15, term: 'indeterminato' },
  { title: 'Dirigente medico – Cardiologia', type: 'concorso_pubblico', profession: 'medico_chirurgo', discipline: 3, term: 'indeterminato' },
  { title: "Dirigente medico – Medicina d'emergenza-urgenza", type: 'concorso_pubblico', profession: 'medico_chirurgo', discipline: 13, term: 'indeterminato' },
  { title: 'Dirigente medico – Geriatria', type: 'avviso_tempo_determinato', profession: 'medico_chirurgo', discipline: 9, term: 'determinato' },
  { title: 'Dirigente medico – Nefrologia', type: 'concorso_pubblico', profession: 'medico_chirurgo', discipline: 19, term: 'indeterminato' },
  { title: 'Dirigente medico – Anestesia e rianimazione', type: 'concorso_pubblico', profession: 'medico_chirurgo', discipline: 43, term: 'indeterminato' },
  { title: 'Dirigente medico – Pediatria', type: 'avviso_tempo_determinato', profession: 'medico_chirurgo', discipline: 24, term: 'determinato' },
  { title: 'Dirigente medico – Radiodiagnostica', type: 'concorso_pubblico', profession: 'medico_chirurgo', discipline: 54, term: 'indeterminato' },
  { title: 'Dirigente medico – Cure palliative', type: 'incarico_libero_professionale', profession: 'medico_chirurgo', discipline: 114, term: 'libero_professionale', part: true },
  { title: 'Dirigente medico – Psichiatria', type: 'mobilita', profession: 'medico_chirurgo', discipline: 25, term: 'indeterminato' },
  { title: 'Dirigente medico – Ginecologia e ostetricia', type: 'concorso_pubblico', profession: 'medico_chirurgo', discipline: 36, term: 'indeterminato' },
  { title: 'Dirigente medico – Ortopedia e traumatologia', type: 'avviso_tempo_determinato', profession: 'medico_chirurgo', discipline: 39, term: 'determinato' },
  { title: 'Medico di medicina generale – zone carenti', type: 'zona_carente', profession: 'medico_chirurgo', discipline: 58, term: 'convenzione' },
  { title: 'Pediatra di libera scelta – zone carenti', type: 'zona_carente', profession: 'medico_chirurgo', discipline: 60, term: 'convenzione' },
  { title: 'Incarichi di continuità assistenziale (guardia medica)', type: 'continuita_assistenziale', profession: 'medico_chirurgo', discipline: 59, term: 'convenzione', part: true },
  { title: 'Infermiere – area critica', type: 'concorso_pubblico', profession: 'infermiere', term: 'indeterminato' },
  { title: 'Infermiere – assistenza domiciliare', type: 'avviso_tempo_determinato', profession: 'infermiere', term: 'determinato' },
  { title: 'Infermiere pediatrico', type: 'concorso_pubblico', profession: 'infermiere_pediatrico', term: 'indeterminato' },
  { title: 'Ostetrica/o – punto nascita', type: 'concorso_pubblico', profession: 'ostetrica', term: 'indeterminato' },
  { title: 'Tecnico sanitario di radiologia medica', type: 'concorso_pubblico', profession: 'tsrm', term: 'indeterminato' },
  { title: 'Tecnico sanitario di laboratorio biomedico', type: 'avviso_tempo_determinato', profession: 'tslb', term: 'determinato' },
  { title: 'Fisioterapista – riabilitazione neurologica', type: 'mobilita', profession: 'fisioterapista', term: 'indeterminato' },
  { title: 'Borsa di studio per infermiere di ricerca', type: 'borsa_di_studio', profession: 'infermiere', term: 'borsa', part: true },
  { title: 'Dirigente farmacista – Farmacia ospedaliera', type: 'concorso_pubblico', profession: 'farmacista', discipline: 66, term: 'indeterminato' },
  { title: 'Logopedista – età evolutiva', type: 'incarico_libero_professionale', profession: 'logopedista', term: 'libero_professionale', part: true },
];

/** Open, scheduled or closed, spread so every state is represented. */
function plan(i: number): { state: 'open' | 'scheduled' | 'closed'; publishOffset: number; deadlineOffset: number } {
  if (i % 8 === 5) return { state: 'scheduled', publishOffset: 2 + (i % 9), deadlineOffset: 30 + (i % 20) };
  if (i % 8 === 7 || i % 8 === 3) return { state: 'closed', publishOffset: -(60 + (i % 30)), deadlineOffset: -(1 + (i % 40)) };
  return { state: 'open', publishOffset: -(1 + (i % 20)), deadlineOffset: 3 + ((i * 7) % 45) };
}

function description(s: Spec, org: string): string {
  return [
    `**${org}** ricerca personale per il profilo indicato. *Contenuto dimostrativo: questo bando non esiste.*`,
    '',
    '## Che cosa offriamo',
    '',
    '- inserimento in un gruppo di lavoro con tutor dedicato;',
    "- supporto dell'ufficio accoglienza per alloggio, scuola dei figli e lavoro del coniuge;",
    '- formazione continua con crediti ECM.',
    '',
    s.part ? 'Il rapporto è a tempo parziale.' : 'Il rapporto è a tempo pieno.',
  ].join('\n');
}

const REQUIREMENTS = [
  '- cittadinanza italiana o di uno Stato dell’Unione europea, o titolo equivalente previsto dalla legge;',
  "- titolo di studio richiesto per il profilo e iscrizione all'albo professionale;",
  '- per la dirigenza: specializzazione nella disciplina o in una disciplina equipollente o affine.',
].join('\n');

/**
 * Demo subscribers to the alerts (labelled: demo names, example addresses): created before the
 * calls, so the demo's opening calls fan out to them and the outbox shows real alerts with reasons.
 */
export const DEMO_SUBSCRIBERS: { email: string; prefs: SubscriptionPrefs }[] = [
  {
    email: 'geriatra.demo@demo.approdo.example',
    prefs: { name: 'Paola Demo (geriatra)', professionCode: 'medico_chirurgo', specialisations: [{ code: 'geriatria', inTraining: false, trainingYear: null }], provinces: ['022'], comuni: [], callTypes: [], alsoRelated: true, frequency: 'immediate', locale: 'it' },
  },
  {
    email: 'mau.specializzando.demo@demo.approdo.example',
    prefs: { name: 'Luca Demo (specializzando)', professionCode: 'medico_chirurgo', specialisations: [{ code: 'medicina-d-emergenza-urgenza', inTraining: true, trainingYear: 4 }], provinces: [], comuni: [], callTypes: [], alsoRelated: true, frequency: 'weekly', locale: 'it' },
  },
  {
    email: 'nurse.demo@demo.approdo.example',
    prefs: { name: 'Anna Demo (nurse)', professionCode: 'infermiere', specialisations: [], provinces: [], comuni: ['022205', '022161'], callTypes: [], alsoRelated: true, frequency: 'immediate', locale: 'en' },
  },
  {
    email: 'ostetrica.demo@demo.approdo.example',
    prefs: { name: 'Sara Demo (ostetrica)', professionCode: 'ostetrica', specialisations: [], provinces: [], comuni: [], callTypes: ['concorso_pubblico'], alsoRelated: true, frequency: 'immediate', locale: 'it' },
  },
];

export interface DemoResult {
  created: boolean;
  calls: number;
}

/**
 * Seeds the demo dataset. `count` repeats the call specs (the benchmark asks for 500 calls);
 * `createUsers` receives the demo staff accounts to create through the accounts domain.
 */
export async function seedDemo(
  deps: DomainDeps,
  opts: { count?: number; subscribers?: boolean; createUsers?: (users: typeof DEMO_USERS, password: string) => Promise<void> } = {},
): Promise<DemoResult> {
  const db = deps.db;
  const [existing] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, DEMO_HOST_SLUG));
  if (existing) return { created: false, calls: 0 };
  const orgIds: Record<string, string> = {};
  // A real installation already has its host agency: the demo agency then joins as an employer.
  const [host] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.isHost, true));
  for (const o of ORGS) {
    const [row] = await db
      .insert(organisations)
      .values({ isEmployer: false, isPartner: false, ...o, isHost: !host && o.slug === DEMO_HOST_SLUG, isDemo: true, email: `info@${o.slug}.example.org` })
      .returning({ id: organisations.id });
    orgIds[o.slug] = row.id;
  }
  if (opts.subscribers !== false) {
    for (const d of DEMO_SUBSCRIBERS) await createConfirmedSubscriber(deps, d.email, d.prefs, { isDemo: true, source: 'demo' });
  }
  const employers = ORGS.filter((o) => o.isEmployer);
  const total = opts.count ?? 40;
  const realNow = deps.now();
  let made = 0;
  for (let i = 0; i < total; i++) {
    const s = SPECS[i % SPECS.length];
    const org = employers[i % employers.length];
    const p = plan(i);
    const publishAt = new Date(realNow.getTime() + p.publishOffset * DAY);
    // Deadlines at noon, Rome time (10:00 or 11:00 UTC depending on the season is fine for demo data).
    const deadline = new Date(Math.floor((realNow.getTime() + p.deadlineOffset * DAY) / DAY) * DAY + 11 * 3600_000);
    const round = Math.floor(i / SPECS.length);
    const input: CallInputRaw = {
      title: round ? `${s.title} (${round + 1})` : s.title,
      type: s.type,
      employerId: orgIds[org.slug],
      professionCode: s.profession,
      disciplineCode: s.discipline ?? null,
      posts: 1 + (i % 4),
      contractTerm: s.term,
      contractHours: s.part ? 'part_time' : 'full_time',
      workplaces: PLACES[i % PLACES.length],
      specialisations: null,
      descriptionMd: description(s, org.name),
      requirementsMd: REQUIREMENTS,
      publishAt: null,
      deadline,
      officialRef: `Demo – BUR n. ${10 + (i % 40)}/2026`,
      applicationUrl: `https://www.example.org/domanda/demo-${i + 1}`,
      contactName: 'Ufficio concorsi (demo)',
      contactEmail: 'concorsi@demo.approdo.example',
      contactPhone: '0461 000000',
    };
    // Past publications are made "at the time" so the lifecycle rules hold as for real calls.
    const at = p.state === 'closed' ? new Date(publishAt.getTime()) : realNow;
    const when: DomainDeps = { ...deps, now: () => at };
    const created = await createCall(when, SYSTEM, input, { isDemo: true });
    if (!created.ok) throw new Error(`demo call ${i}: ${JSON.stringify(created.error)}`);
    const published = await publishCall(when, SYSTEM, created.value.id, p.state === 'scheduled' ? publishAt : null);
    if (!published.ok) throw new Error(`demo publish ${i}: ${JSON.stringify(published.error)}`);
    if (p.state === 'closed' && i % 16 === 15) {
      // One in a few closed early by hand, before the deadline.
      await closeCall({ ...deps, now: () => new Date(at.getTime() + DAY) }, SYSTEM, created.value.id);
    }
    made++;
  }
  if (opts.createUsers) {
    await opts.createUsers(DEMO_USERS, DEMO_PASSWORD);
    // The hiring desk needs a team member to work it: a ranked list, availability, meetings.
    await seedHiringDemo(deps, DEMO_USERS[1].email);
  }
  return { created: true, calls: made };
}
