// Organisations: create, edit, list and read the agency, the employers of its territory and (later)
// partners; and ensureHostOrganisation, which the demo and the CLI call to make the agency exist.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client.ts';
import { audit, diff } from '../../platform/audit/index.ts';
import { can, type Actor, SYSTEM_ACTOR } from '../../platform/authz/index.ts';
import { f } from '../../platform/forms/index.ts';
import { forbidden, invalid, notFound, ok, type DomainError, type FieldErrors, type Result } from '../../platform/result.ts';
import { countAll, isUuid, paged, pageWindow, type Paged } from '../../platform/query.ts';
import { comuneLabel, getComune, resolveComune } from '../reference/index.ts';
import { ORGANISATION_KINDS, organisations, type OrganisationKind } from './tables.ts';
import { organisationRules } from './policy.ts';

export type Organisation = typeof organisations.$inferSelect;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug from a name: lowercase letters, digits and hyphens ("ASL Città di Torino" → "asl-citta-di-torino"). */
export function organisationSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

/** A checkbox from a form ("on") or a boolean from code. */
const flag = () => z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean()).optional();

const optional = (schema: z.ZodType<string>) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const organisationSchema = z.object({
  name: f.text(200),
  /** Empty: made from the name. */
  slug: optional(z.string().trim().toLowerCase().max(80, 'common.forms.too_long').regex(SLUG_PATTERN, 'organisations.errors.slug_format')),
  kind: f.choice(ORGANISATION_KINDS),
  isEmployer: flag(),
  isPartner: flag(),
  // Entities have an 11-digit codice fiscale (often their partita IVA); some have a 16-character one.
  taxCode: optional(
    z
      .string()
      .transform((s) => s.replace(/\s+/g, '').toUpperCase())
      .pipe(z.string().regex(/^(\d{11}|[A-Z0-9]{16})$/, 'organisations.errors.tax_code')),
  ),
  website: f.httpsUrl(),
  email: f.optionalEmail(),
  phone: optional(z.string().trim().max(30, 'common.forms.too_long').regex(/^\+?[0-9][0-9 ./-]{4,24}$/, 'organisations.errors.phone')),
  address: f.optionalText(300),
  postalCode: optional(z.string().trim().regex(/^\d{5}$/, 'organisations.errors.postal_code')),
  /** The comune as typed: ISTAT code, name, or "Name (XX)". */
  comune: f.optionalText(120),
});
export type OrganisationInput = z.input<typeof organisationSchema>;
/** Values as a form posts them; the schema parses both these and typed input. */
type RawForm = Record<string, string | string[] | undefined>;

const issuesToFields = (issues: z.core.$ZodIssue[]): FieldErrors => {
  const out: FieldErrors = {};
  for (const i of issues) {
    const k = String(i.path[0] ?? '_form');
    out[k] ??= i.message.includes('.') ? i.message : 'common.forms.invalid_choice';
  }
  return out;
};

function isUniqueViolation(e: unknown): boolean {
  for (let x = e as { code?: string; cause?: unknown } | undefined; x; x = x.cause as typeof x) if (x.code === '23505') return true;
  return false;
}

/** Validates and resolves references (comune, slug); returns the columns to write. */
async function prepare(q: DbOrTx, raw: OrganisationInput | RawForm, selfId: string | null) {
  const parsed = organisationSchema.safeParse(raw);
  if (!parsed.success) return invalid(issuesToFields(parsed.error.issues));
  const v = parsed.data;
  const fields: FieldErrors = {};
  const slug = v.slug ?? organisationSlug(v.name);
  if (!slug) fields.slug = 'organisations.errors.slug_format';
  else {
    const [taken] = await q.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug));
    if (taken && taken.id !== selfId) fields.slug = 'organisations.errors.slug_taken';
  }
  let comuneCode: string | null = null;
  if (v.comune) {
    const c = await resolveComune(q, v.comune);
    if (c.ok) comuneCode = c.value.code;
    else fields.comune = c.error === 'ambiguous' ? 'organisations.errors.comune_ambiguous' : 'organisations.errors.comune_unknown';
  }
  if (Object.keys(fields).length) return invalid(fields);
  return ok({
    name: v.name,
    slug,
    kind: v.kind as OrganisationKind,
    isEmployer: v.isEmployer ?? false,
    isPartner: v.isPartner ?? false,
    taxCode: v.taxCode ?? null,
    website: v.website ?? null,
    email: v.email ?? null,
    phone: v.phone ?? null,
    address: v.address ?? null,
    postalCode: v.postalCode ?? null,
    comuneCode,
  });
}

