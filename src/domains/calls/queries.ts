// Reading calls: the public search (full text, filters, sort, pages), a call's page, feeds,
// the back-office list, and the outbound-click counter.
import { and, asc, count, desc, eq, exists, gt, inArray, isNotNull, min, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { callAttachments, callClicks, callSpecialisations, callWorkplaces, calls, type CallType } from './tables.ts';
import { callState, openWhere, stateWhere, visibleWhere, type CallState } from './state.ts';
import { organisations } from '../organisations/index.ts';
import { comuni, disciplines, professions, provinces, specialisations, identitySpecialisations } from '../reference/index.ts';
import { containsPattern, countAll, paged, pageWindow, type Paged } from '../../platform/query.ts';

export const PAGE_SIZE = 20;

export interface PublicSearch {
  q?: string;
  profession?: string;
  discipline?: number;
  province?: string;
  type?: CallType;
  state?: 'open' | 'closed';
  sort?: 'deadline' | 'recent' | 'relevance';
  page?: number;
}

export interface CallListItem {
  id: string;
  slug: string;
  title: string;
  type: CallType;
  state: CallState;
  employerName: string;
  professionCode: string;
  professionName: string;
  professionNameEn: string | null;
  disciplineName: string | null;
  posts: number;
  publishAt: Date | null;
  deadline: Date | null;
  workplaces: { name: string; province: string }[];
}

const listColumns = {
  id: calls.id,
  slug: calls.slug,
  title: calls.title,
  type: calls.type,
  status: calls.status,
  publishAt: calls.publishAt,
  deadline: calls.deadline,
  closedAt: calls.closedAt,
  posts: calls.posts,
  employerName: organisations.name,
  professionCode: calls.professionCode,
  professionName: professions.name,
  professionNameEn: professions.nameEn,
  disciplineName: disciplines.name,
};

async function workplacesOf(db: DbOrTx, ids: string[]) {
  const map = new Map<string, { name: string; province: string }[]>();
  if (!ids.length) return map;
  const rows = await db
    .select({ callId: callWorkplaces.callId, name: comuni.name, province: provinces.abbreviation })
    .from(callWorkplaces)
    .innerJoin(comuni, eq(comuni.code, callWorkplaces.comuneCode))
    .innerJoin(provinces, eq(provinces.code, callWorkplaces.provinceCode))
    .where(inArray(callWorkplaces.callId, ids))
    .orderBy(asc(comuni.name));
  for (const r of rows) {
    const list = map.get(r.callId) ?? [];
    list.push({ name: r.name, province: r.province });
    map.set(r.callId, list);
  }
  return map;
}

function searchWhere(s: PublicSearch, now: Date): { where: SQL; tsq: SQL | null } {
  const parts: SQL[] = [s.state === 'closed' ? stateWhere('closed', now) : openWhere(now)];
  let tsq: SQL | null = null;
  const q = s.q?.trim().slice(0, 200);
  if (q) {
    tsq = sql`websearch_to_tsquery('italian', ${q})`;
    parts.push(sql`${calls.searchVector} @@ ${tsq}`);
  }
  if (s.profession) parts.push(eq(calls.professionCode, s.profession));
  if (s.discipline) parts.push(eq(calls.disciplineCode, s.discipline));
  if (s.type) parts.push(eq(calls.type, s.type));
  if (s.province)
    parts.push(
      exists(
        sql`(select 1 from ${callWorkplaces} where ${callWorkplaces.callId} = ${calls.id} and ${callWorkplaces.provinceCode} = ${s.province})`,
      ),
    );
  return { where: and(...parts)!, tsq };
}

export async function searchPublicCalls(db: Db, s: PublicSearch, now: Date): Promise<Paged<CallListItem>> {
  const { where, tsq } = searchWhere(s, now);
  const page = Math.max(1, Math.min(s.page ?? 1, 10_000));
  const sort = s.sort ?? (tsq ? 'relevance' : 'deadline');
  const order =
    sort === 'relevance' && tsq
      ? [desc(sql`ts_rank(${calls.searchVector}, ${tsq})`), asc(calls.deadline)]
      : sort === 'recent'
        ? [desc(calls.publishAt), asc(calls.id)]
        : s.state === 'closed'
          ? [desc(calls.deadline), asc(calls.id)]
          : [asc(calls.deadline), asc(calls.id)];
  const { limit, offset } = pageWindow(page, PAGE_SIZE);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(listColumns)
      .from(calls)
      .innerJoin(organisations, eq(organisations.id, calls.employerId))
      .innerJoin(professions, eq(professions.code, calls.professionCode))
      .leftJoin(disciplines, eq(disciplines.code, calls.disciplineCode))
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset(offset),
    db.select({ total: countAll() }).from(calls).where(where),
  ]);
  const wp = await workplacesOf(db, rows.map((r) => r.id));
  const items = rows.map((r) => ({ ...r, state: callState(r, now), workplaces: wp.get(r.id) ?? [] }));
  return paged(items, Number(total), page, PAGE_SIZE);
}

