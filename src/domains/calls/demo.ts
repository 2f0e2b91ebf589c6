// The demo's calls: about 40 calls (open, scheduled, closed) of the demo employers across
// professions, disciplines, types and provinces, each saying it does not exist ("Demo – BUR…",
// demo.approdo.example contacts). Made through createCall and publishCall as the team would, past
// ones "at the time" so the lifecycle rules hold; then the clock's step closes what is past its
// deadline. Runs after the organisations (its employers) and the alerts (their subscribers hear of
// the opening calls). `calls.count` in the shared values repeats the specs (the benchmarks ask for
// 500). Leaves `calls.ranked`: the closed doctors' competition the hiring desk works.
import { and, asc, eq, lt } from 'drizzle-orm';
import { systemActor } from '../../platform/authz/index.ts';
import { demoShared } from '../../platform/demo.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import type { DemoContext } from '../../platform/manifest.ts';
import type { CallInputRaw } from './input.ts';
import { createCall } from './save-call.ts';
import { calls, type CallType } from './tables.ts';
import { advanceLifecycle, closeCall, publishCall } from './transitions.ts';

const SYSTEM = systemActor('demo-seed');
const DAY = 86_400_000;

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

/** The demo employers, as the organisations seed leaves them. */
type Employer = { id: string; name: string };

async function makeCalls(deps: DomainDeps, employers: readonly Employer[], total: number): Promise<void> {
  const realNow = deps.now();
  for (let i = 0; i < total; i++) {
    const s = SPECS[i % SPECS.length]!;
    const org = employers[i % employers.length]!;
    const p = plan(i);
    const publishAt = new Date(realNow.getTime() + p.publishOffset * DAY);
    // Deadlines at noon, Rome time (10:00 or 11:00 UTC depending on the season is fine for demo data).
    const deadline = new Date(Math.floor((realNow.getTime() + p.deadlineOffset * DAY) / DAY) * DAY + 11 * 3600_000);
    const round = Math.floor(i / SPECS.length);
    const input: CallInputRaw = {
      title: round ? `${s.title} (${round + 1})` : s.title,
      type: s.type,
      employerId: org.id,
      professionCode: s.profession,
      disciplineCode: s.discipline ?? null,
      posts: 1 + (i % 4),
      contractTerm: s.term,
      contractHours: s.part ? 'part_time' : 'full_time',
      workplaces: PLACES[i % PLACES.length]!,
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
  }
}

export async function seedCallsDemo(ctx: DemoContext): Promise<void> {
  const { deps } = ctx;
  const [any] = await deps.db.select({ id: calls.id }).from(calls).where(eq(calls.isDemo, true)).limit(1);
  if (!any) {
    const employers = demoShared<Employer[]>(ctx, 'organisations.employers');
    const count = ctx.shared.get('calls.count');
    await makeCalls(deps, employers, typeof count === 'number' ? count : 40);
  }
  // Past deadlines become closed now rather than at the next minute's tick.
  await advanceLifecycle(deps);
  // The first public competition for doctors whose deadline has passed gets the demo ranked list.
  const [ranked] = await deps.db
    .select({ id: calls.id })
    .from(calls)
    .where(and(eq(calls.isDemo, true), lt(calls.deadline, deps.now()), eq(calls.professionCode, 'medico_chirurgo'), eq(calls.type, 'concorso_pubblico')))
    .orderBy(asc(calls.deadline))
    .limit(1);
  if (ranked) ctx.shared.set('calls.ranked', ranked.id);
}