export async function createOrganisation(db: Db, actor: Actor, raw: OrganisationInput | RawForm): Promise<Result<Organisation, DomainError>> {
  if (!can(actor, organisationRules.manage)) return forbidden();
  try {
    return await db.transaction(async (tx): Promise<Result<Organisation, DomainError>> => {
      const p = await prepare(tx, raw, null);
      if (!p.ok) return p;
      const [org] = await tx.insert(organisations).values(p.value).returning();
      await audit(tx, actor, { action: 'organisations.create', entityType: 'organisation', entityId: org!.id, summary: org!.name, changes: p.value });
      return ok(org!);
    });
  } catch (e) {
    if (isUniqueViolation(e)) return invalid({ slug: 'organisations.errors.slug_taken' });
    throw e;
  }
}

export async function updateOrganisation(db: Db, actor: Actor, id: string, raw: OrganisationInput | RawForm): Promise<Result<Organisation, DomainError>> {
  if (!can(actor, organisationRules.manage)) return forbidden();
  if (!isUuid(id)) return notFound();
  try {
    return await db.transaction(async (tx): Promise<Result<Organisation, DomainError>> => {
      const [before] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
      if (!before) return notFound();
      const p = await prepare(tx, raw, id);
      if (!p.ok) return p;
      const [after] = await tx
        .update(organisations)
        .set({ ...p.value, updatedAt: new Date() })
        .where(eq(organisations.id, id))
        .returning();
      const { updatedAt: _a, createdAt: _b, ...b } = before;
      const { updatedAt: _c, createdAt: _d, ...a } = after!;
      await audit(tx, actor, { action: 'organisations.update', entityType: 'organisation', entityId: id, summary: after!.name, changes: diff(b, a) });
      return ok(after!);
    });
  } catch (e) {
    if (isUniqueViolation(e)) return invalid({ slug: 'organisations.errors.slug_taken' });
    throw e;
  }
}

export interface OrganisationListItem {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  isEmployer: boolean;
  isPartner: boolean;
  isHost: boolean;
  isDemo: boolean;
  comuneLabel: string | null;
}

export const ORGANISATIONS_PAGE_SIZE = 50;

const roleWhere = (role?: 'employer' | 'partner') => (role === 'employer' ? eq(organisations.isEmployer, true) : role === 'partner' ? eq(organisations.isPartner, true) : undefined);

/** The host first, then by name (the id breaks ties, so pages never overlap). */
function selectListItems(db: DbOrTx, role?: 'employer' | 'partner') {
  return db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      kind: organisations.kind,
      isEmployer: organisations.isEmployer,
      isPartner: organisations.isPartner,
      isHost: organisations.isHost,
      isDemo: organisations.isDemo,
      comuneName: sql<string | null>`(select c.name from comuni c where c.code = ${organisations.comuneCode})`,
      provinceAbbreviation: sql<string | null>`(select p.abbreviation from comuni c join provinces p on p.code = c.province_code where c.code = ${organisations.comuneCode})`,
    })
    .from(organisations)
    .where(roleWhere(role))
    .orderBy(sql`${organisations.isHost} desc`, asc(organisations.name), asc(organisations.id))
    .$dynamic();
}

type ItemRow = Awaited<ReturnType<typeof selectListItems>>[number];
const toListItem = ({ comuneName, provinceAbbreviation, ...r }: ItemRow): OrganisationListItem => ({
  ...r,
  comuneLabel: comuneName && provinceAbbreviation ? comuneLabel({ name: comuneName, provinceAbbreviation }) : null,
});

/** All organisations, the host first, then by name. */
export async function listOrganisations(
  db: DbOrTx,
  actor: Actor,
  filter: { role?: 'employer' | 'partner' } = {},
): Promise<Result<OrganisationListItem[], DomainError>> {
  if (!can(actor, organisationRules.view)) return forbidden();
  return ok((await selectListItems(db, filter.role)).map(toListItem));
}

