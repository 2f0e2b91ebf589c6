// The choices of the public filters (professions, disciplines, provinces), read from the reference
// domain and kept in memory for a few minutes: they change only when the reference seed runs.
import { listDisciplines, listProfessions, listProvinces } from '../../domains/reference/index.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';

export interface FilterOptions {
  professions: { code: string; name: string; nameEn: string | null }[];
  disciplineGroups: { professionCode: string; disciplines: { code: number; name: string }[] }[];
  provinces: { code: string; name: string; abbreviation: string }[];
  professionByCode: Map<string, { code: string; name: string; nameEn: string | null }>;
  disciplineByCode: Map<number, { code: number; name: string; professionCode: string }>;
  provinceByAbbr: Map<string, { code: string; name: string; abbreviation: string }>;
}

const TTL_MS = 10 * 60_000;

async function load(db: DomainDeps['db']): Promise<FilterOptions> {
  const [professions, disciplines, provinces] = await Promise.all([listProfessions(db), listDisciplines(db), listProvinces(db)]);
  const profs = professions.map((p) => ({ code: p.code, name: p.name, nameEn: p.nameEn }));
  const groups = profs
    .map((p) => ({
      professionCode: p.code,
      disciplines: disciplines.filter((d) => d.professionCode === p.code).map((d) => ({ code: d.code, name: d.name })),
    }))
    .filter((g) => g.disciplines.length);
  const provs = provinces.map((p) => ({ code: p.code, name: p.name, abbreviation: p.abbreviation }));
  return {
    professions: profs,
    disciplineGroups: groups,
    provinces: provs,
    professionByCode: new Map(profs.map((p) => [p.code, p])),
    disciplineByCode: new Map(disciplines.map((d) => [d.code, { code: d.code, name: d.name, professionCode: d.professionCode }])),
    provinceByAbbr: new Map(provs.map((p) => [p.abbreviation, p])),
  };
}

/**
 * `load` kept in memory for a few minutes per database (reference data changes only when its seed
 * runs); a failed load is forgotten at once. Example: `const options = perDatabase(loadOptions)`.
 */
export function perDatabase<T>(load: (db: DomainDeps['db']) => Promise<T>): (db: DomainDeps['db']) => Promise<T> {
  const memo = new WeakMap<DomainDeps['db'], { at: number; value: Promise<T> }>();
  return (db) => {
    const m = memo.get(db);
    if (m && Date.now() - m.at < TTL_MS) return m.value;
    const value = load(db);
    memo.set(db, { at: Date.now(), value });
    value.catch(() => memo.delete(db));
    return value;
  };
}

export const filterOptions: (db: DomainDeps['db']) => Promise<FilterOptions> = perDatabase(load);

/** A profession's name in the page's language (English where the reference data has it). */
export const professionLabel = (p: { name: string; nameEn: string | null }, locale: Locale) => (locale === 'en' && p.nameEn ? p.nameEn : p.name);
