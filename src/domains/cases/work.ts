// The welcome team works cases: create by hand, list and search, a case with its timeline, stage
// changes, notes, calls and mails logged by hand, tasks, duplicates and their merge, and the
// 12-month check on people who arrived. The audit log holds no personal data.
import { aliasedTable, and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { audit } from '../../platform/audit/index.ts';
import { can, type Actor, SYSTEM_ACTOR } from '../../platform/authz/index.ts';
import { f, parseForm, type FormValues } from '../../platform/forms/index.ts';
import { fromRomeLocal } from '../../platform/i18n/format.ts';
import { forbidden, invalid, notFound, ok, type Result } from '../../platform/result.ts';
import { runHooks } from '../../platform/manifest.ts';
import { users } from '../accounts/index.ts';
import { professions } from '../reference/index.ts';
import { CASE_STAGES, caseEvents, caseTasks, cases, type CaseSource, type CaseStage } from './tables.ts';
import { addCaseEvent, ensureCase, type Case } from './timeline.ts';
import { caseRules } from './policy.ts';
import { containsPattern, isUuid, UUID_PATTERN } from '../../platform/query.ts';

export const CASES_PAGE_SIZE = 25;
export const NOTE_MAX = 4000;
/** After this many months someone who arrived is checked: still here (retained) or gone (lost). */
export const RETENTION_CHECK_MONTHS = 12;
/** The title of the task the 12-month check creates (translated where shown, with the name). */
export const RETENTION_TASK_TITLE = 'cases_admin.task_titles.retention_check';

export type CaseEvent = typeof caseEvents.$inferSelect;
export type CaseTask = typeof caseTasks.$inferSelect;

const emptyToNull = (v: unknown) => (v === '' || v === undefined ? null : v);
const optionalId = z.preprocess(emptyToNull, z.string().max(100, 'common.forms.invalid_choice').nullable());

async function lockCase(tx: DbOrTx, id: string): Promise<Case | null> {
  if (!isUuid(id)) return null;
  const [c] = await tx.select().from(cases).where(and(eq(cases.id, id), isNull(cases.mergedInto))).for('update');
  return c ?? null;
}

async function isAssignable(tx: DbOrTx, id: string): Promise<boolean> {
  const [u] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), inArray(users.role, ['admin', 'recruiter']), eq(users.disabled, false)));
  return !!u;
}

async function professionExists(tx: DbOrTx, code: string): Promise<boolean> {
  const [p] = await tx.select({ code: professions.code }).from(professions).where(eq(professions.code, code));
  return !!p;
}

// ---------------------------------------------------------------------------------------------
// Create by hand

export const caseCreateSchema = z.object({
  name: f.text(200),
  email: f.optionalEmail(),
  phone: f.optionalText(40),
  professionCode: f.optionalText(100),
  locale: z.enum(['it', 'en'], { error: 'common.forms.invalid_choice' }),
  assigneeId: optionalId,
});

