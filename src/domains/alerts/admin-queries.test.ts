// The back office's read models of the talent pool: search and filters, counts, export (with its
// audit entry), a subscriber's page, and the per-call alert statistics; editors get none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/index.ts';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { buildCall } from '../../../tests/factories/index.ts';
import { buildFanout, buildSubscriber, type Subscriber } from '../../../tests/factories/alerts.ts';
import { listAuditLog } from '../accounts/index.ts';
import {
  ANYWHERE,
  SUBSCRIBERS_PAGE_SIZE,
  countsByProfession,
  countsByProvince,
  countsBySpecialisation,
  exportSubscribers,
  fanoutDetail,
  fanoutProgress,
  getSubscriber,
  listFanouts,
  listSubscribers,
  subscriberFilterOptions,
  type SubscriberFilters,
} from './admin-queries.ts';

const RECRUITER: Actor = { id: null, label: 'recruiter@example.test', role: 'recruiter', memberships: [] };
const ADMIN: Actor = { id: null, label: 'admin@example.test', role: 'admin', memberships: [] };
const EDITOR: Actor = { id: null, label: 'editor@example.test', role: 'editor', memberships: [] };
const HYPERLINK = '=HYPERLINK("https://evil.example","clic")';

let rt: TestRuntime;
const s: Record<'anna' | 'bruno' | 'carla' | 'dario' | 'elena' | 'formula', Subscriber> = {} as never;
let callRunning: string;
let callDone: string;
let callWithout: string;

beforeAll(async () => {
  rt = await testRuntime();
  const db = rt.deps.db;
  const t0 = Date.parse('2026-05-01T08:00:00Z');
  const at = (h: number) => new Date(t0 + h * 3600_000);
  s.anna = await buildSubscriber(db, {
    name: 'Anna Bianchi',
    email: 'anna.bianchi@ospedale.example',
    specialisations: ['geriatria'],
    comuni: ['022205', '022161'],
    provinces: ['022'],
    confirmedAt: at(1),
  });
  s.bruno = await buildSubscriber(db, {
    name: 'Bruno Verdi',
    email: 'bruno@example.test',
    specialisations: ['medicina-interna', { code: 'geriatria', inTraining: true, trainingYear: 3 }],
    provinces: ['023'],
    frequency: 'weekly',
    callTypes: ['concorso_pubblico'],
    confirmedAt: at(2),
  });
  s.carla = await buildSubscriber(db, { name: 'Carla 100%_Neri', email: 'carla@example.test', professionCode: 'infermiere', confirmedAt: at(3) });
  s.dario = await buildSubscriber(db, { name: 'Dario Fermo', email: 'dario@example.test', status: 'paused', specialisations: ['geriatria'], confirmedAt: at(4) });
  s.elena = await buildSubscriber(db, { name: 'Elena Uscita', email: 'elena@example.test', status: 'unsubscribed', professionCode: 'infermiere', comuni: ['023091'], confirmedAt: at(5) });
  s.formula = await buildSubscriber(db, { name: HYPERLINK, email: 'formula@example.test', professionCode: 'infermiere', provinces: ['022'], confirmedAt: at(6) });
  // Enough paused subscribers for two pages of a search.
  for (let i = 0; i < SUBSCRIBERS_PAGE_SIZE + 2; i++)
    await buildSubscriber(db, { name: `Pagina ${i}`, email: `pagina-${String(i).padStart(2, '0')}@example.test`, status: 'paused', confirmedAt: at(-i) });

  callRunning = (await buildCall(rt.deps, { title: 'Dirigente medico di Geriatria' })).id;
  callDone = (await buildCall(rt.deps, { title: 'Dirigente medico di Medicina interna' })).id;
  callWithout = (await buildCall(rt.deps, { title: 'Bando senza avvisi' })).id;
  await buildFanout(db, callDone, [{ subscriberId: s.anna.id, status: 'sent', reasonKind: 'same', reasonSpecialisation: 'geriatria', sentAt: at(7) }], { startedAt: at(7) });
  await buildFanout(
    db,
    callRunning,
    [
      { subscriberId: s.anna.id, status: 'sent', reasonKind: 'same', reasonSpecialisation: 'geriatria', clicks: 2, sentAt: at(8) },
      { subscriberId: s.bruno.id, mode: 'weekly', status: 'digested', reasonKind: 'equipollent', reasonSpecialisation: 'medicina-interna', sentAt: at(9) },
      { subscriberId: s.carla.id, status: 'failed', reasonKind: 'affine', attempts: 1, error: '550 5.1.1 mailbox unavailable' },
      { subscriberId: s.dario.id, status: 'pending', reasonKind: 'affine' },
      { subscriberId: s.elena.id, status: 'skipped' },
      { subscriberId: null, status: 'failed', attempts: 6, error: 'connection timeout' },
      { subscriberId: s.formula.id, status: 'sent', reasonKind: 'same', clicks: 1, sentAt: at(8) },
    ],
    { startedAt: at(8) },
  );
});
afterAll(() => rt.close());

