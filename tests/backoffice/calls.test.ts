// The back-office call pages over HTTP: the form (create, errors, edit conflict), the lifecycle
// actions, attachments, the list, and who may reach which route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { createStaff, postForm, signIn, type StaffUserFixture } from '../support/http.ts';
import { ADMIN_ACTOR, buildCall, buildOrganisation } from '../factories/index.ts';
import { PNG_BYTES, TINY_PDF, postMultipart, text } from './calls-support.ts';
import { countCalls } from '../factories/calls.ts';
import { orgOf } from '../factories/organisations.ts';
import { addAttachment, callState, getCallDetail, recordOutboundClick, updateCall } from '../../src/domains/calls/index.ts';
import { previewImport } from '../../src/domains/calls/import.ts';
import { callInput } from '../factories/index.ts';

let rt: TestRuntime;
const clock = new Date('2026-06-01T08:00:00Z');
let admin: StaffUserFixture;
let recruiter: StaffUserFixture;
let editor: StaffUserFixture;
const cookies: Record<string, string> = {};
let employerId: string;

beforeAll(async () => {
  rt = await testRuntime({ now: () => clock });
  admin = await createStaff(rt, { role: 'admin' });
  recruiter = await createStaff(rt, { role: 'recruiter' });
  editor = await createStaff(rt, { role: 'editor' });
  for (const u of [admin, recruiter, editor]) cookies[u.role] = await signIn(rt, u.email, u.password);
  employerId = (await buildOrganisation(rt.deps.db, { name: 'Ospedale Santa Chiara' })).id;
});
afterAll(() => rt.close());

const get = (path: string, role?: string) => rt.app.request(path, { headers: role ? { cookie: cookies[role]! } : {}, redirect: 'manual' });
const post = (path: string, fields: Record<string, string | string[]>, role = 'recruiter') => postForm(rt.app, path, fields, { cookie: cookies[role]! });

/** A complete, valid form as a person would fill it in. */
const validForm = (over: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  title: 'Dirigente medico di Medicina interna — Trento',
  slug: '',
  type: 'concorso_pubblico',
  employerId,
  professionCode: 'medico_chirurgo',
  disciplineCode: '15',
  spec_discipline: '',
  posts: '3',
  contractTerm: 'indeterminato',
  contractHours: 'full_time',
  workplaces: 'Trento, 022205, Samone (TN)',
  descriptionMd: 'Il reparto cerca **tre** dirigenti.',
  requirementsMd: '- Laurea in medicina',
  publishDate: '',
  publishTime: '',
  deadlineDate: '2026-07-01',
  deadlineTime: '12:00',
  officialRef: 'BUR n. 20 del 2026',
  applicationUrl: 'https://www.inpa.gov.it/bando/123',
  contactName: 'Ufficio concorsi',
  contactEmail: 'concorsi@example.it',
  contactPhone: '0461 123456',
  action: 'save',
  ...over,
});

const idFrom = (res: Response) => /\/admin\/bandi\/([0-9a-f-]{36})/.exec(res.headers.get('location') ?? '')?.[1];

