// The cases domain on a real database: find-or-create under concurrency, cases typed in, the list
// and its filters, stage rules, the timeline, tasks and my tasks, duplicates and their merge
// (with the rows of other capabilities re-pointed), the 12-month check, and leads opening cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/index.ts';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { createStaff, type StaffUserFixture } from '../../../tests/support/http.ts';
import { auditFor } from '../../platform/audit/index.ts';
import { createLead } from '../leads/index.ts';
import { bookSlot, buildRule, teamList } from '../../../tests/factories/appointments.ts';
import { caseRecord, casesWithEmail } from '../../../tests/factories/cases.ts';
import {
  addEntry,
  CASE_RETENTION_CHECK_JOB,
  addTask,
  changeStage,
  completeTask,
  createCase,
  createRetentionChecks,
  ensureCase,
  findDuplicates,
  getCase,
  listCases,
  mergeCases,
  myTasks,
  RETENTION_TASK_TITLE,
  type CaseDetail,
} from './index.ts';

let rt: TestRuntime;
let clock = new Date('2026-03-10T09:00:00Z');
let rec: StaffUserFixture;
let other: StaffUserFixture;
let me: Actor;
const editor: Actor = { id: 'editor-x', label: 'editor', role: 'editor', memberships: [] };
let n = 0;
const email = () => `persona.${++n}.${Date.now()}@example.org`;

beforeAll(async () => {
  rt = await testRuntime({ now: () => clock });
  rec = await createStaff(rt, { role: 'recruiter', name: 'Rita Recruiter' });
  other = await createStaff(rt, { role: 'recruiter', name: 'Olga Altra' });
  me = { id: rec.id, label: rec.email, role: 'recruiter', memberships: [] };
});
afterAll(() => rt.close());

