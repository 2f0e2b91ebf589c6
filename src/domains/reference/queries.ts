// Reading reference data: professions, disciplines, specialisations, territory, the relation graph.
// Reference data is public (the site's filters use it), so only the sources overview needs an actor.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { can, type Actor } from '../../platform/authz/index.ts';
import { err, forbidden, ok, type DomainError, type Result } from '../../platform/result.ts';
import {
  comuni,
  disciplines,
  disciplineSpecialisations,
  professions,
  provinces,
  referenceSources,
  regions,
  specialisations,
} from './tables.ts';
import { referenceRules } from './policy.ts';
import { escapeLike } from '../../platform/query.ts';

export type Profession = typeof professions.$inferSelect;
export type Discipline = typeof disciplines.$inferSelect;
export type Specialisation = typeof specialisations.$inferSelect;
export type Province = typeof provinces.$inferSelect;
export type ReferenceSource = typeof referenceSources.$inferSelect;

export async function listProfessions(q: DbOrTx): Promise<Profession[]> {
  return q.select().from(professions).orderBy(asc(professions.sortOrder), asc(professions.name));
}

export async function getProfession(q: DbOrTx, code: string): Promise<Profession | null> {
  const [p] = await q.select().from(professions).where(eq(professions.code, code));
  return p ?? null;
}

/** Disciplines, optionally of one profession, by name. */
export async function listDisciplines(q: DbOrTx, professionCode?: string): Promise<Discipline[]> {
  return q
    .select()
    .from(disciplines)
    .where(professionCode ? eq(disciplines.professionCode, professionCode) : undefined)
    .orderBy(asc(disciplines.name), asc(disciplines.code));
}

export async function getDiscipline(q: DbOrTx, code: number): Promise<Discipline | null> {
  if (!Number.isInteger(code) || code < 0 || code > 2_147_483_647) return null;
  const [d] = await q.select().from(disciplines).where(eq(disciplines.code, code));
  return d ?? null;
}

export async function listSpecialisations(q: DbOrTx): Promise<Specialisation[]> {
  return q.select().from(specialisations).orderBy(asc(specialisations.name));
}

export async function getSpecialisation(q: DbOrTx, code: string): Promise<Specialisation | null> {
  const [s] = await q.select().from(specialisations).where(eq(specialisations.code, code));
  return s ?? null;
}

export async function listRegions(q: DbOrTx) {
  return q.select().from(regions).orderBy(asc(regions.name));
}

/** Provinces (and metropolitan cities, free consortia) by name, with their region's name. */
export async function listProvinces(q: DbOrTx) {
  return q
    .select({ code: provinces.code, name: provinces.name, abbreviation: provinces.abbreviation, regionCode: provinces.regionCode, regionName: regions.name })
    .from(provinces)
    .innerJoin(regions, eq(regions.code, provinces.regionCode))
    .orderBy(asc(provinces.name));
}

export interface ComuneRow {
  code: string;
  name: string;
  provinceCode: string;
  provinceAbbreviation: string;
  provinceName: string;
  cadastralCode: string | null;
  active: boolean;
}

const comuneColumns = {
  code: comuni.code,
  name: comuni.name,
  provinceCode: comuni.provinceCode,
  provinceAbbreviation: provinces.abbreviation,
  provinceName: provinces.name,
  cadastralCode: comuni.cadastralCode,
  active: comuni.active,
};


// Accent-insensitive comparison without the unaccent extension: "Aglie" finds "Agliè".
const FROM = 'àáâäèéêëìíîïòóôöùúûüç';
const TO = 'aaaaeeeeiiiioooouuuuc';
const fold = (s: string) => s.toLowerCase().replace(/[àáâäèéêëìíîïòóôöùúûüç]/g, (ch) => TO[FROM.indexOf(ch)]!);
const foldedName = sql`translate(lower(${comuni.name}), ${FROM}, ${TO})`;

/** "Trento (TN)": how a comune is written in forms and lists. */
export const comuneLabel = (c: { name: string; provinceAbbreviation: string }) => `${c.name} (${c.provinceAbbreviation})`;

/**
 * Comuni whose name starts with `q` (then those containing it), optionally in one province
 * (ISTAT code or abbreviation). Inactive comuni (merged away) only when asked.
 */