const emails = async (f: SubscriberFilters) => {
  const r = await listSubscribers(rt.deps, RECRUITER, f);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.items.map((x) => x.email).sort();
};

describe('listSubscribers', () => {
  it('searches email and name, case-insensitively, with % and _ taken literally', async () => {
    expect(await emails({ q: 'OSPEDALE.example' })).toEqual(['anna.bianchi@ospedale.example']);
    expect(await emails({ q: 'verdi' })).toEqual(['bruno@example.test']);
    expect(await emails({ q: '100%_' })).toEqual(['carla@example.test']);
    expect(await emails({ q: '%' })).toEqual(['carla@example.test']);
    expect(await emails({ q: 'nessuno così' })).toEqual([]);
  });

  it('filters by status, profession, specialisation, frequency and province (through comuni too)', async () => {
    expect(await emails({ status: 'unsubscribed' })).toEqual(['elena@example.test']);
    expect(await emails({ profession: 'infermiere', status: 'active' })).toEqual(['carla@example.test', 'formula@example.test']);
    expect(await emails({ specialisation: 'geriatria' })).toEqual(['anna.bianchi@ospedale.example', 'bruno@example.test', 'dario@example.test']);
    expect(await emails({ specialisation: 'geriatria', status: 'active', frequency: 'weekly' })).toEqual(['bruno@example.test']);
    expect(await emails({ province: '022' })).toEqual(['anna.bianchi@ospedale.example', 'formula@example.test']);
    // Elena chose only the comune of Verona: she is in the province of Verona.
    expect(await emails({ province: '023' })).toEqual(['bruno@example.test', 'elena@example.test']);
    expect(await emails({ province: ANYWHERE, q: 'example.test', status: 'active' })).toEqual(['carla@example.test']);
  });

  it('pages newest first, with specialisations and areas named', async () => {
    const first = await listSubscribers(rt.deps, RECRUITER, { q: 'pagina-' });
    if (!first.ok) throw new Error('refused');
    expect(first.value.total).toBe(SUBSCRIBERS_PAGE_SIZE + 2);
    expect(first.value.pages).toBe(2);
    expect(first.value.items).toHaveLength(SUBSCRIBERS_PAGE_SIZE);
    expect(first.value.items[0]!.email).toBe('pagina-00@example.test');
    const second = await listSubscribers(rt.deps, RECRUITER, { q: 'pagina-', page: 2 });
    if (!second.ok) throw new Error('refused');
    expect(second.value.items.map((r) => r.email)).toEqual(['pagina-50@example.test', 'pagina-51@example.test']);
    // A page beyond the last shows the last.
    const beyond = await listSubscribers(rt.deps, RECRUITER, { q: 'pagina-', page: 99 });
    expect(beyond.ok && beyond.value.page).toBe(2);

    const anna = (await listSubscribers(rt.deps, RECRUITER, { q: 'anna.bianchi' }));
    if (!anna.ok) throw new Error('refused');
    const row = anna.value.items[0]!;
    expect(row.professionName).toBe('Medico chirurgo');
    expect(row.specialisations.map((x) => x.name)).toEqual(['Geriatria']);
    expect(row.areas.map((a) => a.label).sort()).toEqual(['Rovereto (TN)', 'Trento', 'Trento (TN)']);
  });
});