export async function createCase(deps: DomainDeps, actor: Actor, raw: FormValues): Promise<Result<Case>> {
  if (!can(actor, caseRules.update)) return forbidden();
  const parsed = parseForm(caseCreateSchema, raw);
  if (!parsed.ok) return invalid(parsed.errors);
  const d = parsed.data;
  return deps.db.transaction(async (tx): Promise<Result<Case>> => {
    if (d.professionCode && !(await professionExists(tx, d.professionCode))) return invalid({ professionCode: 'common.forms.invalid_choice' });
    if (d.assigneeId && !(await isAssignable(tx, d.assigneeId))) return invalid({ assigneeId: 'common.forms.invalid_choice' });
    const email = d.email?.toLowerCase() ?? null;
    const now = deps.now();
    const [created] = await tx
      .insert(cases)
      .values({ name: d.name, email, phone: d.phone ?? null, locale: d.locale, professionCode: d.professionCode ?? null, source: 'manual', assigneeId: d.assigneeId, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    // One case per address: typing in someone the team already follows is a mistake to show.
    if (!created) return invalid({ email: 'cases_admin.errors.email_taken' });
    await addCaseEvent(tx, created.id, { kind: 'created', summary: 'source:manual' }, actor, now);
    await audit(tx, actor, { action: 'case.created', entityType: 'case', entityId: created.id });
    return ok(created);
  });
}

// ---------------------------------------------------------------------------------------------
// List

export interface CaseFilter {
  stage?: CaseStage;
  source?: CaseSource;
  /** 'mine', 'unassigned', or a user id. */
  assignee?: string;
  /** Free text on name, email and phone. */
  q?: string;
  page?: number;
}

export interface CaseListItem {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  professionName: string | null;
  stage: CaseStage;
  source: CaseSource;
  assigneeId: string | null;
  assigneeName: string | null;
  updatedAt: Date;
}

export interface CaseList {
  items: CaseListItem[];
  total: number;
  page: number;
  pages: number;
  /** Cases per stage (and all) under the other filters. */
  counts: Record<CaseStage | 'all', number>;
}

export async function listCases(db: DbOrTx, actor: Actor, fl: CaseFilter): Promise<Result<CaseList>> {
  if (!can(actor, caseRules.read)) return forbidden();
  const base: SQL[] = [isNull(cases.mergedInto)];
  if (fl.assignee === 'mine') base.push(actor.id ? eq(cases.assigneeId, actor.id) : sql`false`);
  else if (fl.assignee === 'unassigned') base.push(isNull(cases.assigneeId));
  else if (fl.assignee) base.push(eq(cases.assigneeId, fl.assignee));
  if (fl.source) base.push(eq(cases.source, fl.source));
  const q = fl.q?.trim().slice(0, 200);
  if (q) base.push(or(ilike(cases.name, containsPattern(q)), ilike(cases.email, containsPattern(q)), ilike(cases.phone, containsPattern(q)))!);
  const where = fl.stage ? [...base, eq(cases.stage, fl.stage)] : base;
  const page = Math.max(1, Math.min(fl.page ?? 1, 10_000));
  const [rows, byStage] = await Promise.all([
    db
      .select({
        id: cases.id,
        name: cases.name,
        email: cases.email,
        phone: cases.phone,
        professionName: professions.name,
        stage: cases.stage,
        source: cases.source,
        assigneeId: cases.assigneeId,
        assigneeName: users.name,
        updatedAt: cases.updatedAt,
      })
      .from(cases)
      .leftJoin(professions, eq(professions.code, cases.professionCode))
      .leftJoin(users, eq(users.id, cases.assigneeId))
      .where(and(...where))
      .orderBy(desc(cases.updatedAt), asc(cases.id))
      .limit(CASES_PAGE_SIZE)
      .offset((page - 1) * CASES_PAGE_SIZE),
    db.select({ stage: cases.stage, n: count() }).from(cases).where(and(...base)).groupBy(cases.stage),
  ]);
  const counts = Object.fromEntries(['all', ...CASE_STAGES].map((s) => [s, 0])) as Record<CaseStage | 'all', number>;
  for (const r of byStage) {
    if ((CASE_STAGES as readonly string[]).includes(r.stage)) counts[r.stage] = Number(r.n);
    counts.all += Number(r.n);
  }
  const total = fl.stage ? counts[fl.stage] : counts.all;
  return ok({ items: rows, total, page, pages: Math.max(1, Math.ceil(total / CASES_PAGE_SIZE)), counts });
}

// ---------------------------------------------------------------------------------------------
// One case

export interface CaseTaskItem extends CaseTask {
  assigneeName: string | null;
}

export interface CaseDetail {
  case: Case;
  professionName: string | null;
  assigneeName: string | null;
  events: CaseEvent[];
  tasks: CaseTaskItem[];
}

/** A merged case answers with `mergedInto` so the page can send the reader to the case kept. */
export async function getCase(db: DbOrTx, actor: Actor, id: string): Promise<Result<CaseDetail | { mergedInto: string }>> {
  if (!can(actor, caseRules.read)) return forbidden();
  if (!isUuid(id)) return notFound();
  const [row] = await db
    .select({ c: cases, professionName: professions.name, assigneeName: users.name })
    .from(cases)
    .leftJoin(professions, eq(professions.code, cases.professionCode))
    .leftJoin(users, eq(users.id, cases.assigneeId))
    .where(eq(cases.id, id));
  if (!row) return notFound();
  if (row.c.mergedInto) return ok({ mergedInto: row.c.mergedInto });
  const [events, tasks] = await Promise.all([
    db.select().from(caseEvents).where(eq(caseEvents.caseId, id)).orderBy(desc(caseEvents.at)).limit(500),
    db
      .select({ t: caseTasks, assigneeName: users.name })
      .from(caseTasks)
      .leftJoin(users, eq(users.id, caseTasks.assigneeId))
      .where(eq(caseTasks.caseId, id))
      .orderBy(sql`${caseTasks.doneAt} is not null`, sql`${caseTasks.dueAt} asc nulls last`, asc(caseTasks.createdAt)),
  ]);
  return ok({ case: row.c, professionName: row.professionName, assigneeName: row.assigneeName, events, tasks: tasks.map((r) => ({ ...r.t, assigneeName: r.assigneeName })) });
}

// ---------------------------------------------------------------------------------------------
// Stage and assignee

export const stageSchema = z.object({
  stage: z.enum(CASE_STAGES, { error: 'common.forms.invalid_choice' }),
  lostReason: f.optionalText(500),
  assigneeId: optionalId,
});

export async function changeStage(deps: DomainDeps, actor: Actor, id: string, raw: FormValues): Promise<Result<Case>> {
  if (!can(actor, caseRules.update)) return forbidden();
  const parsed = parseForm(stageSchema, raw);
  if (!parsed.ok) return invalid(parsed.errors);
  const { stage, lostReason, assigneeId } = parsed.data;
  if (stage === 'lost' && !lostReason) return invalid({ lostReason: 'cases_admin.errors.lost_reason' });
  return deps.db.transaction(async (tx): Promise<Result<Case>> => {
    const before = await lockCase(tx, id);
    if (!before) return notFound();
    // Retained means "still here after a year": only someone who arrived can be.
    if (stage === 'retained' && before.stage !== 'arrived' && before.stage !== 'retained') return invalid({ stage: 'cases_admin.errors.retained_needs_arrived' });
    if (assigneeId && assigneeId !== before.assigneeId && !(await isAssignable(tx, assigneeId))) return invalid({ assigneeId: 'common.forms.invalid_choice' });
    const now = deps.now();
    const set = {
      stage,
      assigneeId,
      lostReason: stage === 'lost' ? lostReason! : null,
      arrivedAt: stage === 'arrived' ? (before.arrivedAt ?? now) : before.arrivedAt,
    };
    const stageChanged = stage !== before.stage || (stage === 'lost' && before.lostReason !== lostReason);
    if (!stageChanged && assigneeId === before.assigneeId) return ok(before);
    const [after] = await tx.update(cases).set({ ...set, updatedAt: now }).where(eq(cases.id, id)).returning();
    if (stageChanged) {
      await addCaseEvent(tx, id, { kind: 'stage', summary: `${before.stage}>${stage}`, body: stage === 'lost' ? lostReason : null, data: { from: before.stage, to: stage } }, actor, now);
    }
    await audit(tx, actor, {
      action: 'case.updated',
      entityType: 'case',
      entityId: id,
      changes: { ...(stageChanged ? { stage: { from: before.stage, to: stage } } : {}), ...(assigneeId !== before.assigneeId ? { assigneeId: { from: before.assigneeId, to: assigneeId } } : {}) },
    });
    return ok(after!);
  });
}

// ---------------------------------------------------------------------------------------------
// Notes, calls and mails logged by hand

export const entrySchema = z.object({
  kind: z.enum(['note', 'call', 'mail'], { error: 'common.forms.invalid_choice' }),
  body: z.string({ error: 'common.forms.required' }).trim().min(1, 'common.forms.required').max(NOTE_MAX, 'common.forms.too_long'),
});

/** A note, or a call or mail the team had outside the platform (kind `call`/`mail`). */
export async function addEntry(deps: DomainDeps, actor: Actor, id: string, raw: FormValues): Promise<Result<{ id: string }>> {
  if (!can(actor, caseRules.update)) return forbidden();
  const parsed = parseForm(entrySchema, raw);
  if (!parsed.ok) return invalid(parsed.errors);
  const { kind, body } = parsed.data;
  return deps.db.transaction(async (tx): Promise<Result<{ id: string }>> => {
    const c = await lockCase(tx, id);
    if (!c) return notFound();
    const now = deps.now();
    await addCaseEvent(tx, id, { kind, summary: `manual:${kind}`, body }, actor, now);
    await audit(tx, actor, { action: `case.${kind}_logged`, entityType: 'case', entityId: id });
    return ok({ id });
  });
}

// ---------------------------------------------------------------------------------------------
// Tasks

export const taskSchema = z.object({
  title: f.text(300),
  dueDate: f.optionalText(10),
  dueTime: f.optionalText(5),
  taskAssigneeId: optionalId,
});

export async function addTask(deps: DomainDeps, actor: Actor, caseId: string, raw: FormValues): Promise<Result<CaseTask>> {
  if (!can(actor, caseRules.update)) return forbidden();
  const parsed = parseForm(taskSchema, raw);
  if (!parsed.ok) return invalid(parsed.errors);
  const d = parsed.data;
  let dueAt: Date | null = null;
  if (d.dueDate) {
    // A date alone is due at the end of the working day, Rome time.
    dueAt = fromRomeLocal(d.dueDate, d.dueTime ?? '18:00');
    if (!dueAt) return invalid({ dueDate: 'cases_admin.errors.due_date' });
  } else if (d.dueTime) return invalid({ dueDate: 'cases_admin.errors.due_date' });
  return deps.db.transaction(async (tx): Promise<Result<CaseTask>> => {
    const c = await lockCase(tx, caseId);
    if (!c) return notFound();
    if (d.taskAssigneeId && !(await isAssignable(tx, d.taskAssigneeId))) return invalid({ taskAssigneeId: 'common.forms.invalid_choice' });
    const now = deps.now();
    const [task] = await tx
      .insert(caseTasks)
      .values({ caseId, title: d.title, dueAt, assigneeId: d.taskAssigneeId, createdBy: actor.id, createdAt: now })
      .returning();
    await addCaseEvent(tx, caseId, { kind: 'task', summary: 'task:added', body: d.title, data: { taskId: task!.id } }, actor, now);
    await audit(tx, actor, { action: 'case.task_added', entityType: 'case', entityId: caseId });
    return ok(task!);
  });
}

export async function completeTask(deps: DomainDeps, actor: Actor, taskId: string): Promise<Result<CaseTask>> {
  if (!can(actor, caseRules.update)) return forbidden();
  if (!isUuid(taskId)) return notFound();
  return deps.db.transaction(async (tx): Promise<Result<CaseTask>> => {
    const [task] = await tx.select().from(caseTasks).where(eq(caseTasks.id, taskId)).for('update');
    if (!task) return notFound();
    if (task.doneAt) return ok(task);
    const now = deps.now();
    const [done] = await tx.update(caseTasks).set({ doneAt: now }).where(eq(caseTasks.id, taskId)).returning();
    await addCaseEvent(tx, task.caseId, { kind: 'task', summary: 'task:done', body: task.title, data: { taskId } }, actor, now);
    await audit(tx, actor, { action: 'case.task_done', entityType: 'case', entityId: task.caseId });
    return ok(done!);
  });
}

export interface MyTask extends CaseTask {
  caseName: string;
  overdue: boolean;
}

/** Open tasks assigned to the actor: overdue first, then by due date (undated last). */
export async function myTasks(db: DbOrTx, actor: Actor, now: Date): Promise<Result<MyTask[]>> {
  if (!can(actor, caseRules.read)) return forbidden();
  if (!actor.id) return ok([]);
  const rows = await db
    .select({ t: caseTasks, caseName: cases.name })
    .from(caseTasks)
    .innerJoin(cases, eq(cases.id, caseTasks.caseId))
    .where(and(eq(caseTasks.assigneeId, actor.id), isNull(caseTasks.doneAt), isNull(cases.mergedInto)))
    .orderBy(sql`${caseTasks.dueAt} asc nulls last`, asc(caseTasks.createdAt))
    .limit(500);
  return ok(rows.map((r) => ({ ...r.t, caseName: r.caseName, overdue: !!r.t.dueAt && r.t.dueAt < now })));
}

// ---------------------------------------------------------------------------------------------
// Duplicates and merge

export interface DuplicatePair {
  a: { id: string; name: string; email: string | null; phone: string | null; createdAt: Date };
  b: { id: string; name: string; email: string | null; phone: string | null; createdAt: Date };
  reason: 'phone' | 'name_profession';
}

// Digits only, without the Italian country code (+39 / 0039) when a full number follows it.
const digits = (col: unknown) => sql`regexp_replace(regexp_replace(coalesce(${col}, ''), '[^0-9]', '', 'g'), '^(00)?39([0-9]{9,})$', '\\2')`;

/** Likely the same person twice: the same phone (digits only), or the same name and profession. */
export async function findDuplicates(db: DbOrTx, actor: Actor): Promise<Result<DuplicatePair[]>> {
  if (!can(actor, caseRules.merge)) return forbidden();
  const a = aliasedTable(cases, 'a');
  const b = aliasedTable(cases, 'b');
  const samePhone = and(sql`length(${digits(a.phone)}) >= 6`, sql`${digits(a.phone)} = ${digits(b.phone)}`);
  const sameName = and(sql`lower(trim(${a.name})) = lower(trim(${b.name}))`, isNotNull(a.professionCode), eq(a.professionCode, b.professionCode));
  const rows = await db
    .select({
      aId: a.id, aName: a.name, aEmail: a.email, aPhone: a.phone, aCreated: a.createdAt,
      bId: b.id, bName: b.name, bEmail: b.email, bPhone: b.phone, bCreated: b.createdAt,
      byPhone: sql<boolean>`${samePhone}`,
    })
    .from(a)
    .innerJoin(b, and(sql`${a.id} < ${b.id}`, or(samePhone, sameName)))
    .where(and(isNull(a.mergedInto), isNull(b.mergedInto)))
    .orderBy(asc(a.name), asc(a.id), asc(b.id))
    .limit(200);
  return ok(
    rows.map((r) => {
      // The older case first: usually the one to keep.
      const x = { id: r.aId, name: r.aName, email: r.aEmail, phone: r.aPhone, createdAt: r.aCreated };
      const y = { id: r.bId, name: r.bName, email: r.bEmail, phone: r.bPhone, createdAt: r.bCreated };
      const [first, second] = x.createdAt <= y.createdAt ? [x, y] : [y, x];
      return { a: first, b: second, reason: r.byPhone ? 'phone' : 'name_profession' };
    }),
  );
}

export const mergeSchema = z.object({ keep: z.string().regex(UUID_PATTERN, 'common.forms.invalid_choice'), drop: z.string().regex(UUID_PATTERN, 'common.forms.invalid_choice') });

/**
 * Merges `drop` into `keep`: its events and tasks move, ranked candidates, appointments and
 * registrations point to `keep`, missing contact data is filled in, and `drop` stays only as a
 * pointer (mergedInto) that disappears from lists.
 */
export async function mergeCases(deps: DomainDeps, actor: Actor, raw: FormValues): Promise<Result<Case>> {
  if (!can(actor, caseRules.merge)) return forbidden();
  const parsed = parseForm(mergeSchema, raw);
  if (!parsed.ok) return invalid(parsed.errors);
  const { keep, drop } = parsed.data;
  if (keep === drop) return invalid({ drop: 'cases_admin.errors.merge_same' });
  return deps.db.transaction(async (tx): Promise<Result<Case>> => {
    // Lock in a fixed order so two merges of the same pair cannot deadlock.
    const locked = await tx
      .select()
      .from(cases)
      .where(and(inArray(cases.id, [keep, drop]), isNull(cases.mergedInto)))
      .orderBy(asc(cases.id))
      .for('update');
    const k = locked.find((c) => c.id === keep);
    const d = locked.find((c) => c.id === drop);
    if (!k || !d) return notFound();
    const now = deps.now();
    await tx.update(caseEvents).set({ caseId: keep }).where(eq(caseEvents.caseId, drop));
    await tx.update(caseTasks).set({ caseId: keep }).where(eq(caseTasks.caseId, drop));
    // Ranked candidates, appointments, registrations…: each capability re-points its own rows.
    await runHooks(deps.manifests, 'cases.merged', tx, { from: [drop], into: keep });
    // The dropped case leaves the unique email index first, so its address can move to the kept one.
    await tx.update(cases).set({ mergedInto: keep, updatedAt: now }).where(eq(cases.id, drop));
    await tx.update(cases).set({ mergedInto: keep }).where(eq(cases.mergedInto, drop));
    const [after] = await tx
      .update(cases)
      .set({
        email: k.email ?? d.email,
        phone: k.phone ?? d.phone,
        professionCode: k.professionCode ?? d.professionCode,
        assigneeId: k.assigneeId ?? d.assigneeId,
        arrivedAt: k.arrivedAt ?? d.arrivedAt,
        updatedAt: now,
      })
      .where(eq(cases.id, keep))
      .returning();
    await addCaseEvent(tx, keep, { kind: 'merge', summary: 'merge', body: d.name, data: { merged: drop } }, actor, now);
    await audit(tx, actor, { action: 'case.merged', entityType: 'case', entityId: keep, changes: { merged: { from: drop, to: keep } } });
    return ok(after!);
  });
}

// ---------------------------------------------------------------------------------------------
// The 12-month check

const monthsBefore = (d: Date, months: number) => {
  const x = new Date(d);
  x.setUTCMonth(x.getUTCMonth() - months);
  return x;
};

/**
 * People who arrived 12 months ago get a task "check whether they are still here", due now and
 * assigned to the case's assignee: the team decides retained or lost. Once per case.
 */
export async function createRetentionChecks(deps: DomainDeps): Promise<number> {
  const now = deps.now();
  const due = await deps.db
    .select({ id: cases.id, assigneeId: cases.assigneeId, arrivedAt: cases.arrivedAt })
    .from(cases)
    .where(
      and(
        eq(cases.stage, 'arrived'),
        isNull(cases.mergedInto),
        lte(cases.arrivedAt, monthsBefore(now, RETENTION_CHECK_MONTHS)),
        sql`not exists (select 1 from ${caseTasks} where ${caseTasks.caseId} = ${cases.id} and ${caseTasks.title} = ${RETENTION_TASK_TITLE})`,
      ),
    )
    .limit(1000);
  let made = 0;
  for (const c of due) {
    await deps.db.transaction(async (tx) => {
      const locked = await lockCase(tx, c.id);
      if (!locked || locked.stage !== 'arrived') return;
      const [exists] = await tx.select({ id: caseTasks.id }).from(caseTasks).where(and(eq(caseTasks.caseId, c.id), eq(caseTasks.title, RETENTION_TASK_TITLE)));
      if (exists) return;
      await tx.insert(caseTasks).values({ caseId: c.id, title: RETENTION_TASK_TITLE, dueAt: now, assigneeId: locked.assigneeId, createdBy: null, createdAt: now });
      await addCaseEvent(tx, c.id, { kind: 'task', summary: 'task:retention_check', data: { retentionCheck: true } }, SYSTEM_ACTOR, now);
      made++;
    });
  }
  return made;
}

/** The case of a person by email (the lead's page links to it). */
export async function caseIdByEmail(db: DbOrTx, actor: Actor, email: string): Promise<string | null> {
  if (!can(actor, caseRules.read)) return null;
  const [c] = await db.select({ id: cases.id }).from(cases).where(and(eq(cases.email, email.trim().toLowerCase()), isNull(cases.mergedInto)));
  return c?.id ?? null;
}