describe('creating a call through the form', () => {
  it('creates a draft from a valid form, comuni resolved by name and code, deadline read in Europe/Rome', async () => {
    const res = await post('/admin/bandi/nuovo', validForm());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/\?esito=created$/);
    const id = idFrom(res)!;
    const d = (await getCallDetail(rt.deps.db, id, clock))!;
    expect(d.call.status).toBe('draft');
    expect(d.call.slug).toBe('dirigente-medico-di-medicina-interna-trento');
    expect(d.call.deadline).toEqual(new Date('2026-07-01T10:00:00Z'));
    expect(d.call.posts).toBe(3);
    expect(d.workplaces.map((w) => w.code).sort()).toEqual(['022165', '022205']);
    // Never proposed in the form: the domain admits what the relation graph proposes.
    expect(d.specialisations.find((s) => s.code === 'medicina-interna')?.kind).toBe('same');

    const page = await get(`/admin/bandi/${id}?esito=created`, 'recruiter');
    const html = text(await page.text());
    expect(html).toContain('Bando creato in bozza.');
    expect(html).toContain('Bozza');
    expect(html).toContain('<strong>tre</strong>');
    expect(html).toContain('call.created');
  });

  it('answers an invalid form with 422, messages at the fields and everything typed kept', async () => {
    const before = await countCalls(rt.deps);
    const res = await post(
      '/admin/bandi/nuovo',
      validForm({ title: '', applicationUrl: 'javascript:alert(1)', posts: 'tre', workplaces: 'Trento, Atlantide, Samone', deadlineTime: '', contactName: 'Maria <Rossi>' }),
    );
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html).toMatch(/id="title-error"[^>]*>Questo campo è obbligatorio\./);
    expect(html).toMatch(/id="applicationUrl-error"[^>]*>Inserisci un indirizzo web che inizi con https:\/\/\./);
    expect(html).toMatch(/id="posts-error"[^>]*>Inserisci un numero intero\./);
    expect(html).toMatch(/id="deadlineTime-error"[^>]*>Questo campo è obbligatorio\./);
    expect(html).toContain("Il comune «Atlantide» non è nell'elenco ISTAT.");
    expect(html).toContain('Più comuni si chiamano «Samone»');
    expect(html).toContain('Samone (TN)');
    expect(html).toContain('Samone (TO)');
    // What was typed is still there (escaped).
    expect(html).toContain('value="Trento, Atlantide, Samone"');
    expect(html).toContain('value="Maria <Rossi>"');
    expect(html).toContain('value="tre"');
    expect(html).toContain('value="2026-07-01"');
    expect(await countCalls(rt.deps)).toBe(before);
  });

  it('reports domain checks at the field too (discipline of another profession, deadline before publication)', async () => {
    const res = await post('/admin/bandi/nuovo', validForm({ professionCode: 'infermiere', publishDate: '2026-07-02', publishTime: '09:00' }));
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html).toMatch(/id="disciplineCode-error"[^>]*>La disciplina scelta non appartiene a questo profilo professionale\./);
    expect(html).toMatch(/id="deadlineDate-error"[^>]*>La scadenza deve essere successiva alla pubblicazione\./);
  });

  it('proposes specialisations from the relation graph with their kind and legal source, without JavaScript', async () => {
    const res = await post('/admin/bandi/nuovo', validForm({ action: 'propose' }));
    expect(res.status).toBe(200);
    const html = text(await res.text());
    expect(html).toMatch(/value="medicina-interna:same" checked/);
    expect(html).toMatch(/value="geriatria:equipollent" checked/);
    expect(html).toContain('stessa disciplina');
    expect(html).toMatch(/Fonte: [^<]*D\.?M\.?/i);
    expect(html).toContain('name="spec_discipline" value="15"');
  });

  it('saves the specialisations ticked in the form, and asks again when the discipline changed since the proposal', async () => {
    const res = await post('/admin/bandi/nuovo', validForm({ spec_discipline: '15', specialisations: ['geriatria:equipollent'] }));
    expect(res.status).toBe(303);
    const d = (await getCallDetail(rt.deps.db, idFrom(res)!, clock))!;
    // The discipline's own title is admitted by law even when the form did not send it.
    expect(d.specialisations.map((s) => s.code)).toEqual(['medicina-interna', 'geriatria']);

    const stale = await post('/admin/bandi/nuovo', validForm({ disciplineCode: '3', spec_discipline: '15', specialisations: ['geriatria:equipollent'] }));
    expect(stale.status).toBe(422);
    const html = text(await stale.text());
    expect(html).toContain('La disciplina è cambiata');
    expect(html).toContain('name="spec_discipline" value="3"');
  });

  it('previews the Markdown and finds comuni by name, keeping the form', async () => {
    const prev = await post('/admin/bandi/nuovo', validForm({ action: 'preview', descriptionMd: '## Chi cerchiamo\n\nPersone **motivate**\n\n<script>alert(1)</script>' }));
    expect(prev.status).toBe(200);
    const html = await prev.text();
    expect(html).toContain('<h2>Chi cerchiamo</h2>');
    expect(html).toContain('<strong>motivate</strong>');
    expect(html).not.toContain('<script>alert(1)</script>');
    const find = await post('/admin/bandi/nuovo', validForm({ action: 'find_comuni', comune_q: 'Rovere' }));
    expect(find.status).toBe(200);
    const fhtml = text(await find.text());
    expect(fhtml).toMatch(/Rovereto \(TN\) — <code>022161<\/code>/);
    expect(fhtml).toContain('value="Trento, 022205, Samone (TN)"');
  });

  it('serves the htmx fragments: one profession\'s disciplines and comuni search results', async () => {
    const ds = await get('/admin/bandi/discipline?professionCode=medico_chirurgo', 'recruiter');
    expect(ds.status).toBe(200);
    const dh = text(await ds.text());
    expect(dh).toContain('Medicina interna (15)');
    expect(dh).not.toContain('<optgroup');
    const cs = await get('/admin/bandi/comuni?comune_q=Samone', 'recruiter');
    expect(text(await cs.text())).toContain('Samone (TO) — <code>001235</code>');
  });

  it('shows all disciplines grouped by profession in the form', async () => {
    const html = text(await (await get('/admin/bandi/nuovo', 'admin')).text());
    expect(html).toMatch(/<optgroup label="Medico chirurgo">/);
    expect(html).toContain('Medicina interna (15)');
    expect(html).toContain('name="_csrf"');
    // With JavaScript, changing the profession reloads the disciplines; meanwhile their list is disabled,
    // so a discipline cannot be chosen from the old list and then swapped away.
    expect(html).toMatch(/<select id="professionCode"[^>]*data-hx-target="#disciplineCode"[^>]*data-hx-disabled-elt="#disciplineCode"/);
  });
});

