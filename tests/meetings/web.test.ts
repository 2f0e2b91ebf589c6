// /admin/incontri and /webinar over HTTP: the role matrix (anonymous → sign-in, editor → 403,
// recruiter and admin work meetings), the meeting form's 422, levers, attendance and the export;
// the public list and page, registration with a field error first, the honeypot and the cancel link;
// inviting a call's candidates, registering a person by hand, cancelling a meeting (the public page
// says so and refuses registrations), and meetings over more days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { describeRoleMatrix, type MatrixRoute, type Role } from '../support/role-matrix.ts';
import { createStaff, postForm, signIn } from '../support/http.ts';
import { ADMIN_ACTOR } from '../factories/index.ts';
import { buildClosedCall, buildRankedList } from '../factories/rankings.ts';
import { cancelToken, createMeeting, registerForWebinar, type Meeting } from '../../src/domains/meetings/index.ts';
import { listDisciplines } from '../../src/domains/reference/index.ts';
import { registrationsOf } from '../factories/meetings.ts';

let rt: TestRuntime;
let clock = new Date('2026-06-01T08:00:00Z');
const cookies: Record<Role, string> = { admin: '', recruiter: '', editor: '' };
let web: Meeting;
let past: Meeting;
let directors: Meeting;
let withCandidates: Meeting;
let toCancel: Meeting;
let n = 0;

const form = (over: Record<string, string> = {}) => ({
  kind: 'webinar',
  title: `Webinar di prova ${++n}`,
  descriptionMd: 'Per **infermieri** e medici.',
  date: '2026-07-01',
  startTime: '18:00',
  endTime: '19:00',
  mode: 'video',
  location: 'https://meet.example.org/w',
  capacity: '50',
  registrationOpen: 'on',
  ...over,
});

