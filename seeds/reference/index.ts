// Reference data seed: idempotent, production-safe, run at every boot. Each dataset is reloaded only
// when the sha256 of its files (and of this loader's version) differs from the one in reference_sources.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../src/db/client.ts';
import type { Logger } from '../../src/platform/logger.ts';
import { excluded } from '../../src/db/columns.ts';
import {
  comuni,
  disciplines,
  disciplineSpecialisations,
  professions,
  provinces,
  referenceSources,
  regions,
  specialisations,
  type RelationKind,
} from '../../src/domains/reference/tables.ts';
import { matchKey, repairAccents, sentenceCase, slugify } from '../../src/domains/reference/names.ts';
import { PROFESSION_NAMES_EN } from './professions-en.ts';

/** Bump when the loading logic changes, so every dataset is reloaded once. */
export const SEED_VERSION = '2';

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');

export type ReferenceFile =
  | 'regions'
  | 'provinces'
  | 'comuni'
  | 'professionsDirigenza'
  | 'professionsSanitarie'
  | 'agenas'
  | 'ssnDisciplines'
  | 'schools'
  | 'identity'
  | 'relations';

export const FILES: Record<ReferenceFile, string> = {
  regions: 'istat-regioni.csv',
  provinces: 'istat-unita-sovracomunali.csv',
  comuni: 'istat-elenco-comuni-italiani.csv',
  professionsDirigenza: 'compiled-professioni-dirigenza-e-altre.csv',
  professionsSanitarie: 'compiled-professioni-sanitarie-22.csv',
  agenas: 'agenas-ecm-professioni-discipline.csv',
  ssnDisciplines: 'compiled-ssn-discipline-medici.csv',
  schools: 'compiled-scuole-specializzazione-di68-2015.csv',
  identity: 'discipline-titoli-identita.csv',
  relations: 'discipline-equipollenze-affinita.csv',
};

/** Discipline names used by the relation file that AGENAS has since renamed. */
const DISCIPLINE_ALIASES: Record<string, number> = {
  // Renamed "Medicina d'emergenza-urgenza" by DM 27-9-2022 (note in compiled-ssn-discipline-medici.csv).
  [matchKey("Medicina e chirurgia d'accettazione e d'urgenza")]: 13,
};

const MEDICAL_PROFESSION_ECM = 1;
const SPECIAL_LIST = /^ISCRITTO NELL'ELENCO SPECIALE/i;

export interface SeedOptions {
  /** Replace a shipped file, e.g. a newer ISTAT comuni list. */
  files?: Partial<Record<ReferenceFile, string>>;
  /** Reload every dataset even when unchanged. */
  force?: boolean;
}

export interface SeedReport {
  loaded: { dataset: string; rows: number; ms: number }[];
  skipped: string[];
  ms: number;
  /**
   * Disciplines of the professions with disciplines that get no identity ('same') edge from the
   * identity file: its declared exceptions (a row with no title) and any discipline it omits.
   */
  disciplinesWithoutIdentity: string[];
  /** Of those, the disciplines the identity file does not mention at all (neither title nor exception). */
  undeclaredDisciplines: string[];
  /** Rows of the identity file that name a discipline AGENAS does not know. */
  unmatchedIdentityRows: string[];
  /** Rows of the relation file that name a discipline AGENAS does not know. */
  unmatchedRelations: string[];
  /** Comuni absent from the loaded ISTAT list, now inactive. */
  deactivatedComuni: string[];
}

type Row = Record<string, string>;

interface Input {
  text(f: ReferenceFile): string;
  csv(f: ReferenceFile, delimiter?: string): Row[];
}