/** Open calls per profession, for the home page. */
export async function openCountsByProfession(db: Db, now: Date) {
  const rows = await db
    .select({ code: professions.code, name: professions.name, nameEn: professions.nameEn, n: count() })
    .from(calls)
    .innerJoin(professions, eq(professions.code, calls.professionCode))
    .where(openWhere(now))
    .groupBy(professions.code, professions.name, professions.nameEn, professions.sortOrder)
    .orderBy(desc(count()), asc(professions.sortOrder));
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export async function latestOpenCalls(db: Db, now: Date, limit = 6) {
  return (await searchPublicCalls(db, { sort: 'recent' }, now)).items.slice(0, limit);
}

type RelationKind = 'same' | 'equipollent' | 'affine';

export interface CallSpecialisation {
  code: string;
  name: string;
  kind: RelationKind;
}

const KIND_RANK: Record<RelationKind, number> = { same: 0, equipollent: 1, affine: 2 };

/**
 * What a call admits: the specialisations saved with it plus its discipline's identity titles (active
 * `same` edges), which the law admits whatever the call lists (DPR 483/1997). Read from the graph each
 * time, so a call saved before an identity edge existed admits it too. Same first, then by name.
 */
export async function callAdmittedSpecialisations(db: DbOrTx, call: { id: string; disciplineCode: number | null }): Promise<CallSpecialisation[]> {
  const stored = await db
    .select({ code: specialisations.code, name: specialisations.name, kind: callSpecialisations.kind })
    .from(callSpecialisations)
    .innerJoin(specialisations, eq(specialisations.code, callSpecialisations.specialisationCode))
    .where(eq(callSpecialisations.callId, call.id));
  const identity = call.disciplineCode != null ? await identitySpecialisations(db, call.disciplineCode) : [];
  const byCode = new Map(stored.map((s) => [s.code, s]));
  for (const e of identity) byCode.set(e.specialisationCode, { code: e.specialisationCode, name: e.specialisationName, kind: 'same' });
  return [...byCode.values()].sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.name.localeCompare(b.name, 'it'));
}

export interface CallDetail {
  call: typeof calls.$inferSelect;
  state: CallState;
  employer: typeof organisations.$inferSelect;
  professionName: string;
  professionNameEn: string | null;
  disciplineName: string | null;
  workplaces: { code: string; name: string; province: string; provinceName: string }[];
  specialisations: CallSpecialisation[];
  /**
   * The call has a discipline but admits no specialisation we know of (none listed, none in the
   * graph): its alerts go to every subscriber of the profession, and its pages say so.
   */
  toWholeProfession: boolean;
  attachments: { id: string; filename: string; title: string | null; size: number; contentType: string }[];
}

async function detail(db: DbOrTx, where: SQL, now: Date): Promise<CallDetail | null> {
  const [row] = await db
    .select({ call: calls, employer: organisations, professionName: professions.name, professionNameEn: professions.nameEn, disciplineName: disciplines.name })
    .from(calls)
    .innerJoin(organisations, eq(organisations.id, calls.employerId))
    .innerJoin(professions, eq(professions.code, calls.professionCode))
    .leftJoin(disciplines, eq(disciplines.code, calls.disciplineCode))
    .where(where);
  if (!row) return null;
  const id = row.call.id;
  const [wp, specs, att] = await Promise.all([
    db
      .select({ code: comuni.code, name: comuni.name, province: provinces.abbreviation, provinceName: provinces.name })
      .from(callWorkplaces)
      .innerJoin(comuni, eq(comuni.code, callWorkplaces.comuneCode))
      .innerJoin(provinces, eq(provinces.code, callWorkplaces.provinceCode))
      .where(eq(callWorkplaces.callId, id))
      .orderBy(asc(comuni.name)),
    callAdmittedSpecialisations(db, row.call),
    db
      .select({ id: callAttachments.id, filename: callAttachments.filename, title: callAttachments.title, size: callAttachments.size, contentType: callAttachments.contentType })
      .from(callAttachments)
      .where(eq(callAttachments.callId, id))
      .orderBy(asc(callAttachments.createdAt)),
  ]);
  return {
    ...row,
    state: callState(row.call, now),
    workplaces: wp,
    specialisations: specs,
    toWholeProfession: row.call.disciplineCode != null && specs.length === 0,
    attachments: att,
  };
}

