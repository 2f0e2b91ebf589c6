// Read models of the talent pool for the back office: subscribers (search, filters, counts, export)
// and each call's alert statistics. Only recruiters and admins; pages show no more personal data
// than the task needs (a fan-out's page names only the addresses that failed).
import { and, asc, count, desc, eq, exists, ilike, inArray, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import { can, type Actor } from '../../platform/authz/index.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import type { ExportFormat } from '../../platform/export/index.ts';
import { containsPattern, isUuid, type Paged } from '../../platform/query.ts';
import { forbidden, notFound, ok, type Result } from '../../platform/result.ts';
import { calls } from '../calls/index.ts';
import { comuni, professions, provinces, specialisations } from '../reference/index.ts';
import {
  alertDeliveries,
  alertFanouts,
  alertSubscriberAreas,
  alertSubscribers,
  alertSubscriberSpecialisations,
  type DeliveryStatus,
  type Frequency,
  type SubscriberStatus,
} from './tables.ts';
import { alertRules } from './policy.ts';

type ReadDeps = Pick<DomainDeps, 'db'>;

export const SUBSCRIBERS_PAGE_SIZE = 50;
export const FANOUTS_PAGE_SIZE = 50;
/** At most this many failed deliveries are listed on a fan-out's page (the count is always whole). */
export const FAILURES_SHOWN = 200;
/** The subscriber's page lists their latest alerts. */
export const SUBSCRIBER_DELIVERIES_SHOWN = 200;
/** The province filter's value for "no area chosen": the subscriber hears of calls anywhere. */
export const ANYWHERE = 'anywhere';

export interface SubscriberFilters {
  /** Part of the email or the name. */
  q?: string;
  status?: SubscriberStatus;
  profession?: string;
  specialisation?: string;
  /** A province code, or ANYWHERE for subscribers without areas. */
  province?: string;
  frequency?: Frequency;
  page?: number;
}

export interface SpecialisationHeld {
  code: string;
  name: string;
  inTraining: boolean;
  trainingYear: number | null;
}

export interface AreaLabel {
  kind: 'province' | 'comune';
  code: string;
  /** "Trento (TN)" for a comune, "Trento" for a province. */
  label: string;
}

export interface SubscriberListRow {
  id: string;
  email: string;
  name: string;
  professionCode: string;
  professionName: string | null;
  professionNameEn: string | null;
  status: SubscriberStatus;
  frequency: Frequency;
  locale: 'it' | 'en';
  confirmedAt: Date;
  consentAt: Date;
  consentExpiresAt: Date;
  callTypes: string[];
  alsoRelated: boolean;
  specialisations: SpecialisationHeld[];
  /** Empty: anywhere. */
  areas: AreaLabel[];
}

const pageOf = (requested: number | undefined, total: number, size: number) => {
  const pages = Math.max(1, Math.ceil(total / size));
  return { page: Math.min(Math.max(1, requested ?? 1), pages), pages };
};

function subscriberWhere(f: SubscriberFilters): SQL | undefined {
  const s = alertSubscribers;
  const where: SQL[] = [];
  const q = f.q?.trim().slice(0, 200);
  // Matched literally: % and _ typed by staff are not wildcards.
  if (q) where.push(or(ilike(s.email, containsPattern(q)), ilike(s.name, containsPattern(q)))!);
  if (f.status) where.push(eq(s.status, f.status));
  if (f.frequency) where.push(eq(s.frequency, f.frequency));
  if (f.profession) where.push(eq(s.professionCode, f.profession));
  if (f.specialisation) {
    const sp = alertSubscriberSpecialisations;
    where.push(exists(sql`(select 1 from ${sp} where ${sp.subscriberId} = ${s.id} and ${sp.specialisationCode} = ${f.specialisation})`));
  }
  if (f.province) {
    const a = alertSubscriberAreas;
    if (f.province === ANYWHERE) where.push(notExists(sql`(select 1 from ${a} where ${a.subscriberId} = ${s.id})`));
    else where.push(exists(sql`(select 1 from ${a} where ${a.subscriberId} = ${s.id} and ${a.provinceCode} = ${f.province})`));
  }
  return where.length ? and(...where) : undefined;
}

const listColumns = {
  id: alertSubscribers.id,
  email: alertSubscribers.email,
  name: alertSubscribers.name,
  professionCode: alertSubscribers.professionCode,
  professionName: professions.name,
  professionNameEn: professions.nameEn,
  status: alertSubscribers.status,
  frequency: alertSubscribers.frequency,
  locale: alertSubscribers.locale,
  confirmedAt: alertSubscribers.confirmedAt,
  consentExpiresAt: alertSubscribers.consentExpiresAt,
  callTypes: alertSubscribers.callTypes,
  alsoRelated: alertSubscribers.alsoRelated,
  consentAt: alertSubscribers.consentAt,
};

/** The specialisations and areas of some subscribers, by subscriber id. */
async function detailsOf(db: DbOrTx, ids: string[]) {
  const specs = new Map<string, SpecialisationHeld[]>();
  const areas = new Map<string, AreaLabel[]>();
  if (!ids.length) return { specs, areas };
  const sp = alertSubscriberSpecialisations;
  const a = alertSubscriberAreas;
  const [specRows, areaRows] = await Promise.all([
    db
      .select({ id: sp.subscriberId, code: sp.specialisationCode, name: specialisations.name, inTraining: sp.inTraining, trainingYear: sp.trainingYear })
      .from(sp)
      .leftJoin(specialisations, eq(specialisations.code, sp.specialisationCode))
      .where(inArray(sp.subscriberId, ids))
      .orderBy(asc(specialisations.name), asc(sp.specialisationCode)),
    db
      .select({
        id: a.subscriberId,
        kind: a.kind,
        code: a.code,
        provinceName: provinces.name,
        provinceAbbreviation: provinces.abbreviation,
        comuneName: comuni.name,
      })
      .from(a)
      .leftJoin(provinces, eq(provinces.code, a.provinceCode))
      .leftJoin(comuni, and(eq(a.kind, 'comune'), eq(comuni.code, a.code)))
      .where(inArray(a.subscriberId, ids))
      .orderBy(asc(a.kind), asc(provinces.name), asc(comuni.name)),
  ]);
  for (const r of specRows) {
    const list = specs.get(r.id) ?? [];
    list.push({ code: r.code, name: r.name ?? r.code, inTraining: r.inTraining, trainingYear: r.trainingYear });
    specs.set(r.id, list);
  }
  for (const r of areaRows) {
    const list = areas.get(r.id) ?? [];
    const label =
      r.kind === 'comune' ? `${r.comuneName ?? r.code}${r.provinceAbbreviation ? ` (${r.provinceAbbreviation})` : ''}` : (r.provinceName ?? r.code);
    list.push({ kind: r.kind, code: r.code, label });
    areas.set(r.id, list);
  }
  return { specs, areas };
}

/** Subscribers matching the filters, newest first, a page at a time (the same rows as the export). */
export async function listSubscribers(deps: ReadDeps, actor: Actor, f: SubscriberFilters): Promise<Result<Paged<SubscriberListRow>>> {
  if (!can(actor, alertRules.readSubscribers)) return forbidden();
  const { db } = deps;
  const where = subscriberWhere(f);
  const [{ n }] = await db.select({ n: count() }).from(alertSubscribers).where(where);
  const total = Number(n);
  const { page, pages } = pageOf(f.page, total, SUBSCRIBERS_PAGE_SIZE);
  const rows = await db
    .select(listColumns)
    .from(alertSubscribers)
    .leftJoin(professions, eq(professions.code, alertSubscribers.professionCode))
    .where(where)
    .orderBy(desc(alertSubscribers.confirmedAt), asc(alertSubscribers.id))
    .limit(SUBSCRIBERS_PAGE_SIZE)
    .offset((page - 1) * SUBSCRIBERS_PAGE_SIZE);
  const { specs, areas } = await detailsOf(
    db,
    rows.map((r) => r.id),
  );
  return ok({
    items: rows.map((r) => ({ ...r, specialisations: specs.get(r.id) ?? [], areas: areas.get(r.id) ?? [] })),
    total,
    page,
    pages,
  });
}

export interface CountRow {
  code: string;
  name: string;
  /** English name where the reference data has one. */
  nameEn: string | null;
  count: number;
}

const activeOnly = eq(alertSubscribers.status, 'active');

/** Active subscribers per profession, the largest first. */
export async function countsByProfession(deps: ReadDeps, actor: Actor): Promise<Result<CountRow[]>> {
  if (!can(actor, alertRules.readSubscribers)) return forbidden();
  const n = sql<number>`count(*)::int`;
  const rows = await deps.db
    .select({ code: alertSubscribers.professionCode, name: professions.name, nameEn: professions.nameEn, count: n })
    .from(alertSubscribers)
    .leftJoin(professions, eq(professions.code, alertSubscribers.professionCode))
    .where(activeOnly)
    .groupBy(alertSubscribers.professionCode, professions.name, professions.nameEn)
    .orderBy(desc(n), asc(professions.name));
  return ok(rows.map((r) => ({ code: r.code, name: r.name ?? r.code, nameEn: r.nameEn, count: Number(r.count) })));
}

/** Active subscribers per specialisation held (or in training); a person with two counts in both. */
export async function countsBySpecialisation(deps: ReadDeps, actor: Actor): Promise<Result<CountRow[]>> {
  if (!can(actor, alertRules.readSubscribers)) return forbidden();
  const sp = alertSubscriberSpecialisations;
  const n = sql<number>`count(distinct ${sp.subscriberId})::int`;
  const rows = await deps.db
    .select({ code: sp.specialisationCode, name: specialisations.name, count: n })
    .from(sp)
    .innerJoin(alertSubscribers, eq(alertSubscribers.id, sp.subscriberId))
    .leftJoin(specialisations, eq(specialisations.code, sp.specialisationCode))
    .where(activeOnly)
    .groupBy(sp.specialisationCode, specialisations.name)
    .orderBy(desc(n), asc(specialisations.name));
  return ok(rows.map((r) => ({ code: r.code, name: r.name ?? r.code, nameEn: null, count: Number(r.count) })));
}

export interface ProvinceCounts {
  /** A subscriber counts once per province, however many of its comuni they chose. */
  rows: (CountRow & { abbreviation: string | null })[];
  /** Active subscribers who chose no area: they hear of calls anywhere. */
  anywhere: number;
}

export async function countsByProvince(deps: ReadDeps, actor: Actor): Promise<Result<ProvinceCounts>> {
  if (!can(actor, alertRules.readSubscribers)) return forbidden();
  const a = alertSubscriberAreas;
  const n = sql<number>`count(distinct ${a.subscriberId})::int`;
  const [rows, [anywhere]] = await Promise.all([
    deps.db
      .select({ code: a.provinceCode, name: provinces.name, abbreviation: provinces.abbreviation, count: n })
      .from(a)
      .innerJoin(alertSubscribers, eq(alertSubscribers.id, a.subscriberId))
      .leftJoin(provinces, eq(provinces.code, a.provinceCode))
      .where(activeOnly)
      .groupBy(a.provinceCode, provinces.name, provinces.abbreviation)
      .orderBy(desc(n), asc(provinces.name)),
    deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(alertSubscribers)
      .where(and(activeOnly, notExists(sql`(select 1 from ${a} where ${a.subscriberId} = ${alertSubscribers.id})`))),
  ]);
  return ok({
    rows: rows.map((r) => ({ code: r.code, name: r.name ?? r.code, nameEn: null, abbreviation: r.abbreviation, count: Number(r.count) })),
    anywhere: Number(anywhere?.n ?? 0),
  });
}

/** What the filter selects offer: professions, specialisations and provinces (reference data). */
export async function subscriberFilterOptions(deps: ReadDeps, actor: Actor) {
  if (!can(actor, alertRules.readSubscribers)) return forbidden();
  const [profs, specs, provs] = await Promise.all([
    deps.db
      .select({ code: professions.code, name: professions.name, nameEn: professions.nameEn })
      .from(professions)
      .orderBy(asc(professions.sortOrder), asc(professions.name)),
    deps.db.select({ code: specialisations.code, name: specialisations.name }).from(specialisations).orderBy(asc(specialisations.name)),
    deps.db.select({ code: provinces.code, name: provinces.name, abbreviation: provinces.abbreviation }).from(provinces).orderBy(asc(provinces.name)),
  ]);
  return ok({ professions: profs, specialisations: specs, provinces: provs });
}

/** An exported subscriber: the list's row, so the page and the file come from the same columns. */
export type SubscriberExportRow = SubscriberListRow;

/**
 * Every subscriber the filters select, for a spreadsheet. The export of personal data is written
 * to the audit log (who, when, which filters, how many rows).
 */
export async function exportSubscribers(deps: ReadDeps, actor: Actor, f: SubscriberFilters, format: ExportFormat): Promise<Result<SubscriberExportRow[]>> {
  if (!can(actor, alertRules.exportSubscribers)) return forbidden();
  const { db } = deps;
  const rows = await db
    .select(listColumns)
    .from(alertSubscribers)
    .leftJoin(professions, eq(professions.code, alertSubscribers.professionCode))
    .where(subscriberWhere(f))
    .orderBy(asc(alertSubscribers.email));
  // In slices: an IN list of 100,000 ids is a statement PostgreSQL parses slowly.
  const specs = new Map<string, SpecialisationHeld[]>();
  const areas = new Map<string, AreaLabel[]>();
  for (let i = 0; i < rows.length; i += 5000) {
    const d = await detailsOf(
      db,
      rows.slice(i, i + 5000).map((r) => r.id),
    );
    for (const [k, v] of d.specs) specs.set(k, v);
    for (const [k, v] of d.areas) areas.set(k, v);
  }
  const { page: _p, ...filters } = f;
  await audit(db, actor, {
    action: 'alerts.subscribers.export',
    entityType: 'alert_subscriber',
    summary: `${rows.length} ${format}`,
    changes: { filters, format, rows: rows.length },
  });
  return ok(rows.map((r) => ({ ...r, specialisations: specs.get(r.id) ?? [], areas: areas.get(r.id) ?? [] })));
}

export interface SubscriberDelivery {
  callId: string;
  callTitle: string;
  mode: Frequency;
  status: DeliveryStatus;
  reasonKind: 'same' | 'equipollent' | 'affine' | null;
  sentAt: Date | null;
  clicks: number;
  createdAt: Date;
}

export interface SubscriberDetail extends SubscriberListRow {
  renewalSentAt: Date | null;
  pausedAt: Date | null;
  unsubscribedAt: Date | null;
  createdAt: Date;
  deliveries: SubscriberDelivery[];
  /** All of the subscriber's alerts, of which `deliveries` shows the latest. */
  deliveriesTotal: number;
}

/** One subscriber, read-only: preferences, consent dates and the alerts they were sent. */
export async function getSubscriber(deps: ReadDeps, actor: Actor, id: string): Promise<Result<SubscriberDetail>> {
  if (!can(actor, alertRules.readSubscribers)) return forbidden();
  // A malformed id would make PostgreSQL raise on the uuid cast: it is simply not there.
  if (!isUuid(id)) return notFound();
  const { db } = deps;
  const [s] = await db
    .select({
      ...listColumns,
      renewalSentAt: alertSubscribers.renewalSentAt,
      pausedAt: alertSubscribers.pausedAt,
      unsubscribedAt: alertSubscribers.unsubscribedAt,
      createdAt: alertSubscribers.createdAt,
    })
    .from(alertSubscribers)
    .leftJoin(professions, eq(professions.code, alertSubscribers.professionCode))
    .where(eq(alertSubscribers.id, id));
  if (!s) return notFound();
  const d = alertDeliveries;
  const [{ specs, areas }, deliveries, [total]] = await Promise.all([
    detailsOf(db, [id]),
    db
      .select({
        callId: d.callId,
        callTitle: calls.title,
        mode: d.mode,
        status: d.status,
        reasonKind: d.reasonKind,
        sentAt: d.sentAt,
        clicks: d.clicks,
        createdAt: d.createdAt,
      })
      .from(d)
      .innerJoin(calls, eq(calls.id, d.callId))
      .where(eq(d.subscriberId, id))
      .orderBy(desc(d.createdAt), asc(d.id))
      .limit(SUBSCRIBER_DELIVERIES_SHOWN),
    db.select({ n: count() }).from(d).where(eq(d.subscriberId, id)),
  ]);
  return ok({
    ...s,
    specialisations: specs.get(id) ?? [],
    areas: areas.get(id) ?? [],
    deliveries,
    deliveriesTotal: Number(total?.n ?? 0),
  });
}

// ---------- per-call alert statistics ----------

export type FanoutStatus = (typeof alertFanouts.$inferSelect)['status'];

export interface FanoutCounts {
  matched: number;
  /** Sent on their own, or in a weekly digest that was sent. */
  sent: number;
  /** Waiting to be sent (or being sent now), including weekly ones waiting for the digest. */
  pending: number;
  failed: number;
  /** Not sent on purpose (the call closed, the subscriber paused or left before their turn). */
  skipped: number;
  /** Deliveries whose signed link was followed at least once. */
  clicked: number;
}

export interface FanoutListRow extends FanoutCounts {
  callId: string;
  callTitle: string;
  status: FanoutStatus;
  startedAt: Date;
  finishedAt: Date | null;
}

// One pass over a fan-out's deliveries gives every count (the index on fanout_id, status serves it).
const countColumns = {
  sent: sql<number>`count(*) filter (where ${alertDeliveries.status} in ('sent', 'digested'))::int`,
  pending: sql<number>`count(*) filter (where ${alertDeliveries.status} in ('pending', 'sending'))::int`,
  failed: sql<number>`count(*) filter (where ${alertDeliveries.status} = 'failed')::int`,
  skipped: sql<number>`count(*) filter (where ${alertDeliveries.status} = 'skipped')::int`,
  clicked: sql<number>`count(*) filter (where ${alertDeliveries.clicks} > 0)::int`,
};

const countsFrom = (r: { matched: number; sent: number; pending: number; failed: number; skipped: number; clicked: number }): FanoutCounts => ({
  matched: Number(r.matched),
  sent: Number(r.sent),
  pending: Number(r.pending),
  failed: Number(r.failed),
  skipped: Number(r.skipped),
  clicked: Number(r.clicked),
});

/** Every call's fan-out, the latest first, with its counts. */
export async function listFanouts(deps: ReadDeps, actor: Actor, q: { page?: number } = {}): Promise<Result<Paged<FanoutListRow>>> {
  if (!can(actor, alertRules.stats)) return forbidden();
  const { db } = deps;
  const [{ n }] = await db.select({ n: count() }).from(alertFanouts);
  const total = Number(n);
  const { page, pages } = pageOf(q.page, total, FANOUTS_PAGE_SIZE);
  const f = alertFanouts;
  const rows = await db
    .select({ callId: f.callId, callTitle: calls.title, status: f.status, startedAt: f.startedAt, finishedAt: f.finishedAt, matched: f.matched, ...countColumns })
    .from(f)
    .innerJoin(calls, eq(calls.id, f.callId))
    .leftJoin(alertDeliveries, eq(alertDeliveries.fanoutId, f.id))
    .groupBy(f.id, calls.title)
    .orderBy(desc(f.startedAt), asc(f.id))
    .limit(FANOUTS_PAGE_SIZE)
    .offset((page - 1) * FANOUTS_PAGE_SIZE);
  return ok({
    items: rows.map((r) => ({ callId: r.callId, callTitle: r.callTitle, status: r.status, startedAt: r.startedAt, finishedAt: r.finishedAt, ...countsFrom(r) })),
    total,
    page,
    pages,
  });
}

export interface FanoutFailure {
  /** Null when the subscriber has since erased their data. */
  email: string | null;
  attempts: number;
  error: string | null;
}

export interface FanoutProgress extends FanoutCounts {
  status: FanoutStatus;
  startedAt: Date;
  matchedAt: Date | null;
  finishedAt: Date | null;
}

export interface FanoutDetail {
  call: { id: string; title: string };
  /** Null while the call has had no fan-out (not opened yet, or opened before alerts existed). */
  fanout:
    | (FanoutProgress & {
        byReason: { same: number; equipollent: number; affine: number; none: number };
        byMode: { immediate: number; weekly: number };
        failures: FanoutFailure[];
      })
    | null;
}

async function progressOf(db: DbOrTx, callId: string): Promise<(FanoutProgress & { id: string }) | null> {
  const f = alertFanouts;
  const [row] = await db
    .select({ id: f.id, status: f.status, startedAt: f.startedAt, matchedAt: f.matchedAt, finishedAt: f.finishedAt, matched: f.matched, ...countColumns })
    .from(f)
    .leftJoin(alertDeliveries, eq(alertDeliveries.fanoutId, f.id))
    .where(eq(f.callId, callId))
    .groupBy(f.id);
  if (!row) return null;
  return { id: row.id, status: row.status, startedAt: row.startedAt, matchedAt: row.matchedAt, finishedAt: row.finishedAt, ...countsFrom(row) };
}

/** Only the counts of a call's fan-out: what the page polls while it runs. */
export async function fanoutProgress(deps: ReadDeps, actor: Actor, callId: string): Promise<Result<FanoutProgress | null>> {
  if (!can(actor, alertRules.stats)) return forbidden();
  if (!isUuid(callId)) return notFound();
  const [call] = await deps.db.select({ id: calls.id }).from(calls).where(eq(calls.id, callId));
  if (!call) return notFound();
  const p = await progressOf(deps.db, callId);
  if (!p) return ok(null);
  const { id: _id, ...progress } = p;
  return ok(progress);
}

/** A call's fan-out: the counts, why subscribers matched, and the deliveries that failed. */
export async function fanoutDetail(deps: ReadDeps, actor: Actor, callId: string): Promise<Result<FanoutDetail>> {
  if (!can(actor, alertRules.stats)) return forbidden();
  if (!isUuid(callId)) return notFound();
  const { db } = deps;
  const [call] = await db.select({ id: calls.id, title: calls.title }).from(calls).where(eq(calls.id, callId));
  if (!call) return notFound();
  const p = await progressOf(db, callId);
  if (!p) return ok({ call, fanout: null });
  const d = alertDeliveries;
  const [[split], failures] = await Promise.all([
    db
      .select({
        same: sql<number>`count(*) filter (where ${d.reasonKind} = 'same')::int`,
        equipollent: sql<number>`count(*) filter (where ${d.reasonKind} = 'equipollent')::int`,
        affine: sql<number>`count(*) filter (where ${d.reasonKind} = 'affine')::int`,
        none: sql<number>`count(*) filter (where ${d.reasonKind} is null)::int`,
        immediate: sql<number>`count(*) filter (where ${d.mode} = 'immediate')::int`,
        weekly: sql<number>`count(*) filter (where ${d.mode} = 'weekly')::int`,
      })
      .from(d)
      .where(eq(d.fanoutId, p.id)),
    // The one place a person is named: the staff need the address to see why the mail bounced.
    db
      .select({ email: alertSubscribers.email, attempts: d.attempts, error: d.error })
      .from(d)
      .leftJoin(alertSubscribers, eq(alertSubscribers.id, d.subscriberId))
      .where(and(eq(d.fanoutId, p.id), eq(d.status, 'failed')))
      .orderBy(asc(alertSubscribers.email), asc(d.id))
      .limit(FAILURES_SHOWN),
  ]);
  const { id: _id, ...progress } = p;
  const num = (v: number | undefined) => Number(v ?? 0);
  return ok({
    call,
    fanout: {
      ...progress,
      byReason: { same: num(split?.same), equipollent: num(split?.equipollent), affine: num(split?.affine), none: num(split?.none) },
      byMode: { immediate: num(split?.immediate), weekly: num(split?.weekly) },
      failures,
    },
  });
}