async function mk(over: Record<string, string> = {}): Promise<Meeting> {
  const r = await createMeeting(rt.deps, ADMIN_ACTOR, form(over));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

beforeAll(async () => {
  rt = await testRuntime({ work: false, now: () => clock });
  for (const role of ['admin', 'recruiter', 'editor'] as const) {
    const s = await createStaff(rt, { role });
    cookies[role] = await signIn(rt, s.email, s.password);
  }
  web = await mk();
  past = await mk({ date: '2026-05-20' });
  const [d] = await listDisciplines(rt.deps.db);
  directors = await mk({ kind: 'directors', disciplineCode: String(d!.code), registrationOpen: '' });
  await registerForWebinar(rt.deps, web.slug, { name: 'Ada Verdi', email: 'ada@example.org', locale: 'it', consent: 'on' }, {});
  const call = await buildClosedCall(rt.deps);
  await buildRankedList(rt.deps, { callId: call.id, candidates: 3 });
  withCandidates = await mk({ kind: 'candidates', callId: call.id, registrationOpen: '', title: 'Incontro con i candidati' });
  toCancel = await mk();
});
afterAll(() => rt.close());

const get = (path: string, cookie?: string) => rt.app.request(path, { headers: cookie ? { cookie } : {} });

const ROUTES: MatrixRoute[] = [
  { method: 'GET', path: () => '/admin/incontri', allowed: { admin: 200, recruiter: 200 } },
  { method: 'GET', path: () => '/admin/incontri?quando=past&tipo=webinar', allowed: { admin: 200, recruiter: 200 } },
  { method: 'GET', path: () => '/admin/incontri/leve', allowed: { admin: 200, recruiter: 200 } },
  { method: 'GET', path: () => '/admin/incontri/nuovo', allowed: { admin: 200, recruiter: 200 } },
  { method: 'POST', path: () => '/admin/incontri/nuovo', fields: () => form(), allowed: { admin: 303, recruiter: 303 } },
  { method: 'GET', path: () => `/admin/incontri/${web.id}`, allowed: { admin: 200, recruiter: 200 } },
  { method: 'GET', path: () => `/admin/incontri/${web.id}/modifica`, allowed: { admin: 200, recruiter: 200 } },
  { method: 'POST', path: () => `/admin/incontri/${web.id}/modifica`, fields: () => form({ title: web.title }), allowed: { admin: 303, recruiter: 303 } },
  { method: 'POST', path: () => `/admin/incontri/${directors.id}/leve`, fields: () => ({ kind: 'housing', description: 'Alloggio', owner: '' }), allowed: { admin: 303, recruiter: 303 } },
  { method: 'POST', path: () => `/admin/incontri/${past.id}/presenze`, fields: () => ({}), allowed: { admin: 303, recruiter: 303 } },
  { method: 'GET', path: () => `/admin/incontri/${web.id}/iscritti?formato=csv`, allowed: { admin: 200, recruiter: 200 } },
  { method: 'GET', path: () => `/admin/incontri/${withCandidates.id}/invita`, allowed: { admin: 200, recruiter: 200 } },
  { method: 'POST', path: () => `/admin/incontri/${withCandidates.id}/invita`, fields: () => ({ tutti: 'on' }), allowed: { admin: 303, recruiter: 303 } },
  { method: 'POST', path: () => `/admin/incontri/${web.id}/iscrivi`, fields: () => ({ name: 'Piero Blu', email: 'piero@example.org', locale: 'it' }), allowed: { admin: 303, recruiter: 303 } },
  { method: 'GET', path: () => `/admin/incontri/${toCancel.id}/annulla`, allowed: { admin: 200, recruiter: 200 } },
  { method: 'POST', path: () => `/admin/incontri/${toCancel.id}/annulla`, fields: () => ({}), allowed: { admin: 303, recruiter: 303 } },
];

describe('role matrix', () => {
  describeRoleMatrix({ app: () => rt.app, cookies, routes: ROUTES, signInRedirect: /\/accedi\?next=%2Fadmin%2Fincontri/, successRedirect: /\/admin\/incontri\/[0-9a-f-]{36}/ });
});

describe('back office pages', () => {
  it('re-renders the form with 422 and the messages at the fields, keeping what was typed', async () => {
    const res = await postForm(rt.app, '/admin/incontri/nuovo', form({ title: 'Tenuto', location: 'ftp://x', endTime: '10:00' }), { cookie: cookies.recruiter });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Inserisci un link che inizia con https://.');
    expect(html).toContain("L&#39;ora di fine deve essere dopo l&#39;ora di inizio.");
    expect(html).toContain('value="Tenuto"');
  });

  it('lists upcoming and past meetings apart, and filters by kind', async () => {
    const up = await (await get('/admin/incontri', cookies.recruiter)).text();
    expect(up).toContain(web.title);
    expect(up).not.toContain(past.title);
    const old = await (await get('/admin/incontri?quando=past', cookies.recruiter)).text();
    expect(old).toContain(past.title);
    const dirs = await (await get('/admin/incontri?tipo=directors', cookies.recruiter)).text();
    expect(dirs).toContain(directors.title);
    expect(dirs).not.toContain(web.title);
  });

  it('shows levers on the page and in the summary by discipline; removes one', async () => {
    await postForm(rt.app, `/admin/incontri/${directors.id}/leve`, { kind: 'research', description: 'Tempo protetto per la ricerca', owner: 'Primario' }, { cookie: cookies.admin });
    const page = await (await get(`/admin/incontri/${directors.id}`, cookies.admin)).text();
    expect(page).toContain('Tempo protetto per la ricerca');
    const bad = await postForm(rt.app, `/admin/incontri/${directors.id}/leve`, { kind: 'research', description: '' }, { cookie: cookies.admin });
    expect(bad.status).toBe(422);
    const sum = await (await get('/admin/incontri/leve', cookies.admin)).text();
    expect(sum).toContain('Tempo protetto per la ricerca');
    expect(sum).toContain('Ricerca');
    const id = /\/leve\/([0-9a-f-]{36})\/elimina/.exec(page)![1]!;
    const del = await postForm(rt.app, `/admin/incontri/${directors.id}/leve/${id}/elimina`, {}, { cookie: cookies.admin });
    expect(del.status).toBe(303);
  });

  it('exports registrants as CSV and XLSX', async () => {
    const csv = await get(`/admin/incontri/${web.id}/iscritti?formato=csv`, cookies.recruiter);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('ada@example.org');
    const xlsx = await get(`/admin/incontri/${web.id}/iscritti?formato=xlsx`, cookies.recruiter);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });

  it('answers 404 to an address whose id is not one, on pages and forms alike', async () => {
    for (const path of ['/admin/incontri/nessuno', '/admin/incontri/nessuno/modifica', '/admin/incontri/nessuno/invita', '/admin/incontri/nessuno/iscritti?formato=csv']) {
      expect((await get(path, cookies.recruiter)).status).toBe(404);
    }
    expect((await postForm(rt.app, '/admin/incontri/nessuno/annulla', {}, { cookie: cookies.recruiter })).status).toBe(404);
    expect((await postForm(rt.app, `/admin/incontri/${directors.id}/leve/nessuna/elimina`, {}, { cookie: cookies.recruiter })).status).toBe(404);
  });

  it('marks attendance with one POST once the meeting has started', async () => {
    const before = await (await get(`/admin/incontri/${web.id}`, cookies.recruiter)).text();
    expect(before).not.toContain('name="present"');
    clock = new Date('2026-07-01T17:00:00Z');
    const page = await (await get(`/admin/incontri/${web.id}`, cookies.recruiter)).text();
    const id = /name="present" value="([0-9a-f-]{36})"/.exec(page)![1]!;
    const res = await postForm(rt.app, `/admin/incontri/${web.id}/presenze`, { present: id }, { cookie: cookies.recruiter });
    expect(res.status).toBe(303);
    const row = (await registrationsOf(rt.deps, web.id)).find((r) => r.id === id);
    expect(row!.attended).toBe(true);
    clock = new Date('2026-06-01T08:00:00Z');
  });
});

describe('public webinar pages', () => {
  it('lists open upcoming webinars only', async () => {
    const open = await mk();
    const html = await (await get('/webinar')).text();
    expect(html).toContain(open.title);
    expect(html).not.toContain(past.title);
    expect(html).not.toContain(directors.title);
    expect((await get(`/webinar/${directors.slug}`)).status).toBe(404);
  });

  it('registers a visitor after a field error; a filled honeypot stores nothing', async () => {
    const m = await mk({ capacity: '2' });
    const page = await (await get(`/webinar/${m.slug}`)).text();
    expect(page).toContain('Posti disponibili: 2');
    const bad = await postForm(rt.app, `/webinar/${m.slug}`, { name: 'Bruno Neri', email: 'bruno@', locale: 'it' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('value="Bruno Neri"');
    expect(html).toContain('Per iscriverti devi acconsentire al trattamento dei dati.');
    const okRes = await postForm(rt.app, `/webinar/${m.slug}`, { name: 'Bruno Neri', email: 'bruno@example.org', locale: 'it', consent: 'on' });
    expect(okRes.status).toBe(303);
    expect(okRes.headers.get('location')).toBe('/webinar/grazie');
    const bot = await postForm(rt.app, `/webinar/${m.slug}`, { name: 'Bot', email: 'bot@example.org', locale: 'it', consent: 'on', website: 'http://spam' });
    expect(bot.status).toBe(303);
    const rows = await registrationsOf(rt.deps, m.id);
    expect(rows.map((r) => r.email)).toEqual(['bruno@example.org']);
    expect(await (await get(`/webinar/${m.slug}`)).text()).toContain('Posti disponibili: 1');

    const token = cancelToken(rt.deps.links.secret, rows[0]!.id);
    const confirm = await get(`/webinar/annulla/${token}`);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain(m.title);
    expect((await get(`/webinar/annulla/${token.slice(0, -3)}abc`)).status).toBe(404);
    const done = await postForm(rt.app, `/webinar/annulla/${token}`, {});
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Iscrizione annullata');
    expect(await (await get(`/webinar/${m.slug}`)).text()).toContain('Posti disponibili: 2');
  });

  it('answers 404 to a webinar address that cannot be a slug', async () => {
    expect((await get('/webinar/Non_Valido')).status).toBe(404);
    expect((await postForm(rt.app, '/webinar/Non_Valido', { name: 'A', email: 'a@example.org', locale: 'it', consent: 'on' })).status).toBe(404);
  });

  it('serves the English page under /en', async () => {
    const m = await mk();
    const html = await (await get(`/en/webinar/${m.slug}`)).text();
    expect(html).toContain('Register for the webinar');
  });
});

describe('candidates, people by hand, cancelling, more days', () => {
  it('lists the ranked candidates to invite with a checkbox each, asks for a choice, then invites', async () => {
    const m = await mk({ kind: 'candidates', callId: withCandidates.callId!, registrationOpen: '' });
    const detail = await (await get(`/admin/incontri/${m.id}`, cookies.recruiter)).text();
    expect(detail).toContain(`href="/admin/incontri/${m.id}/invita"`);
    const page = await (await get(`/admin/incontri/${m.id}/invita`, cookies.recruiter)).text();
    expect(page).toMatch(/<caption>[^<]+graduatoria generale: 3 candidati<\/caption>/);
    expect(page).toContain('<th scope="col">Posizione</th>');
    const ids = [...page.matchAll(/name="candidate" value="([0-9a-f-]{36})"/g)].map((x) => x[1]!);
    expect(ids).toHaveLength(3);
    expect(page).toContain('Invita tutti (3)');
    const none = await postForm(rt.app, `/admin/incontri/${m.id}/invita`, {}, { cookie: cookies.recruiter });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Scegli almeno un candidato da invitare.');
    const res = await postForm(rt.app, `/admin/incontri/${m.id}/invita`, { candidate: [ids[0]!, ids[2]!] }, { cookie: cookies.recruiter });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/incontri/${m.id}?esito=invited`);
    const after = await (await get(`/admin/incontri/${m.id}/invita`, cookies.recruiter)).text();
    expect(after.match(/Già iscritto/g)).toHaveLength(2);
    expect(after).toContain('Invita tutti (1)');
    const regs = await registrationsOf(rt.deps, m.id);
    expect(regs).toHaveLength(2);
  });

  it('registers a person by hand, with messages at the fields first', async () => {
    const m = await mk({ registrationOpen: '' });
    const bad = await postForm(rt.app, `/admin/incontri/${m.id}/iscrivi`, { name: 'Gino', email: 'gino@', locale: 'it' }, { cookie: cookies.recruiter });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('id="email-error"');
    expect(html).toContain('value="Gino"');
    const ok = await postForm(rt.app, `/admin/incontri/${m.id}/iscrivi`, { name: 'Gino Neri', email: 'gino@example.org', locale: 'en' }, { cookie: cookies.recruiter });
    expect(ok.headers.get('location')).toBe(`/admin/incontri/${m.id}?esito=registered`);
    const again = await postForm(rt.app, `/admin/incontri/${m.id}/iscrivi`, { name: 'Gino Neri', email: 'gino@example.org', locale: 'en' }, { cookie: cookies.recruiter });
    expect(again.headers.get('location')).toBe(`/admin/incontri/${m.id}?esito=already_registered`);
    const page = await (await get(again.headers.get('location')!, cookies.recruiter)).text();
    expect(page).toContain('Questa persona era già iscritta.');
    expect(page).toContain('gino@example.org');
  });

  it('cancels a webinar after a confirmation page; the public page says so and refuses registrations', async () => {
    const m = await mk();
    await registerForWebinar(rt.deps, m.slug, { name: 'Rita Gialli', email: 'rita@example.org', locale: 'it', consent: 'on' }, {});
    const confirm = await (await get(`/admin/incontri/${m.id}/annulla`, cookies.recruiter)).text();
    expect(confirm).toContain('<h1>Annulla l&#39;incontro</h1>');
    expect(confirm).toContain('Gli iscritti attivi (1)');
    const res = await postForm(rt.app, `/admin/incontri/${m.id}/annulla`, {}, { cookie: cookies.recruiter });
    expect(res.headers.get('location')).toBe(`/admin/incontri/${m.id}?esito=cancelled`);
    const page = await (await get(res.headers.get('location')!, cookies.recruiter)).text();
    expect(page).toContain('Questo incontro è stato annullato.');
    expect(page).not.toContain(`/admin/incontri/${m.id}/modifica`);
    expect(page).not.toContain(`action="/admin/incontri/${m.id}/iscrivi"`);
    // The edit form refuses to send invitations for a cancelled meeting.
    const edit = await postForm(rt.app, `/admin/incontri/${m.id}/modifica`, form({ title: m.title }), { cookie: cookies.recruiter });
    expect([edit.status, edit.headers.get('location')]).toEqual([303, `/admin/incontri/${m.id}`]);
    expect((await get(`/admin/incontri/${m.id}/modifica`, cookies.recruiter)).status).toBe(303);

    const pub = await get(`/webinar/${m.slug}`);
    expect(pub.status).toBe(200);
    const html = await pub.text();
    expect(html).toContain('Questo webinar è stato annullato.');
    expect(html).not.toContain('name="consent"');
    const reg = await postForm(rt.app, `/webinar/${m.slug}`, { name: 'Tardi', email: 'tardi@example.org', locale: 'it', consent: 'on' });
    expect(reg.status).toBe(409);
    expect(await reg.text()).toContain('Questo webinar è stato annullato.');
    expect(await (await get('/webinar')).text()).not.toContain(m.title);
  });

  it('takes a meeting over more days, with the message at the end date', async () => {
    const bad = await postForm(rt.app, '/admin/incontri/nuovo', form({ title: 'Due giorni', date: '2026-07-10', endDate: '2026-07-09' }), { cookie: cookies.recruiter });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('id="endDate-error"');
    expect(html).toContain('La data di fine non può essere prima della data di inizio.');
    expect(html).toContain('value="2026-07-09"');
    const ok = await postForm(rt.app, '/admin/incontri/nuovo', form({ title: 'Due giorni', date: '2026-07-10', startTime: '09:00', endDate: '2026-07-11', endTime: '13:00' }), { cookie: cookies.recruiter });
    expect(ok.status).toBe(303);
    const page = await (await get(ok.headers.get('location')!, cookies.recruiter)).text();
    expect(page).toContain('10 luglio 2026 alle ore 09:00 – 11 luglio 2026 alle ore 13:00');
    const id = /\/admin\/incontri\/([0-9a-f-]{36})/.exec(ok.headers.get('location')!)![1]!;
    const edit = await (await get(`/admin/incontri/${id}/modifica`, cookies.recruiter)).text();
    expect(edit).toMatch(/id="endDate"[^>]*value="2026-07-11"|value="2026-07-11"[^>]*id="endDate"/);
  });
});