interface Dataset {
  name: string;
  files: ReferenceFile[];
  source: string;
  licence: string;
  load(tx: Tx, input: Input, report: SeedReport): Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// Reading

function decode(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // ISTAT has published the list in Windows-1252 in some years.
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parseCsv(text: string, delimiter = ','): Row[] {
  const r = Papa.parse<Row>(text, {
    header: true,
    delimiter,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.replace(/\s+/g, ' ').trim(),
    transform: (v) => v.trim(),
  });
  const fatal = r.errors.filter((e) => e.type !== 'FieldMismatch' || e.code !== 'TooFewFields');
  if (fatal.length) throw new Error(`CSV error at row ${fatal[0]!.row}: ${fatal[0]!.message}`);
  return r.data;
}

/** Finds a column by the start of its (normalised) header, so ISTAT's footnote marks do not matter. */
function column(rows: Row[], file: string, ...starts: string[]): string {
  const headers = Object.keys(rows[0] ?? {});
  for (const s of starts) {
    const h = headers.find((x) => matchKey(x).startsWith(matchKey(s)));
    if (h) return h;
  }
  throw new Error(`${file}: no column "${starts[0]}" (found: ${headers.join(' | ')})`);
}

const chunk = <T>(xs: T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

const nullIfEmpty = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

// ---------------------------------------------------------------------------------------------
// Parsing shared by several datasets

interface ProfessionRow {
  code: string;
  name: string;
  category: 'dirigenza' | 'health_profession' | 'other';
  ecmCode: number | null;
  file: ReferenceFile;
}

function parseProfessions(input: Input): ProfessionRow[] {
  const out: ProfessionRow[] = [];
  for (const r of input.csv('professionsDirigenza')) {
    const tipo = (r.tipo ?? '').toLowerCase();
    out.push({
      code: r.slug!,
      name: repairAccents(r.profilo!),
      // Osteopaths and chiropractors are recognised health professions without a dirigenza role;
      // OSS and social workers are socio-health roles.
      category: tipo.includes('dirigenza') ? 'dirigenza' : tipo.startsWith('professione sanitaria') ? 'health_profession' : 'other',
      ecmCode: r.agenas_ecm_cod_professione ? Number(r.agenas_ecm_cod_professione) : null,
      file: 'professionsDirigenza',
    });
  }
  for (const r of input.csv('professionsSanitarie')) {
    out.push({
      code: r.slug!,
      name: repairAccents(r.profilo!),
      category: 'health_profession',
      ecmCode: r.agenas_ecm_cod_professione ? Number(r.agenas_ecm_cod_professione) : null,
      file: 'professionsSanitarie',
    });
  }
  return out.filter((p) => p.code && p.name);
}

interface AgenasRow {
  professionEcm: number;
  code: number;
  rawName: string;
  name: string;
}

function parseAgenas(input: Input): AgenasRow[] {
  return input
    .csv('agenas')
    .map((r) => ({
      professionEcm: Number(r.codice_professione),
      code: Number(r.codice_disciplina),
      rawName: r.disciplina!,
      name: sentenceCase(r.disciplina!),
    }))
    .filter((r) => Number.isInteger(r.code) && Number.isInteger(r.professionEcm) && r.name);
}

interface SchoolRow {
  code: string;
  name: string;
  area: string | null;
  schoolClass: string | null;
  source: string;
}

function parseSchools(input: Input): SchoolRow[] {
  return input
    .csv('schools')
    .filter((r) => r.scuola)
    .map((r) => {
      const name = repairAccents(r.scuola!);
      return {
        code: slugify(name),
        name,
        area: nullIfEmpty(repairAccents(r.area ?? '')),
        schoolClass: nullIfEmpty(repairAccents(r.classe ?? '')),
        source: 'DI 68/2015 (compiled-scuole-specializzazione-di68-2015.csv)',
      };
    });
}

interface RelationRow {
  discipline: string;
  kind: Exclude<RelationKind, 'same'>;
  specialisation: string;
  source: string;
  url: string | null;
  note: string | null;
}

function parseRelations(input: Input): RelationRow[] {
  const out: RelationRow[] = [];
  for (const r of input.csv('relations')) {
    const rel = (r.relazione ?? '').toLowerCase();
    const kind = rel.startsWith('equipollent') ? 'equipollent' : rel.startsWith('affin') ? 'affine' : null;
    if (!kind || !r.disciplina || !r.specializzazione || !r.fonte) continue;
    out.push({
      discipline: r.disciplina,
      kind,
      specialisation: repairAccents(r.specializzazione),
      source: r.fonte,
      url: nullIfEmpty(r.url),
      note: nullIfEmpty(r.nota),
    });
  }
  return out;
}

/** A row of the identity file: a title that gives access to a discipline by name, or (no title) a declared exception. */
interface IdentityRow {
  disciplineCode: number;
  discipline: string;
  specialisation: string | null;
  titleType: string;
  source: string;
  status: string;
  note: string | null;
}

function parseIdentity(input: Input): IdentityRow[] {
  return input
    .csv('identity')
    .filter((r) => /^\d+$/.test(r.codice_disciplina ?? '') && r.fonte)
    .map((r) => ({
      disciplineCode: Number(r.codice_disciplina),
      discipline: r.disciplina ?? '',
      specialisation: nullIfEmpty(repairAccents(r.specializzazione ?? '')),
      titleType: r.tipo_titolo ?? '',
      source: r.fonte!,
      status: r.stato_verifica ?? '',
      note: nullIfEmpty(r.nota),
    }));
}

/** AGENAS codes of the professions whose posts are bound to a discipline (see the professions dataset). */
function professionsWithDisciplines(input: Input): Set<number> {
  const count = new Map<number, number>();
  for (const d of parseAgenas(input)) {
    if (SPECIAL_LIST.test(d.rawName)) continue;
    count.set(d.professionEcm, (count.get(d.professionEcm) ?? 0) + 1);
  }
  return new Set([MEDICAL_PROFESSION_ECM, ...[...count].filter(([, n]) => n > 1).map(([ecm]) => ecm)]);
}

/**
 * DI 68/2015 schools, plus the titles the identity file names (older school names, diplomas, non-medical
 * and veterinary schools) and those the relation file names, when not among them already.
 */
function allSpecialisations(input: Input): SchoolRow[] {
  const schools = parseSchools(input);
  const byKey = new Map(schools.map((s) => [matchKey(s.name), s]));
  for (const r of parseIdentity(input)) {
    if (!r.specialisation) continue;
    const key = matchKey(r.specialisation);
    if (byKey.has(key)) continue;
    const s: SchoolRow = {
      code: slugify(r.specialisation),
      name: r.specialisation,
      area: null,
      schoolClass: null,
      source: `${r.titleType}: ${r.source} (discipline-titoli-identita.csv)`,
    };
    byKey.set(key, s);
    schools.push(s);
  }
  for (const r of parseRelations(input)) {
    const key = matchKey(r.specialisation);
    if (byKey.has(key)) continue;
    const s: SchoolRow = {
      code: slugify(r.specialisation),
      name: r.specialisation,
      area: null,
      schoolClass: null,
      source: `Titolo citato in ${r.source} (discipline-equipollenze-affinita.csv)`,
    };
    byKey.set(key, s);
    schools.push(s);
  }
  return schools;
}

// ---------------------------------------------------------------------------------------------
// Datasets, in load order (foreign keys)

const ISTAT_DERIVED = 'derived from the ISTAT file ("Elenco comuni italiani")';

const DATASETS: Dataset[] = [
  {
    name: 'regions',
    files: ['regions'],
    source: ISTAT_DERIVED,
    licence: 'CC BY (ISTAT)',
    async load(tx, input) {
      const rows = input
        .csv('regions')
        .filter((r) => r.codice_regione && r.denominazione)
        .map((r) => ({ code: r.codice_regione!.padStart(2, '0'), name: r.denominazione! }));
      await tx
        .insert(regions)
        .values(rows)
        .onConflictDoUpdate({ target: regions.code, set: excluded(regions, ['name']) });
      return rows.length;
    },
  },
  {
    name: 'provinces',
    files: ['provinces'],
    source: ISTAT_DERIVED,
    licence: 'CC BY (ISTAT)',
    async load(tx, input) {
      const rows = input
        .csv('provinces')
        .filter((r) => r.codice_uts && r.denominazione && r.sigla_automobilistica && r.codice_regione)
        .map((r) => ({
          code: r.codice_uts!.padStart(3, '0'),
          name: r.denominazione!,
          abbreviation: r.sigla_automobilistica!.toUpperCase(),
          regionCode: r.codice_regione!.padStart(2, '0'),
        }));
      await tx
        .insert(provinces)
        .values(rows)
        .onConflictDoUpdate({
          target: provinces.code,
          set: excluded(provinces, ['name', 'abbreviation', 'regionCode']),
        });
      return rows.length;
    },
  },
  {
    name: 'comuni',
    files: ['comuni'],
    source: 'ISTAT "Elenco comuni italiani"',
    licence: 'CC BY 3.0 IT or later — attribute ISTAT',
    async load(tx, input, report) {
      return loadComuni(tx, input.csv('comuni', ';'), report);
    },
  },
  {
    name: 'professions',
    files: ['professionsDirigenza', 'professionsSanitarie', 'agenas'],
    source:
      'compiled from the laws named in each row (the 22 health professions); compiled (doctor, dentist, pharmacist, vet, psychologist, biologist… and socio-health roles); ECM codes from AGENAS',
    licence: 'compiled: review before calling it official',
    async load(tx, input) {
      const bound = professionsWithDisciplines(input);
      const rows = parseProfessions(input).map((p, i) => ({
        code: p.code,
        name: p.name,
        nameEn: PROFESSION_NAMES_EN[p.code] ?? null,
        category: p.category,
        ecmCode: p.ecmCode,
        // Posts are bound to a discipline where AGENAS lists several for the profession (doctors,
        // pharmacists, vets, psychologists); the "special list" codes are not posts.
        hasDisciplines: p.ecmCode !== null && bound.has(p.ecmCode),
        sortOrder: (i + 1) * 10,
        source: `${FILES[p.file]} (compiled)`,
      }));
      await tx
        .insert(professions)
        .values(rows)
        .onConflictDoUpdate({
          target: professions.code,
          set: excluded(professions, ['name', 'nameEn', 'category', 'ecmCode', 'hasDisciplines', 'sortOrder', 'source']),
        });
      return rows.length;
    },
  },
  {
    name: 'disciplines',
    files: ['agenas', 'ssnDisciplines', 'professionsDirigenza', 'professionsSanitarie'],
    source: 'AGENAS ECM tables (Allegato F+G v1.24), cross-checked with the public aziendazero/ecm Liquibase seed; areas: DPR 484/1997 (compiled)',
    licence: 'official reference codes; re-check against the current AGENAS list',
    async load(tx, input) {
      const professionByEcm = new Map<number, string>();
      for (const p of parseProfessions(input)) if (p.ecmCode !== null) professionByEcm.set(p.ecmCode, p.code);
      const areaByCode = new Map<number, string>();
      for (const r of input.csv('ssnDisciplines')) {
        const area = nullIfEmpty(r.area_dpr_484_1997);
        if (area) areaByCode.set(Number(r.agenas_ecm_cod_disciplina), repairAccents(area));
      }
      const rows = parseAgenas(input)
        .filter((d) => professionByEcm.has(d.professionEcm))
        .map((d) => ({
          code: d.code,
          name: d.name,
          professionCode: professionByEcm.get(d.professionEcm)!,
          area: areaByCode.get(d.code) ?? null,
          source: 'AGENAS ECM (Allegato F+G v1.24)',
        }));
      await tx
        .insert(disciplines)
        .values(rows)
        .onConflictDoUpdate({
          target: disciplines.code,
          set: excluded(disciplines, ['name', 'professionCode', 'area', 'source']),
        });
      return rows.length;
    },
  },
  {
    name: 'specialisations',
    files: ['schools', 'identity', 'relations'],
    source:
      'DI 68/2015 (the 50 medical specialisation schools, compiled); older school names, diplomas, non-medical and veterinary schools named by the identity file (compiled); older titles named by the relation file',
    licence: 'compiled',
    async load(tx, input) {
      const rows = allSpecialisations(input);
      await tx
        .insert(specialisations)
        .values(rows)
        .onConflictDoUpdate({
          target: specialisations.code,
          set: excluded(specialisations, ['name', 'area', 'schoolClass', 'source']),
        });
      return rows.length;
    },
  },
  {
    name: 'relations',
    files: ['agenas', 'schools', 'identity', 'relations'],
    source:
      'identity titles per discipline (DI 68/2015, DM 1-8-2005 and older school names, D.Lgs. 368/1999, L. 56/1989, DI 716/2016 — compiled, to be checked on the decrees); equipollent/affine: DM 30-1-1998, DM 31-1-1998 and amendments — read from the Ministry, FNOMCeO communications, TAR rulings',
    licence:
      'official acts are not copyrighted; identity titles compiled from knowledge, to be checked on the decrees; equipollent/affine incomplete: the full tables are not available in machine-readable form — only verified rows',
    async load(tx, input, report) {
      return loadRelations(tx, input, report);
    },
  },
];

async function loadComuni(tx: Tx, rows: Row[], report: SeedReport): Promise<number> {
  const file = 'comuni';
  const col = {
    code: column(rows, file, 'Codice Comune formato alfanumerico'),
    name: column(rows, file, 'Denominazione in italiano'),
    province: column(rows, file, "Codice dell'Unità territoriale sovracomunale"),
    provinceName: column(rows, file, "Denominazione dell'Unità territoriale sovracomunale"),
    abbreviation: column(rows, file, 'Sigla automobilistica'),
    region: column(rows, file, 'Codice Regione'),
    regionName: column(rows, file, 'Denominazione Regione'),
    cadastral: column(rows, file, 'Codice Catastale'),
  };
  const list = rows
    .map((r) => ({
      code: (r[col.code] ?? '').padStart(6, '0'),
      name: r[col.name] ?? '',
      provinceCode: (r[col.province] ?? '').padStart(3, '0'),
      cadastralCode: nullIfEmpty(r[col.cadastral]),
      active: true,
      r,
    }))
    .filter((c) => /^\d{6}$/.test(c.code) && c.name && /^\d{3}$/.test(c.provinceCode));
  if (list.length < rows.length * 0.9) throw new Error(`comuni: only ${list.length} of ${rows.length} rows are usable`);

  // A newer ISTAT list may bring new provinces (e.g. Sardinia's 2025 reform): create what is missing.
  const known = new Set((await tx.select({ code: provinces.code }).from(provinces)).map((p) => p.code));
  const newProvinces = new Map<string, { code: string; name: string; abbreviation: string; regionCode: string; regionName: string }>();
  for (const c of list) {
    if (known.has(c.provinceCode) || newProvinces.has(c.provinceCode)) continue;
    newProvinces.set(c.provinceCode, {
      code: c.provinceCode,
      name: c.r[col.provinceName] ?? c.provinceCode,
      abbreviation: (c.r[col.abbreviation] ?? '').toUpperCase(),
      regionCode: (c.r[col.region] ?? '').padStart(2, '0'),
      regionName: c.r[col.regionName] ?? '',
    });
  }
  if (newProvinces.size) {
    const ps = [...newProvinces.values()];
    await tx
      .insert(regions)
      .values(ps.map((p) => ({ code: p.regionCode, name: p.regionName || p.regionCode })))
      .onConflictDoNothing();
    await tx
      .insert(provinces)
      .values(ps.map(({ regionName: _, ...p }) => p))
      .onConflictDoNothing();
    const nowKnown = new Set((await tx.select({ code: provinces.code }).from(provinces)).map((p) => p.code));
    const orphan = list.filter((c) => !nowKnown.has(c.provinceCode));
    if (orphan.length) throw new Error(`comuni: provinces ${[...new Set(orphan.map((c) => c.provinceCode))].join(', ')} could not be created`);
  }

  const values = list.map(({ r: _, ...c }) => c);
  for (const batch of chunk(values, 1000)) {
    await tx
      .insert(comuni)
      .values(batch)
      .onConflictDoUpdate({
        target: comuni.code,
        set: { ...excluded(comuni, ['name', 'provinceCode', 'cadastralCode']), active: sql`true` },
        // Rewrite only rows that changed: fewer dead tuples on PostgreSQL.
        setWhere: sql`(${comuni.name}, ${comuni.provinceCode}, ${comuni.cadastralCode}, ${comuni.active}) is distinct from (excluded.name, excluded.province_code, excluded.cadastral_code, true)`,
      });
  }
  // Merged or renamed comuni leave the list: calls may still point at them, so keep them inactive.
  const inFile = new Set(values.map((c) => c.code));
  const gone = (await tx.select({ code: comuni.code }).from(comuni).where(eq(comuni.active, true)))
    .map((c) => c.code)
    .filter((code) => !inFile.has(code));
  for (const batch of chunk(gone, 1000)) {
    await tx.update(comuni).set({ active: false }).where(inArray(comuni.code, batch));
  }
  report.deactivatedComuni = gone;
  return values.length;
}

async function loadRelations(tx: Tx, input: Input, report: SeedReport): Promise<number> {
  const agenas = parseAgenas(input);
  const medical = agenas.filter((d) => d.professionEcm === MEDICAL_PROFESSION_ECM);
  const disciplineByKey = new Map<string, number>(medical.map((d) => [matchKey(d.name), d.code]));
  for (const [k, code] of Object.entries(DISCIPLINE_ALIASES)) disciplineByKey.set(k, code);
  const specByKey = new Map(allSpecialisations(input).map((s) => [matchKey(s.name), s.code]));

  type Edge = typeof disciplineSpecialisations.$inferInsert;
  const edges = new Map<string, Edge>();

  // Identity edges: the titles that give access to each discipline by name (the law's "specialisation
  // in the discipline", DPR 483/1997). The file lists every discipline explicitly, exceptions included.
  const known = new Set(agenas.map((d) => d.code));
  const listed = new Set<number>();
  const withIdentity = new Set<number>();
  const unmatchedIdentityRows: string[] = [];
  for (const r of parseIdentity(input)) {
    if (!known.has(r.disciplineCode)) {
      unmatchedIdentityRows.push(`${r.disciplineCode} ${r.discipline} → ${r.specialisation ?? '—'}`);
      continue;
    }
    listed.add(r.disciplineCode);
    if (!r.specialisation) continue; // a declared exception: no title gives access (e.g. 113 Privo di specializzazione)
    const specialisationCode = specByKey.get(matchKey(r.specialisation))!;
    withIdentity.add(r.disciplineCode);
    edges.set(`${r.disciplineCode}:${specialisationCode}`, {
      disciplineCode: r.disciplineCode,
      specialisationCode,
      kind: 'same',
      source: r.source,
      sourceUrl: null,
      // The caveat travels with the edge, so the back office shows it beside the source.
      note: [r.status, r.note].filter(Boolean).join('. ') || null,
    });
  }
  const bound = professionsWithDisciplines(input);
  const ours = agenas.filter((d) => bound.has(d.professionEcm) && !SPECIAL_LIST.test(d.rawName));
  report.disciplinesWithoutIdentity = ours.filter((d) => !withIdentity.has(d.code)).map((d) => `${d.code} ${d.name}`);
  report.undeclaredDisciplines = ours.filter((d) => !listed.has(d.code)).map((d) => `${d.code} ${d.name}`);
  report.unmatchedIdentityRows = unmatchedIdentityRows;

  const unmatchedRelations: string[] = [];
  for (const r of parseRelations(input)) {
    const disciplineCode = disciplineByKey.get(matchKey(r.discipline));
    const specialisationCode = specByKey.get(matchKey(r.specialisation));
    if (disciplineCode === undefined || !specialisationCode) {
      unmatchedRelations.push(`${r.discipline} → ${r.specialisation}`);
      continue;
    }
    // An identity edge stays one: the law admits the discipline's own specialisation in any case.
    if (edges.get(`${disciplineCode}:${specialisationCode}`)?.kind === 'same') continue;
    edges.set(`${disciplineCode}:${specialisationCode}`, {
      disciplineCode,
      specialisationCode,
      kind: r.kind,
      source: r.source,
      sourceUrl: r.url,
      note: r.note,
    });
  }
  report.unmatchedRelations = unmatchedRelations;

  const values = [...edges.values()].map((e) => ({ ...e, origin: 'seed' as const, active: true, createdBy: 'seed' }));
  for (const batch of chunk(values, 500)) {
    await tx
      .insert(disciplineSpecialisations)
      .values(batch)
      .onConflictDoUpdate({
        target: [disciplineSpecialisations.disciplineCode, disciplineSpecialisations.specialisationCode],
        set: { ...excluded(disciplineSpecialisations, ['kind', 'source', 'sourceUrl', 'note']), active: sql`true`, updatedAt: sql`now()` },
        // An edge an administrator added or corrected is theirs: the seed never overwrites it.
        setWhere: sql`${disciplineSpecialisations.origin} = 'seed'`,
      });
  }
  // Seed edges that left the shipped file are deactivated, not deleted (calls keep their history).
  const current = await tx
    .select({ id: disciplineSpecialisations.id, d: disciplineSpecialisations.disciplineCode, s: disciplineSpecialisations.specialisationCode })
    .from(disciplineSpecialisations)
    .where(and(eq(disciplineSpecialisations.origin, 'seed'), eq(disciplineSpecialisations.active, true)));
  const gone = current.filter((e) => !edges.has(`${e.d}:${e.s}`)).map((e) => e.id);
  if (gone.length) await tx.update(disciplineSpecialisations).set({ active: false, updatedAt: new Date() }).where(inArray(disciplineSpecialisations.id, gone));
  return values.length;
}

// ---------------------------------------------------------------------------------------------

function makeInput(paths: Record<ReferenceFile, string>) {
  const bytes = new Map<ReferenceFile, Buffer>();
  const texts = new Map<ReferenceFile, string>();
  const csvs = new Map<string, Row[]>();
  const raw = (f: ReferenceFile) => {
    let b = bytes.get(f);
    if (!b) bytes.set(f, (b = readFileSync(paths[f])));
    return b;
  };
  const input: Input = {
    text(f) {
      let t = texts.get(f);
      if (t === undefined) texts.set(f, (t = decode(raw(f))));
      return t;
    },
    csv(f, delimiter = ',') {
      const key = `${f}|${delimiter}`;
      let rows = csvs.get(key);
      if (!rows) csvs.set(key, (rows = parseCsv(input.text(f), delimiter)));
      return rows;
    },
  };
  const hash = (files: ReferenceFile[]) => {
    const h = createHash('sha256').update(`approdo-reference-seed:${SEED_VERSION}\n`);
    for (const f of files) h.update(`${f}\n`).update(raw(f)).update('\n');
    return h.digest('hex');
  };
  return { input, hash };
}

// An arbitrary constant: concurrent boots on PostgreSQL load one dataset at a time.
const LOCK_KEY = 72_617_001;

export async function seedReference(db: Db, logger: Logger, opts: SeedOptions = {}): Promise<SeedReport> {
  const started = performance.now();
  const paths = Object.fromEntries(
    (Object.keys(FILES) as ReferenceFile[]).map((k) => [k, opts.files?.[k] ?? join(DATA_DIR, FILES[k])]),
  ) as Record<ReferenceFile, string>;
  const { input, hash } = makeInput(paths);
  const report: SeedReport = {
    loaded: [],
    skipped: [],
    ms: 0,
    disciplinesWithoutIdentity: [],
    undeclaredDisciplines: [],
    unmatchedIdentityRows: [],
    unmatchedRelations: [],
    deactivatedComuni: [],
  };
  const stored = new Map(
    (await db.select({ dataset: referenceSources.dataset, sha256: referenceSources.sha256, origin: referenceSources.origin }).from(referenceSources)).map((r) => [r.dataset, r]),
  );

  for (const ds of DATASETS) {
    const sha256 = hash(ds.files);
    const given = ds.files.some((f) => opts.files?.[f]);
    const overridden = ds.files.some((f) => resolve(paths[f]) !== resolve(DATA_DIR, FILES[f]));
    const before = stored.get(ds.name);
    // A newer file an operator loaded (e.g. the current ISTAT list) stays until they load another:
    // booting with the shipped copy must not undo it.
    if (!opts.force && before && (before.sha256 === sha256 || (before.origin === 'operator' && !given))) {
      report.skipped.push(ds.name);
      continue;
    }
    const t0 = performance.now();
    const rows = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
      if (!opts.force) {
        const [again] = await tx.select({ sha256: referenceSources.sha256 }).from(referenceSources).where(eq(referenceSources.dataset, ds.name));
        if (again?.sha256 === sha256) return null; // another process loaded it meanwhile
      }
      const n = await ds.load(tx, input, report);
      const row = {
        dataset: ds.name,
        file: ds.files.map((f) => basename(paths[f])).join(', '),
        source: ds.source,
        licence: ds.licence,
        rows: n,
        sha256,
        origin: overridden ? ('operator' as const) : ('shipped' as const),
        loadedAt: new Date(),
      };
      await tx.insert(referenceSources).values(row).onConflictDoUpdate({ target: referenceSources.dataset, set: row });
      return n;
    });
    if (rows === null) {
      report.skipped.push(ds.name);
      continue;
    }
    const ms = Math.round(performance.now() - t0);
    report.loaded.push({ dataset: ds.name, rows, ms });
    logger.info({ dataset: ds.name, rows, ms }, 'reference dataset loaded');
  }
  report.ms = Math.round((performance.now() - started) * 10) / 10;
  if (report.unmatchedRelations.length) logger.warn({ rows: report.unmatchedRelations }, 'relation rows naming an unknown discipline or specialisation were skipped');
  if (report.unmatchedIdentityRows.length) logger.warn({ rows: report.unmatchedIdentityRows }, 'identity rows naming an unknown discipline were skipped');
  if (report.undeclaredDisciplines.length) logger.warn({ disciplines: report.undeclaredDisciplines }, 'disciplines missing from the identity file: their calls go to the whole profession');
  if (report.loaded.some((l) => l.dataset === 'relations') && report.disciplinesWithoutIdentity.length)
    logger.info({ disciplines: report.disciplinesWithoutIdentity }, 'disciplines without an identity title (their calls go to the whole profession unless they list specialisations)');
  logger[report.loaded.length ? 'info' : 'debug']({ loaded: report.loaded.length, skipped: report.skipped.length, ms: report.ms }, 'reference data checked');
  return report;
}