const detail = async (id: string): Promise<CaseDetail> => {
  const r = await getCase(rt.deps.db, me, id);
  if (!r.ok || 'mergedInto' in r.value) throw new Error(`no case ${id}`);
  return r.value;
};
const mk = async (v: Record<string, string>) => {
  const r = await createCase(rt.deps, me, { locale: 'it', ...v });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe('ensureCase', () => {
  it('two requests for the same email at the same time make one case', async () => {
    const addr = email();
    const run = (name: string) => rt.deps.db.transaction((tx) => ensureCase(tx, { name, email: addr.toUpperCase() }, 'lead', me, clock));
    const [a, b] = await Promise.all([run('Uno'), run('Due')]);
    expect(a.id).toBe(b.id);
    expect(await casesWithEmail(rt.deps.db, addr)).toHaveLength(1);
    expect((await detail(a.id)).events.map((e) => e.kind)).toEqual(['created']);
  });
});

describe('a case typed in', () => {
  it('is created with its assignee and a timeline entry, once per email; editors may not', async () => {
    const addr = email();
    const c = await mk({ name: 'Giulia Neri', email: addr, phone: '+39 333 111 2222', professionCode: 'infermiere', assigneeId: rec.id });
    expect(c).toMatchObject({ source: 'manual', stage: 'interested', assigneeId: rec.id, email: addr });
    const again = await createCase(rt.deps, me, { name: 'Giulia N', email: addr.toUpperCase(), locale: 'it' });
    expect(again).toEqual({ ok: false, error: { code: 'invalid', fields: { email: 'cases_admin.errors.email_taken' } } });
    const bad = await createCase(rt.deps, me, { name: '', email: 'x', locale: 'fr', professionCode: 'nope' });
    expect(!bad.ok && bad.error.code === 'invalid' && Object.keys(bad.error.fields).sort()).toEqual(['email', 'locale', 'name']);
    expect(await createCase(rt.deps, editor, { name: 'X', locale: 'it' })).toEqual({ ok: false, error: { code: 'forbidden' } });
    const [a, ...more] = await auditFor(rt.deps.db, 'case', c.id);
    expect(more).toEqual([]);
    expect(a).toMatchObject({ action: 'case.created', summary: null });
  });
});

describe('the list', () => {
  it('searches name, email and phone, filters by stage, source and assignee, and counts by stage', async () => {
    const tag = `Zeta${Date.now()}`;
    const x = await mk({ name: `${tag} Uno`, email: email(), phone: '0461 998877', assigneeId: rec.id });
    const y = await mk({ name: `${tag} Due`, email: email() });
    await changeStage(rt.deps, me, y.id, { stage: 'in_contact', assigneeId: other.id });
    const list = async (f: Parameters<typeof listCases>[2]) => {
      const r = await listCases(rt.deps.db, me, f);
      if (!r.ok) throw new Error('list');
      return r.value;
    };
    const all = await list({ q: tag });
    expect(all.items.map((i) => i.id).sort()).toEqual([x.id, y.id].sort());
    expect(all.counts).toMatchObject({ all: 2, interested: 1, in_contact: 1, offer: 0 });
    expect((await list({ q: '998877' })).items.map((i) => i.id)).toEqual([x.id]);
    expect((await list({ q: tag, stage: 'in_contact' })).items.map((i) => i.id)).toEqual([y.id]);
    expect((await list({ q: tag, assignee: 'mine' })).items.map((i) => i.id)).toEqual([x.id]);
    expect((await list({ q: tag, assignee: other.id })).items.map((i) => i.id)).toEqual([y.id]);
    expect((await list({ q: tag, source: 'lead' })).total).toBe(0);
    expect(await listCases(rt.deps.db, editor, {})).toEqual({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('stages', () => {
  it('moves through the stages with an event each; arrived sets arrivedAt; lost needs a reason; retained needs arrived', async () => {
    const c = await mk({ name: 'Marco Blu', email: email() });
    expect(await changeStage(rt.deps, me, c.id, { stage: 'retained' })).toEqual({ ok: false, error: { code: 'invalid', fields: { stage: 'cases_admin.errors.retained_needs_arrived' } } });
    expect(await changeStage(rt.deps, me, c.id, { stage: 'lost' })).toEqual({ ok: false, error: { code: 'invalid', fields: { lostReason: 'cases_admin.errors.lost_reason' } } });
    for (const [i, stage] of ['in_contact', 'offer', 'accepted'].entries()) {
      clock = new Date(Date.UTC(2026, 2, 10, 10 + i));
      expect((await changeStage(rt.deps, me, c.id, { stage })).ok).toBe(true);
    }
    clock = new Date('2026-03-11T09:00:00Z');
    const arrived = await changeStage(rt.deps, me, c.id, { stage: 'arrived' });
    expect(arrived.ok && arrived.value.arrivedAt?.toISOString()).toBe('2026-03-11T09:00:00.000Z');
    const d = await detail(c.id);
    expect(d.events.filter((e) => e.kind === 'stage').map((e) => e.summary)).toEqual(['accepted>arrived', 'offer>accepted', 'in_contact>offer', 'interested>in_contact']);
    const lost = await changeStage(rt.deps, me, c.id, { stage: 'lost', lostReason: 'Tornato a casa' });
    expect(lost.ok && lost.value).toMatchObject({ stage: 'lost', lostReason: 'Tornato a casa' });
    expect(await changeStage(rt.deps, editor, c.id, { stage: 'offer' })).toEqual({ ok: false, error: { code: 'forbidden' } });
  });

  it('logs calls, mails and notes on the timeline, newest first', async () => {
    const c = await mk({ name: 'Lia Rosa', email: email() });
    clock = new Date('2026-03-12T09:00:00Z');
    await addEntry(rt.deps, me, c.id, { kind: 'call', body: 'Chiamata: interessata a Cavalese' });
    clock = new Date('2026-03-12T10:00:00Z');
    await addEntry(rt.deps, me, c.id, { kind: 'mail', body: 'Inviato il bando' });
    expect(await addEntry(rt.deps, me, c.id, { kind: 'fax', body: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const d = await detail(c.id);
    expect(d.events.map((e) => e.kind)).toEqual(['mail', 'call', 'created']);
    expect(d.events[1]).toMatchObject({ body: 'Chiamata: interessata a Cavalese', actorId: rec.id });
  });
});

describe('tasks', () => {
  it('adds tasks due in Rome time, lists my open ones overdue first, and completes them', async () => {
    clock = new Date('2026-03-20T09:00:00Z');
    const c = await mk({ name: 'Tina Verde', email: email() });
    const later = await addTask(rt.deps, me, c.id, { title: 'Richiamare', dueDate: '2026-03-30', taskAssigneeId: rec.id });
    const overdue = await addTask(rt.deps, me, c.id, { title: 'Mandare il bando', dueDate: '2026-03-15', dueTime: '09:30', taskAssigneeId: rec.id });
    await addTask(rt.deps, me, c.id, { title: 'Di Olga', taskAssigneeId: other.id });
    expect(overdue.ok && overdue.value.dueAt?.toISOString()).toBe('2026-03-15T08:30:00.000Z');
    expect(later.ok && later.value.dueAt?.toISOString()).toBe('2026-03-30T16:00:00.000Z'); // 18:00 CEST
    expect(await addTask(rt.deps, me, c.id, { title: 'x', dueDate: '2026-02-31' })).toEqual({ ok: false, error: { code: 'invalid', fields: { dueDate: 'cases_admin.errors.due_date' } } });
    const mine = await myTasks(rt.deps.db, me, clock);
    const ours = mine.ok ? mine.value.filter((t) => t.caseId === c.id) : [];
    expect(ours.map((t) => [t.title, t.overdue])).toEqual([
      ['Mandare il bando', true],
      ['Richiamare', false],
    ]);
    if (!overdue.ok) throw new Error();
    expect((await completeTask(rt.deps, me, overdue.value.id)).ok).toBe(true);
    const after = await myTasks(rt.deps.db, me, clock);
    expect(after.ok && after.value.some((t) => t.id === overdue.value.id)).toBe(false);
    const d = await detail(c.id);
    expect(d.tasks.map((t) => t.title)).toEqual(['Richiamare', 'Di Olga', 'Mandare il bando']);
    expect(d.events.filter((e) => e.kind === 'task').map((e) => e.summary)).toContain('task:done');
  });
});

describe('duplicates and merge', () => {
  it('finds pairs by phone or name and profession, and merges events, tasks and other rows into the kept case', async () => {
    const a = await mk({ name: 'Anna Gialli', email: email(), phone: '+39 349 000 1111', professionCode: 'infermiere' });
    const bEmail = email();
    const b = await mk({ name: 'Anna  Gialli', phone: '349-0001111', email: bEmail });
    const c = await mk({ name: 'anna gialli', professionCode: 'infermiere', email: email() });
    const r = await findDuplicates(rt.deps.db, me);
    const pairs = r.ok ? r.value.filter((p) => [a.id, b.id, c.id].includes(p.a.id)) : [];
    const key = (p: (typeof pairs)[number]) => [p.a.id, p.b.id].sort().join();
    expect(pairs.find((p) => key(p) === [a.id, b.id].sort().join())?.reason).toBe('phone');
    expect(pairs.find((p) => key(p) === [a.id, c.id].sort().join())?.reason).toBe('name_profession');

    const task = await addTask(rt.deps, me, b.id, { title: 'Task del duplicato', taskAssigneeId: rec.id });
    if (!task.ok) throw new Error(JSON.stringify(task.error));
    // Anna books a talk from the duplicate's address: the appointment belongs to case b.
    await buildRule(rt.deps, me);
    const { appointment: appt } = await bookSlot(rt.deps, { name: 'Anna', email: bEmail });
    expect(appt.caseId).toBe(b.id);
    const m = await mergeCases(rt.deps, me, { keep: a.id, drop: b.id });
    expect(m.ok).toBe(true);
    const d = await detail(a.id);
    expect(d.tasks.map((t) => t.title)).toContain('Task del duplicato');
    expect(d.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['merge', 'task']));
    expect((await teamList(rt.deps)).find((x) => x.id === appt.id)?.caseId).toBe(a.id);
    // b's only task is a's now.
    expect(d.tasks.find((t) => t.id === task.value.id)?.caseId).toBe(a.id);
    expect(await getCase(rt.deps.db, me, b.id)).toEqual({ ok: true, value: { mergedInto: a.id } });
    const listed = await listCases(rt.deps.db, me, { q: 'Gialli' });
    expect(listed.ok && listed.value.items.map((i) => i.id)).not.toContain(b.id);
    expect(await mergeCases(rt.deps, me, { keep: a.id, drop: b.id })).toEqual({ ok: false, error: { code: 'not_found' } });
    expect(await mergeCases(rt.deps, me, { keep: a.id, drop: a.id })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await mergeCases(rt.deps, editor, { keep: a.id, drop: c.id })).toEqual({ ok: false, error: { code: 'forbidden' } });
  });

  it('the kept case takes the email of the merged one when it had none', async () => {
    const addr = email();
    const keep = await mk({ name: 'Senza Email' });
    const drop = await mk({ name: 'Con Email', email: addr });
    const m = await mergeCases(rt.deps, me, { keep: keep.id, drop: drop.id });
    expect(m.ok && m.value.email).toBe(addr);
    const found = await rt.deps.db.transaction((tx) => ensureCase(tx, { name: 'X', email: addr }, 'lead', me, clock));
    expect(found.id).toBe(keep.id);
  });
});

describe('the 12-month check', () => {
  it('asks the assignee to check on someone who arrived a year ago, once', async () => {
    clock = new Date('2025-03-01T10:00:00Z');
    const c = await mk({ name: 'Paola Arrivata', email: email(), assigneeId: rec.id });
    await changeStage(rt.deps, me, c.id, { stage: 'arrived', assigneeId: rec.id });
    clock = new Date('2026-02-27T10:00:00Z');
    await createRetentionChecks(rt.deps);
    expect((await detail(c.id)).tasks).toHaveLength(0);
    clock = new Date('2026-03-02T10:00:00Z');
    expect(await createRetentionChecks(rt.deps)).toBeGreaterThanOrEqual(1);
    expect(await createRetentionChecks(rt.deps)).toBe(0);
    const d = await detail(c.id);
    expect(d.tasks.map((t) => [t.title, t.assigneeId])).toEqual([[RETENTION_TASK_TITLE, rec.id]]);
    expect(d.case.stage).toBe('arrived');
    const schedules = await rt.deps.jobs.boss.getSchedules(CASE_RETENTION_CHECK_JOB);
    expect(schedules.map((s) => s.cron)).toEqual(['17 6 * * *']);
  });
});

describe('leads open cases', () => {
  it('a lead creates the person’s case with the lead on its timeline; a second lead reuses it', async () => {
    const addr = email();
    const send = () =>
      createLead(rt.deps, { name: 'Elena Viola', email: addr, phone: '+39 320 123 4567', professionCode: 'medico_chirurgo', preferredTime: 'morning', consent: 'on', message: 'Vorrei informazioni.' }, { locale: 'en' });
    const first = await send();
    expect(first.ok).toBe(true);
    await send();
    const rows = await casesWithEmail(rt.deps.db, addr);
    expect(rows).toHaveLength(1);
    expect(await caseRecord(rt.deps.db, rows[0]!.id)).toMatchObject({ source: 'lead', locale: 'en', phone: '+39 320 123 4567', professionCode: 'medico_chirurgo' });
    const d = await detail(rows[0]!.id);
    expect(d.events.filter((e) => e.summary === 'lead:received')).toHaveLength(2);
    expect(d.events.find((e) => e.summary === 'lead:received')?.body).toBe('Vorrei informazioni.');
  });
});