describe('counts of active subscribers', () => {
  it('by profession and by specialisation', async () => {
    const p = await countsByProfession(rt.deps, RECRUITER);
    if (!p.ok) throw new Error('refused');
    expect(p.value.map((r) => [r.code, r.count]).sort()).toEqual([
      ['infermiere', 2],
      ['medico_chirurgo', 2],
    ]);
    const sp = await countsBySpecialisation(rt.deps, RECRUITER);
    if (!sp.ok) throw new Error('refused');
    expect(sp.value.map((r) => [r.name, r.count])).toEqual([
      ['Geriatria', 2],
      ['Medicina interna', 1],
    ]);
  });

  it('by province, once per subscriber however many of its comuni they chose, and anywhere', async () => {
    const r = await countsByProvince(rt.deps, RECRUITER);
    if (!r.ok) throw new Error('refused');
    expect(r.value.rows.map((x) => [x.code, x.name, x.abbreviation, x.count])).toEqual([
      ['022', 'Trento', 'TN', 2],
      ['023', 'Verona', 'VR', 1],
    ]);
    expect(r.value.anywhere).toBe(1);
  });
});

describe('exportSubscribers', () => {
  it('gives every row the filters select (beyond one page), with the details, and audits the export', async () => {
    const all = await exportSubscribers(rt.deps, RECRUITER, { status: 'paused', page: 1 }, 'csv');
    if (!all.ok) throw new Error('refused');
    expect(all.value).toHaveLength(SUBSCRIBERS_PAGE_SIZE + 3);

    const bruno = await exportSubscribers(rt.deps, ADMIN, { q: 'bruno' }, 'xlsx');
    if (!bruno.ok) throw new Error('refused');
    expect(bruno.value).toEqual([
      expect.objectContaining({
        email: 'bruno@example.test',
        name: 'Bruno Verdi',
        professionName: 'Medico chirurgo',
        callTypes: ['concorso_pubblico'],
        frequency: 'weekly',
        locale: 'it',
        status: 'active',
        areas: [{ kind: 'province', code: '023', label: 'Verona' }],
      }),
    ]);
    expect(bruno.value[0]!.specialisations).toEqual([
      { code: 'geriatria', name: 'Geriatria', inTraining: true, trainingYear: 3 },
      { code: 'medicina-interna', name: 'Medicina interna', inTraining: false, trainingYear: null },
    ]);
    expect(bruno.value[0]!.consentExpiresAt.getTime()).toBeGreaterThan(bruno.value[0]!.consentAt.getTime());

    // The audit log's page lists the newest first.
    const log = await listAuditLog(rt.deps, ADMIN, { entityType: 'alert_subscriber' });
    if (!log.ok) throw new Error('refused');
    const entries = log.value.items.filter((e) => e.action === 'alerts.subscribers.export').reverse();
    expect(entries.map((e) => [e.actorLabel, e.summary])).toEqual([
      ['recruiter@example.test', `${SUBSCRIBERS_PAGE_SIZE + 3} csv`],
      ['admin@example.test', '1 xlsx'],
    ]);
    expect(entries[1]!.changes).toEqual({ filters: { q: 'bruno' }, format: 'xlsx', rows: 1 });
  });
});

describe('getSubscriber', () => {
  it('shows preferences, consent and the alerts sent, newest first', async () => {
    const r = await getSubscriber(rt.deps, RECRUITER, s.anna.id);
    if (!r.ok) throw new Error('refused');
    expect(r.value.email).toBe('anna.bianchi@ospedale.example');
    expect(r.value.deliveriesTotal).toBe(2);
    expect(r.value.deliveries.map((d) => [d.callTitle, d.status, d.clicks])).toEqual([
      ['Dirigente medico di Geriatria', 'sent', 2],
      ['Dirigente medico di Medicina interna', 'sent', 0],
    ]);
  });

  it('answers not found for an unknown or malformed id', async () => {
    expect(await getSubscriber(rt.deps, RECRUITER, '00000000-0000-0000-0000-000000000000')).toEqual({ ok: false, error: { code: 'not_found' } });
    expect(await getSubscriber(rt.deps, RECRUITER, "1' or '1'='1")).toEqual({ ok: false, error: { code: 'not_found' } });
  });
});