export async function searchComuni(
  q: DbOrTx,
  opts: { q?: string; province?: string; limit?: number; includeInactive?: boolean } = {},
): Promise<ComuneRow[]> {
  const term = (opts.q ?? '').trim().slice(0, 100);
  const conds: SQL[] = [];
  if (!opts.includeInactive) conds.push(eq(comuni.active, true));
  if (term) conds.push(sql`${foldedName} like ${`%${escapeLike(fold(term))}%`}`);
  const prov = (opts.province ?? '').trim().slice(0, 10);
  if (prov) conds.push(/^\d+$/.test(prov) ? eq(comuni.provinceCode, prov.padStart(3, '0')) : eq(provinces.abbreviation, prov.toUpperCase()));
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 500);
  return q
    .select(comuneColumns)
    .from(comuni)
    .innerJoin(provinces, eq(provinces.code, comuni.provinceCode))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(
      ...(term ? [sql`case when ${foldedName} = ${fold(term)} then 0 when ${foldedName} like ${`${escapeLike(fold(term))}%`} then 1 else 2 end`] : []),
      asc(comuni.name),
      asc(comuni.code),
    )
    .limit(limit);
}

export async function getComune(q: DbOrTx, code: string): Promise<ComuneRow | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const [c] = await q.select(comuneColumns).from(comuni).innerJoin(provinces, eq(provinces.code, comuni.provinceCode)).where(eq(comuni.code, code));
  return c ?? null;
}

/**
 * Finds the comune a person typed: an ISTAT code ("022205"), a name ("Trento") or a name with
 * the province ("Samone (TN)"), needed when two comuni share a name.
 */
export async function resolveComune(q: DbOrTx, text: string): Promise<Result<ComuneRow, 'not_found' | 'ambiguous'>> {
  const s = text.trim().replace(/\s+/g, ' ');
  if (!s || s.length > 120) return err('not_found');
  if (/^\d{6}$/.test(s)) {
    const c = await getComune(q, s);
    return c ? ok(c) : err('not_found');
  }
  const m = /^(.*?)\s*\(\s*([A-Za-z]{2})\s*\)$/.exec(s);
  const name = (m ? m[1]! : s).trim();
  const conds = [sql`${foldedName} = ${fold(name)}`];
  if (m) conds.push(eq(provinces.abbreviation, m[2]!.toUpperCase()));
  const rows = await q
    .select(comuneColumns)
    .from(comuni)
    .innerJoin(provinces, eq(provinces.code, comuni.provinceCode))
    .where(and(...conds))
    .orderBy(sql`${comuni.active} desc`, asc(comuni.code));
  const active = rows.filter((r) => r.active);
  const pool = active.length ? active : rows;
  if (pool.length === 1) return ok(pool[0]!);
  return err(pool.length ? 'ambiguous' : 'not_found');
}

export interface AdmittedSpecialisation {
  id: string;
  disciplineCode: number;
  specialisationCode: string;
  specialisationName: string;
  kind: 'same' | 'equipollent' | 'affine';
  source: string;
  sourceUrl: string | null;
  note: string | null;
  origin: 'seed' | 'admin';
  active: boolean;
}

const KIND_ORDER = sql`case ${disciplineSpecialisations.kind} when 'same' then 0 when 'equipollent' then 1 else 2 end`;

/**
 * The specialisations admitted for a post in a discipline (same, equipollent, affine), each with
 * the legal source it rests on: what a call proposes. Inactive edges only when asked (back office).
 */
export async function admittedSpecialisations(
  q: DbOrTx,
  disciplineCode: number,
  opts: { includeInactive?: boolean } = {},
): Promise<AdmittedSpecialisation[]> {
  if (!Number.isInteger(disciplineCode) || disciplineCode < 0 || disciplineCode > 2_147_483_647) return [];
  return q
    .select({
      id: disciplineSpecialisations.id,
      disciplineCode: disciplineSpecialisations.disciplineCode,
      specialisationCode: disciplineSpecialisations.specialisationCode,
      specialisationName: specialisations.name,
      kind: disciplineSpecialisations.kind,
      source: disciplineSpecialisations.source,
      sourceUrl: disciplineSpecialisations.sourceUrl,
      note: disciplineSpecialisations.note,
      origin: disciplineSpecialisations.origin,
      active: disciplineSpecialisations.active,
    })
    .from(disciplineSpecialisations)
    .innerJoin(specialisations, eq(specialisations.code, disciplineSpecialisations.specialisationCode))
    .where(
      and(
        eq(disciplineSpecialisations.disciplineCode, disciplineCode),
        opts.includeInactive ? undefined : eq(disciplineSpecialisations.active, true),
      ),
    )
    .orderBy(sql`${disciplineSpecialisations.active} desc`, KIND_ORDER, asc(specialisations.name));
}

/**
 * A discipline's identity titles: its active `same` edges. The law admits them to every post in the
 * discipline (DPR 483/1997, the specialisation in the discipline), whatever a call lists.
 */
export async function identitySpecialisations(q: DbOrTx, disciplineCode: number): Promise<AdmittedSpecialisation[]> {
  return (await admittedSpecialisations(q, disciplineCode)).filter((e) => e.kind === 'same');
}