/** One page of the organisations (the back office's list), in the same order. */
export async function organisationsPage(
  db: DbOrTx,
  actor: Actor,
  filter: { role?: 'employer' | 'partner'; page?: number } = {},
): Promise<Result<Paged<OrganisationListItem>, DomainError>> {
  if (!can(actor, organisationRules.view)) return forbidden();
  const page = Math.max(1, Math.min(filter.page ?? 1, 10_000));
  const { limit, offset } = pageWindow(page, ORGANISATIONS_PAGE_SIZE);
  const [rows, [total]] = await Promise.all([
    selectListItems(db, filter.role).limit(limit).offset(offset),
    db.select({ n: countAll() }).from(organisations).where(roleWhere(filter.role)),
  ]);
  return ok(paged(rows.map(toListItem), Number(total?.n ?? 0), page, ORGANISATIONS_PAGE_SIZE));
}

/** Employers a call can belong to (for the call form's select); reference-like, no actor needed. */
export async function listEmployers(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.isEmployer, true))
    .orderBy(sql`${organisations.isHost} desc`, asc(organisations.name));
}

export async function getOrganisation(db: DbOrTx, actor: Actor, id: string): Promise<Result<Organisation & { comuneLabel: string | null }, DomainError>> {
  if (!can(actor, organisationRules.view)) return forbidden();
  if (!isUuid(id)) return notFound();
  const [org] = await db.select().from(organisations).where(eq(organisations.id, id));
  if (!org) return notFound();
  const c = org.comuneCode ? await getComune(db, org.comuneCode) : null;
  return ok({ ...org, comuneLabel: c ? comuneLabel(c) : org.comuneCode });
}

/** The organisation's values as a form shows them (the comune as "Name (XX)"). */
export function organisationFormValues(org: Organisation & { comuneLabel: string | null }): Record<string, string | string[]> {
  return {
    name: org.name,
    slug: org.slug,
    kind: org.kind,
    isEmployer: org.isEmployer ? 'on' : '',
    isPartner: org.isPartner ? 'on' : '',
    taxCode: org.taxCode ?? '',
    website: org.website ?? '',
    email: org.email ?? '',
    phone: org.phone ?? '',
    address: org.address ?? '',
    postalCode: org.postalCode ?? '',
    comune: org.comuneLabel ?? '',
  };
}

/**
 * Makes sure the agency running this installation exists and is the host: returns it if there is
 * one; otherwise marks the organisation with this slug as host, or creates it (a health agency that
 * employs). Idempotent, for the demo, the CLI and first start-up.
 */
export async function ensureHostOrganisation(db: Db, host: { name: string; slug: string; isDemo?: boolean }): Promise<Organisation> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(organisations).where(eq(organisations.isHost, true));
    if (existing) return existing;
    const slug = SLUG_PATTERN.test(host.slug) ? host.slug : organisationSlug(host.name);
    const [bySlug] = await tx.select().from(organisations).where(eq(organisations.slug, slug));
    let org: Organisation;
    if (bySlug) {
      [org] = (await tx.update(organisations).set({ isHost: true, isEmployer: true, updatedAt: new Date() }).where(eq(organisations.id, bySlug.id)).returning()) as [Organisation];
    } else {
      [org] = (await tx
        .insert(organisations)
        .values({ name: host.name, slug, kind: 'health_agency', isEmployer: true, isHost: true, isDemo: host.isDemo ?? false })
        .returning()) as [Organisation];
    }
    await audit(tx, SYSTEM_ACTOR, { action: 'organisations.host', entityType: 'organisation', entityId: org.id, summary: org.name });
    return org;
  });
}

/** Whether the database holds the demo dataset (the site then says so on every page). */
export async function hasDemoData(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.isDemo, true)).limit(1);
  return !!row;
}

/** An organisation by the slug in a URL (the partner portal's /partner/<slug>), or null. */
export async function organisationBySlug(db: DbOrTx, slug: string): Promise<{ id: string; slug: string; name: string } | null> {
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return null;
  const [row] = await db.select({ id: organisations.id, slug: organisations.slug, name: organisations.name }).from(organisations).where(eq(organisations.slug, slug));
  return row ?? null;
}

/** Names and slugs of organisations by id (a person's memberships on their own page). */
export async function organisationsByIds(db: DbOrTx, ids: string[]): Promise<{ id: string; slug: string; name: string }[]> {
  if (!ids.length) return [];
  return db.select({ id: organisations.id, slug: organisations.slug, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids)).orderBy(asc(organisations.name));
}