describe('alert statistics per call', () => {
  it('lists the fan-outs, latest first, with sent, pending, failed, skipped and clicked', async () => {
    const r = await listFanouts(rt.deps, RECRUITER, {});
    if (!r.ok) throw new Error('refused');
    expect(r.value.total).toBe(2);
    expect(r.value.items.map((x) => x.callTitle)).toEqual(['Dirigente medico di Geriatria', 'Dirigente medico di Medicina interna']);
    expect(r.value.items[0]).toMatchObject({ callId: callRunning, status: 'sending', matched: 7, sent: 3, pending: 1, failed: 2, skipped: 1, clicked: 2 });
    expect(r.value.items[1]).toMatchObject({ callId: callDone, status: 'done', matched: 1, sent: 1, pending: 0, failed: 0, skipped: 0, clicked: 0 });
  });

  it("details a fan-out: reasons, modes, and the failed deliveries naming only their address", async () => {
    const r = await fanoutDetail(rt.deps, RECRUITER, callRunning);
    if (!r.ok || !r.value.fanout) throw new Error('no fan-out');
    const f = r.value.fanout;
    expect(r.value.call.title).toBe('Dirigente medico di Geriatria');
    expect(f).toMatchObject({ status: 'sending', matched: 7, sent: 3, pending: 1, failed: 2, skipped: 1, clicked: 2 });
    expect(f.byReason).toEqual({ same: 2, equipollent: 1, affine: 2, none: 2 });
    expect(f.byMode).toEqual({ immediate: 6, weekly: 1 });
    expect(f.failures).toEqual([
      { email: 'carla@example.test', attempts: 1, error: '550 5.1.1 mailbox unavailable' },
      { email: null, attempts: 6, error: 'connection timeout' },
    ]);
    // Nobody else is named.
    const json = JSON.stringify(r.value);
    for (const other of [s.anna, s.bruno, s.dario, s.elena, s.formula]) expect(json).not.toContain(other.email);

    const p = await fanoutProgress(rt.deps, RECRUITER, callRunning);
    expect(p.ok && p.value).toMatchObject({ matched: 7, sent: 3, pending: 1 });
  });

  it('knows a call without a fan-out, and no call at all', async () => {
    const none = await fanoutDetail(rt.deps, RECRUITER, callWithout);
    expect(none.ok && none.value).toEqual({ call: { id: callWithout, title: 'Bando senza avvisi' }, fanout: null });
    expect(await fanoutProgress(rt.deps, RECRUITER, callWithout)).toEqual({ ok: true, value: null });
    expect(await fanoutDetail(rt.deps, RECRUITER, '00000000-0000-0000-0000-000000000000')).toEqual({ ok: false, error: { code: 'not_found' } });
    expect(await fanoutDetail(rt.deps, RECRUITER, 'nope')).toEqual({ ok: false, error: { code: 'not_found' } });
  });
});

describe('authorization', () => {
  it('refuses every read to an editor and an anonymous visitor', async () => {
    const anonymous: Actor = { id: null, label: 'anonymous', role: 'anonymous', memberships: [] };
    for (const actor of [EDITOR, anonymous]) {
      const results = await Promise.all([
        listSubscribers(rt.deps, actor, {}),
        countsByProfession(rt.deps, actor),
        countsBySpecialisation(rt.deps, actor),
        countsByProvince(rt.deps, actor),
        subscriberFilterOptions(rt.deps, actor),
        exportSubscribers(rt.deps, actor, {}, 'csv'),
        getSubscriber(rt.deps, actor, s.anna.id),
        listFanouts(rt.deps, actor, {}),
        fanoutDetail(rt.deps, actor, callRunning),
        fanoutProgress(rt.deps, actor, callRunning),
      ]);
      for (const r of results) expect(r).toEqual({ ok: false, error: { code: 'forbidden' } });
    }
  });
});