describe('editing a call', () => {
  it('pre-fills the form with Rome times, saves, and refuses a stale version with a clear conflict', async () => {
    const call = await buildCall(rt.deps, { employerId, deadline: new Date('2026-12-01T11:00:00Z') });
    const form = text(await (await get(`/admin/bandi/${call.id}/modifica`, 'recruiter')).text());
    expect(form).toContain('name="deadlineDate" class="form-control" value="2026-12-01"');
    expect(form).toContain('value="12:00"');
    expect(form).toContain(`name="version" value="${call.version}"`);
    expect(form).toContain('Trento (TN)');

    // Someone else saves first.
    const other = await updateCall(rt.deps, ADMIN_ACTOR, call.id, await callInput(rt.deps, { employerId, title: 'Titolo cambiato da un collega' }), call.version);
    expect(other.ok).toBe(true);

    const res = await post(`/admin/bandi/${call.id}/modifica`, validForm({ title: 'Il mio titolo', version: String(call.version) }));
    expect(res.status).toBe(409);
    const html = text(await res.text());
    expect(html).toContain('Qualcun altro ha modificato il bando nel frattempo');
    expect(html).toContain('value="Il mio titolo"');
    expect((await getCallDetail(rt.deps.db, call.id, clock))!.call.title).toBe('Titolo cambiato da un collega');

    const ok = await post(`/admin/bandi/${call.id}/modifica`, validForm({ title: 'Il mio titolo', version: String(call.version + 1) }));
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toContain('esito=saved');
    expect((await getCallDetail(rt.deps.db, call.id, clock))!.call.title).toBe('Il mio titolo');
  });

  it('will not edit an archived call', async () => {
    const call = await buildCall(rt.deps, { employerId });
    await post(`/admin/bandi/${call.id}/archivia`, {});
    const res = await get(`/admin/bandi/${call.id}/modifica`, 'recruiter');
    expect(res.status).toBe(409);
    expect(text(await res.text())).toContain('Un bando archiviato non si può modificare.');
  });
});