export interface AdmittingDiscipline {
  id: string;
  disciplineCode: number;
  disciplineName: string;
  professionCode: string;
  specialisationCode: string;
  kind: 'same' | 'equipollent' | 'affine';
  source: string;
  sourceUrl: string | null;
  note: string | null;
  origin: 'seed' | 'admin';
  active: boolean;
}

/** The reverse view: the disciplines whose posts admit this specialisation. */
export async function admittingDisciplines(
  q: DbOrTx,
  specialisationCode: string,
  opts: { includeInactive?: boolean } = {},
): Promise<AdmittingDiscipline[]> {
  return q
    .select({
      id: disciplineSpecialisations.id,
      disciplineCode: disciplineSpecialisations.disciplineCode,
      disciplineName: disciplines.name,
      professionCode: disciplines.professionCode,
      specialisationCode: disciplineSpecialisations.specialisationCode,
      kind: disciplineSpecialisations.kind,
      source: disciplineSpecialisations.source,
      sourceUrl: disciplineSpecialisations.sourceUrl,
      note: disciplineSpecialisations.note,
      origin: disciplineSpecialisations.origin,
      active: disciplineSpecialisations.active,
    })
    .from(disciplineSpecialisations)
    .innerJoin(disciplines, eq(disciplines.code, disciplineSpecialisations.disciplineCode))
    .where(
      and(
        eq(disciplineSpecialisations.specialisationCode, specialisationCode),
        opts.includeInactive ? undefined : eq(disciplineSpecialisations.active, true),
      ),
    )
    .orderBy(sql`${disciplineSpecialisations.active} desc`, KIND_ORDER, asc(disciplines.name));
}

/** The order datasets load in (territory, then professions and what depends on them). */
const DATASET_ORDER = ['regions', 'provinces', 'comuni', 'professions', 'disciplines', 'specialisations', 'relations'];

/** The loaded datasets with their source, licence, rows and load date (back-office overview). */
export async function listReferenceSources(q: DbOrTx, actor: Actor): Promise<Result<ReferenceSource[], DomainError>> {
  if (!can(actor, referenceRules.view)) return forbidden();
  const rows = await q.select().from(referenceSources).orderBy(asc(referenceSources.dataset));
  const rank = (d: string) => (DATASET_ORDER.indexOf(d) + DATASET_ORDER.length + 1) % (DATASET_ORDER.length + 1);
  return ok(rows.sort((a, b) => rank(a.dataset) - rank(b.dataset)));
}

export interface DisciplineGroup {
  profession: Profession;
  disciplines: Discipline[];
}

/** Disciplines of the professions whose posts are bound to one, grouped by profession (for pickers). */
export async function disciplineGroups(q: DbOrTx): Promise<DisciplineGroup[]> {
  const [ps, ds] = [await listProfessions(q), await listDisciplines(q)];
  return ps
    .filter((p) => p.hasDisciplines)
    .map((p) => ({ profession: p, disciplines: ds.filter((d) => d.professionCode === p.code) }))
    .filter((g) => g.disciplines.length);
}

export interface ReferenceOverview {
  sources: ReferenceSource[];
  groups: DisciplineGroup[];
  specialisations: Specialisation[];
  discipline: Discipline | null;
  admitted: AdmittedSpecialisation[];
  specialisation: Specialisation | null;
  admitting: AdmittingDiscipline[];
  /** Admins see deactivated edges and the forms to change them. */
  canEdit: boolean;
}

/** Everything the back-office reference page shows: sources, pickers, and the chosen edges. */
export async function referenceOverview(
  q: DbOrTx,
  actor: Actor,
  pick: { disciplineCode?: number; specialisationCode?: string } = {},
): Promise<Result<ReferenceOverview, DomainError>> {
  const sources = await listReferenceSources(q, actor);
  if (!sources.ok) return sources;
  const canEdit = can(actor, referenceRules.edit);
  const discipline = pick.disciplineCode !== undefined ? await getDiscipline(q, pick.disciplineCode) : null;
  const specialisation = pick.specialisationCode ? await getSpecialisation(q, pick.specialisationCode) : null;
  return ok({
    sources: sources.value,
    groups: await disciplineGroups(q),
    specialisations: await listSpecialisations(q),
    discipline,
    admitted: discipline ? await admittedSpecialisations(q, discipline.code, { includeInactive: canEdit }) : [],
    specialisation,
    admitting: specialisation ? await admittingDisciplines(q, specialisation.code, { includeInactive: canEdit }) : [],
    canEdit,
  });
}

/** The choices of the form that adds an edge. */
export async function edgeFormOptions(q: DbOrTx): Promise<{ groups: DisciplineGroup[]; specialisations: Specialisation[] }> {
  return { groups: await disciplineGroups(q), specialisations: await listSpecialisations(q) };
}
