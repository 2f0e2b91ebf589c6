// The demo's meetings: a public webinar in ten days and last month's meeting with the internal
// medicine directors with its levers, organised by the demo recruiter, titles marked "(demo)".
// Made through createMeeting and addLever as the team would; a second run finds them by title.
import { inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/index.ts';
import { demoShared } from '../../platform/demo.ts';
import { toRomeLocal } from '../../platform/i18n/format.ts';
import type { DemoContext } from '../../platform/manifest.ts';
import { addLever, createMeeting } from './meetings.ts';
import { meetings } from './tables.ts';

const DAY = 86_400_000;
export const DEMO_WEBINAR_TITLE = 'Lavorare e vivere da noi: il webinar per i professionisti (demo)';
export const DEMO_DIRECTORS_TITLE = 'Incontro con i direttori di Medicina interna (demo)';

function must<T>(r: { ok: true; value: T } | { ok: false; error: unknown }, what: string): T {
  if (!r.ok) throw new Error(`demo meetings, ${what}: ${JSON.stringify(r.error)}`);
  return r.value;
}

export async function seedMeetingsDemo(ctx: DemoContext): Promise<void> {
  const { deps } = ctx;
  const actor = demoShared<Record<'recruiter', Actor>>(ctx, 'accounts.staff').recruiter;
  const there = await deps.db.select({ title: meetings.title }).from(meetings).where(inArray(meetings.title, [DEMO_WEBINAR_TITLE, DEMO_DIRECTORS_TITLE]));
  const made = new Set(there.map((m) => m.title));
  const now = deps.now();
  if (!made.has(DEMO_WEBINAR_TITLE)) {
    const soon = toRomeLocal(new Date(now.getTime() + 10 * DAY));
    must(
      await createMeeting(deps, actor, {
        kind: 'webinar',
        title: DEMO_WEBINAR_TITLE,
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
  }
  if (!made.has(DEMO_DIRECTORS_TITLE)) {
    const past = toRomeLocal(new Date(now.getTime() - 30 * DAY));
    const directors = must(
      await createMeeting(deps, actor, {
        kind: 'directors',
        title: DEMO_DIRECTORS_TITLE,
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
  }
}