describe('lifecycle actions', () => {
  const stateOf = async (id: string) => callState((await getCallDetail(rt.deps.db, id, clock))!.call, clock);

  it('publishes now, closes and archives, each through its POST form, each shown only when allowed', async () => {
    const call = await buildCall(rt.deps, { employerId });
    let html = await (await get(`/admin/bandi/${call.id}`, 'recruiter')).text();
    expect(html).toContain('/pubblica"');
    expect(html).not.toContain('/chiudi"');
    const pub = await post(`/admin/bandi/${call.id}/pubblica`, {});
    expect(pub.status).toBe(303);
    expect(pub.headers.get('location')).toContain('esito=published');
    expect(await stateOf(call.id)).toBe('open');
    await recordOutboundClick(rt.deps.db, call.id, clock);
    await recordOutboundClick(rt.deps.db, call.id, new Date(clock.getTime() + 86_400_000));
    html = await (await get(`/admin/bandi/${call.id}`, 'recruiter')).text();
    expect(html).toMatch(/id="outbound-clicks">2</);
    expect(html).toContain('/chiudi"');
    expect(html).not.toContain('/pubblica"');
    expect(html).not.toContain('/archivia"');

    // Not allowed now: archiving an open call is refused with the reason.
    const early = await post(`/admin/bandi/${call.id}/archivia`, {});
    expect(early.status).toBe(409);
    expect(text(await early.text())).toContain('Si possono archiviare solo bandi chiusi o in bozza.');

    expect((await post(`/admin/bandi/${call.id}/chiudi`, {})).status).toBe(303);
    expect(await stateOf(call.id)).toBe('closed');
    expect((await post(`/admin/bandi/${call.id}/archivia`, {}, 'admin')).status).toBe(303);
    expect(await stateOf(call.id)).toBe('archived');
    html = text(await (await get(`/admin/bandi/${call.id}`, 'recruiter')).text());
    expect(html).toContain('Nessuna azione disponibile per questo bando.');
    expect(html).toContain('call.archived');
  });

  it('schedules at a Rome date and time, goes back to draft, and refuses a past time', async () => {
    const call = await buildCall(rt.deps, { employerId });
    const past = await post(`/admin/bandi/${call.id}/programma`, { scheduleDate: '2026-05-01', scheduleTime: '09:00' });
    expect(past.status).toBe(422);
    expect(text(await past.text())).toMatch(/id="scheduleDate-error"[^>]*>Indica una data e un'ora future/);
    const res = await post(`/admin/bandi/${call.id}/programma`, { scheduleDate: '2026-06-10', scheduleTime: '09:30' });
    expect(res.status).toBe(303);
    const d = (await getCallDetail(rt.deps.db, call.id, clock))!;
    expect(d.call.publishAt).toEqual(new Date('2026-06-10T07:30:00Z'));
    expect(d.state).toBe('scheduled');
    expect(await (await get(`/admin/bandi/${call.id}`, 'recruiter')).text()).toContain('/bozza"');
    expect((await post(`/admin/bandi/${call.id}/bozza`, {})).status).toBe(303);
    expect(await stateOf(call.id)).toBe('draft');
  });

  it('explains why a call cannot be published yet', async () => {
    const call = await buildCall(rt.deps, { employerId, deadline: null, applicationUrl: '' });
    const res = await post(`/admin/bandi/${call.id}/pubblica`, {});
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html).toContain("Per pubblicare indica la data e l'ora di scadenza.");
    expect(html).toContain('Per pubblicare indica il link alla domanda ufficiale');
    expect(await stateOf(call.id)).toBe('draft');
  });
});