/** A call as the public sees it: only once published (open or closed; archived calls are gone). */
export function getPublicCall(db: Db, slug: string, now: Date) {
  return detail(db, and(eq(calls.slug, slug), visibleWhere(now))!, now);
}

export function getCallDetail(db: DbOrTx, id: string, now: Date) {
  return detail(db, eq(calls.id, id), now);
}

export async function getAttachment(db: Db, callId: string, attachmentId: string) {
  const [a] = await db
    .select()
    .from(callAttachments)
    .where(and(eq(callAttachments.id, attachmentId), eq(callAttachments.callId, callId)));
  return a ?? null;
}

/** Counts one outbound click to the official portal (per call and day). */
export async function recordOutboundClick(db: Db, callId: string, now: Date): Promise<void> {
  const day = now.toISOString().slice(0, 10);
  await db
    .insert(callClicks)
    .values({ callId, day, clicks: 1 })
    .onConflictDoUpdate({ target: [callClicks.callId, callClicks.day], set: { clicks: sql`${callClicks.clicks} + 1` } });
}

export async function outboundClicks(db: DbOrTx, callId: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`coalesce(sum(${callClicks.clicks}), 0)::int` }).from(callClicks).where(eq(callClicks.callId, callId));
  return Number(r?.n ?? 0);
}

/** Published calls for the sitemap and the Atom feed, newest first. */
export async function listVisibleCalls(db: Db, now: Date, limit = 50_000) {
  return db
    .select({
      id: calls.id,
      slug: calls.slug,
      title: calls.title,
      descriptionMd: calls.descriptionMd,
      publishAt: calls.publishAt,
      updatedAt: calls.updatedAt,
      deadline: calls.deadline,
      closedAt: calls.closedAt,
      status: calls.status,
      employerName: organisations.name,
    })
    .from(calls)
    .innerJoin(organisations, eq(organisations.id, calls.employerId))
    .where(visibleWhere(now))
    .orderBy(desc(calls.publishAt))
    .limit(limit);
}

/** When the public state of some call next changes on the clock alone (cache expiry). */
export async function nextClockChange(db: Db, now: Date): Promise<Date | null> {
  const [r] = await db
    .select({
      nextPublish: min(sql`case when ${calls.publishAt} > ${now.toISOString()}::timestamptz then ${calls.publishAt} end`),
      nextDeadline: min(sql`case when ${calls.deadline} > ${now.toISOString()}::timestamptz then ${calls.deadline} end`),
    })
    .from(calls)
    .where(and(eq(calls.status, 'published'), or(gt(calls.publishAt, now), gt(calls.deadline, now)), isNotNull(calls.deadline)));
  const ts = [r?.nextPublish, r?.nextDeadline].filter(Boolean).map((v) => new Date(v as string).getTime());
  return ts.length ? new Date(Math.min(...ts)) : null;
}

export interface AdminCallFilter {
  q?: string;
  state?: CallState;
  employerId?: string;
  page?: number;
}

/** A call in the back-office list (and the API's): the list columns, its state now, its last change. */
export type AdminCallItem = Omit<CallListItem, 'workplaces'> & { status: (typeof calls.$inferSelect)['status']; closedAt: Date | null; updatedAt: Date };

export async function listAdminCalls(db: Db, f: AdminCallFilter, now: Date): Promise<Paged<AdminCallItem>> {
  const parts: SQL[] = [];
  if (f.state) parts.push(stateWhere(f.state, now));
  if (f.employerId) parts.push(eq(calls.employerId, f.employerId));
  const q = f.q?.trim().slice(0, 200);
  if (q) parts.push(or(sql`${calls.searchVector} @@ websearch_to_tsquery('italian', ${q})`, sql`${calls.slug} = ${q}`, sql`${calls.officialRef} ilike ${containsPattern(q)}`)!);
  const where = parts.length ? and(...parts) : undefined;
  const page = Math.max(1, Math.min(f.page ?? 1, 10_000));
  const { limit, offset } = pageWindow(page, PAGE_SIZE);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ ...listColumns, updatedAt: calls.updatedAt })
      .from(calls)
      .innerJoin(organisations, eq(organisations.id, calls.employerId))
      .innerJoin(professions, eq(professions.code, calls.professionCode))
      .leftJoin(disciplines, eq(disciplines.code, calls.disciplineCode))
      .where(where)
      .orderBy(desc(calls.updatedAt), asc(calls.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: countAll() }).from(calls).where(where),
  ]);
  return paged(
    rows.map((r) => ({ ...r, state: callState(r, now) })),
    Number(total),
    page,
    PAGE_SIZE,
  );
}