describe('attachments', () => {
  it('uploads a real PDF, lists it, serves it to staff and deletes it', async () => {
    const call = await buildCall(rt.deps, { employerId });
    const form = new FormData();
    form.append('file', new File([TINY_PDF], 'bando integrale.pdf', { type: 'application/pdf' }));
    form.append('title', 'Bando integrale');
    const res = await postMultipart(rt.app, `/admin/bandi/${call.id}/allegati`, form, cookies.recruiter!);
    expect(res.status).toBe(303);
    const d = (await getCallDetail(rt.deps.db, call.id, clock))!;
    expect(d.attachments).toHaveLength(1);
    const a = d.attachments[0]!;
    const html = await (await get(`/admin/bandi/${call.id}`, 'editor')).text();
    expect(html).toContain('Bando integrale');
    expect(html).not.toContain('/elimina"');
    const file = await get(`/admin/bandi/${call.id}/allegati/${a.id}`, 'editor');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await file.arrayBuffer()).equals(TINY_PDF)).toBe(true);
    expect((await post(`/admin/bandi/${call.id}/allegati/${a.id}/elimina`, {})).status).toBe(303);
    expect((await getCallDetail(rt.deps.db, call.id, clock))!.attachments).toHaveLength(0);
  });

  it('refuses a PNG renamed .pdf and an 11 MB file, with the message at the field', async () => {
    const call = await buildCall(rt.deps, { employerId });
    const png = new FormData();
    png.append('file', new File([PNG_BYTES], 'foto.pdf', { type: 'application/pdf' }));
    const r1 = await postMultipart(rt.app, `/admin/bandi/${call.id}/allegati`, png, cookies.recruiter!);
    expect(r1.status).toBe(422);
    expect(text(await r1.text())).toMatch(/id="file-error"[^>]*>Sono ammessi solo file PDF\./);

    const big = new Uint8Array(11 * 1024 * 1024);
    big.set(TINY_PDF);
    const huge = new FormData();
    huge.append('file', new File([big], 'grande.pdf', { type: 'application/pdf' }));
    const r2 = await postMultipart(rt.app, `/admin/bandi/${call.id}/allegati`, huge, cookies.recruiter!);
    expect(r2.status).toBe(422);
    expect(text(await r2.text())).toMatch(/id="file-error"[^>]*>Il file supera i 10 MB\./);
    expect((await getCallDetail(rt.deps.db, call.id, clock))!.attachments).toHaveLength(0);
  });
});

describe('the list', () => {
  it('searches, filters by state and employer, counts, and is read-only for editors', async () => {
    const org = await buildOrganisation(rt.deps.db, { name: 'Casa di cura Villa Elisa' });
    const open = await buildCall(rt.deps, { employerId: org.id, title: 'Fisioterapista per la riabilitazione' }, { publish: true });
    await buildCall(rt.deps, { employerId: org.id, title: 'Logopedista in bozza' });
    const byEmployer = text(await (await get(`/admin/bandi?ente=${org.id}`, 'recruiter')).text());
    expect(byEmployer).toContain('Bandi trovati: 2');
    const openOnly = text(await (await get(`/admin/bandi?ente=${org.id}&stato=open`, 'recruiter')).text());
    expect(openOnly).toContain('Bandi trovati: 1');
    expect(openOnly).toContain(`/admin/bandi/${open.id}`);
    expect(openOnly).toContain('Aperto');
    expect(openOnly).toMatch(/Aperto \(\d+\)/);
    const search = text(await (await get('/admin/bandi?q=fisioterapista', 'recruiter')).text());
    expect(search).toContain('Fisioterapista per la riabilitazione');
    expect(search).not.toContain('Logopedista in bozza');
    expect(search).toContain('Nuovo bando');
    const asEditor = text(await (await get('/admin/bandi', 'editor')).text());
    expect(asEditor).toContain('Puoi consultare i bandi');
    expect(asEditor).toContain('href="/admin/bandi" aria-current="page"');
    expect(asEditor).not.toContain('/admin/bandi/nuovo');
    // Malformed filters are ignored, never a 500.
    expect((await get('/admin/bandi?stato=xx&ente=nope&pagina=abc', 'recruiter')).status).toBe(200);
    expect((await get('/admin/bandi/not-a-uuid', 'recruiter')).status).toBe(404);
  });
});

describe('who may reach which route', () => {
  it('sends anonymous visitors to sign in, lets editors read only, and lets recruiters and admins manage', async () => {
    const call = await buildCall(rt.deps, { employerId });
    const att = await addAttachment(rt.deps, ADMIN_ACTOR, call.id, { name: 'a.pdf', type: 'application/pdf', bytes: TINY_PDF });
    if (!att.ok) throw new Error('attachment');
    const reads = [`/admin/bandi`, `/admin/bandi/${call.id}`, `/admin/bandi/${call.id}/allegati/${att.value.id}`];
    const managerReads = [
      '/admin/bandi/nuovo',
      `/admin/bandi/${call.id}/modifica`,
      '/admin/bandi/importa',
      '/admin/bandi/importa/modello.csv',
      '/admin/bandi/importa/modello.xlsx',
      '/admin/bandi/discipline?professionCode=infermiere',
      '/admin/bandi/comuni?comune_q=Tren',
    ];
    const writes = ['nuovo', 'modifica', 'pubblica', 'programma', 'bozza', 'chiudi', 'archivia', 'allegati', 'elimina', 'importa', 'conferma'];

    // A fresh target per write, so that one action does not change what the next one meets.
    const writePath = async (w: string, role: StaffUserFixture | null) => {
      const c = await buildCall(rt.deps, { employerId });
      if (w === 'nuovo') return '/admin/bandi/nuovo';
      if (w === 'importa') return '/admin/bandi/importa';
      if (w === 'elimina') {
        const a = await addAttachment(rt.deps, ADMIN_ACTOR, c.id, { name: 'a.pdf', type: 'application/pdf', bytes: TINY_PDF });
        return `/admin/bandi/${c.id}/allegati/${a.ok ? a.value.id : ''}/elimina`;
      }
      if (w === 'conferma') {
        const csv = 'titolo;tipo;ente;profilo;posti;contratto\nInfermiere;avviso_tempo_determinato;' + (await orgSlug()) + ';infermiere;1;determinato\n';
        const actor = role ? { id: role.id, label: role.email, role: role.role, memberships: [] } : ADMIN_ACTOR;
        const p = await previewImport(rt.deps, actor, { name: 'x.csv', bytes: new TextEncoder().encode(csv) });
        return `/admin/bandi/importa/${p.ok ? p.value.id : 'none'}/conferma`;
      }
      return `/admin/bandi/${c.id}/${w}`;
    };

    for (const path of [...reads, ...managerReads]) {
      const res = await get(path);
      expect(res.status, `anonymous GET ${path}`).toBe(303);
      expect(res.headers.get('location'), path).toMatch(/^\/accedi\?next=/);
    }
    for (const w of writes) {
      const path = await writePath(w, null);
      const res = await postForm(rt.app, path, {}, {});
      expect(res.status, `anonymous POST ${path}`).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/accedi\?next=/);
    }

    for (const path of reads) expect((await get(path, 'editor')).status, `editor GET ${path}`).toBe(200);
    for (const path of managerReads) expect((await get(path, 'editor')).status, `editor GET ${path}`).toBe(403);
    for (const w of writes) {
      const path = await writePath(w, editor);
      expect((await post(path, {}, 'editor')).status, `editor POST ${path}`).toBe(403);
    }

    for (const role of [recruiter, admin]) {
      for (const path of [...reads, ...managerReads]) expect((await get(path, role.role)).status, `${role.role} GET ${path}`).toBe(200);
      for (const w of writes) {
        const path = await writePath(w, role);
        const res = await post(path, {}, role.role);
        expect([200, 303, 409, 422], `${role.role} POST ${path} → ${res.status}`).toContain(res.status);
        if (res.status === 303) expect(res.headers.get('location')).not.toMatch(/accedi/);
      }
    }
  });
});

async function orgSlug() {
  return (await orgOf(rt.deps.db, employerId)).slug;
}
