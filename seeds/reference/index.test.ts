// The reference seed: idempotent (unchanged datasets are skipped), complete from empty tables, accepts a
// newer ISTAT list (disappeared comuni become inactive), gives every discipline its identity titles
// (except the declared exceptions), and never overwrites an administrator's edge.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Actor } from '../../src/platform/authz/index.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { testRuntime, type TestRuntime } from '../../tests/support/runtime.ts';
import { createLogger } from '../../src/platform/logger.ts';
import type { Db } from '../../src/db/client.ts';
import { DATA_DIR, FILES, seedReference, type SeedReport } from './index.ts';
import { comuni, disciplines, disciplineSpecialisations, professions, provinces, referenceSources } from '../../src/domains/reference/tables.ts';
import { admittedSpecialisations, correctEdge, deactivateEdge, matchKey, sentenceCase } from '../../src/domains/reference/index.ts';

/** The disciplines the identity file declares without a title: no specialisation gives access by name. */
const EXCEPTIONS = [113, 117, 118];
const TITLE_TYPES = [
  'scuola DI 68/2015',
  'scuola istituita dopo il DI 68/2015',
  'denominazione previgente',
  'diploma/titolo',
  'scuola non medici DI 716/2016',
  'scuola area veterinaria',
  'nessun titolo',
];

const csv = (file: string) =>
  Papa.parse<Record<string, string>>(readFileSync(join(DATA_DIR, file), 'utf8'), { header: true, skipEmptyLines: 'greedy' }).data;

const logger = createLogger('silent');
const ADMIN: Actor = { id: 'admin-1', label: 'admin@example.test', role: 'admin', memberships: [] };
let rt: TestRuntime;
let db: Db;
const tmp = mkdtempSync(join(tmpdir(), 'approdo-ref-'));

const TABLES = ['regions', 'provinces', 'comuni', 'professions', 'disciplines', 'specialisations', 'discipline_specialisations', 'reference_sources'];
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${t}`));
    out[t] = Number(r.rows[0]!.n);
  }
  return out;
}

beforeAll(async () => {
  rt = await testRuntime();
  db = rt.deps.db;
});
afterAll(() => rt.close());

let fullReport: SeedReport | null = null;

describe('seedReference', () => {
  it('skips every dataset when nothing changed (the prepared database was seeded)', async () => {
    const before = await counts();
    const r = await seedReference(db, logger);
    expect(r.loaded).toEqual([]);
    expect(r.skipped).toEqual(['regions', 'provinces', 'comuni', 'professions', 'disciplines', 'specialisations', 'relations']);
    expect(await counts()).toEqual(before);
  });

  it('loads everything into empty tables with the same counts, then skips on the second run', async () => {
    const before = await counts();
    await db.execute(sql.raw(`truncate ${[...TABLES].reverse().join(', ')}`));
    const first = await seedReference(db, logger);
    fullReport = first;
    expect(first.loaded.map((l) => l.dataset)).toEqual(['regions', 'provinces', 'comuni', 'professions', 'disciplines', 'specialisations', 'relations']);
    const after = await counts();
    expect(after).toEqual(before);
    expect(after).toMatchObject({ regions: 20, provinces: 107, comuni: 7896, professions: 35, reference_sources: 7 });
    const second = await seedReference(db, logger);
    expect(second.loaded).toEqual([]);
    expect(second.skipped).toHaveLength(7);
    expect(await counts()).toEqual(after);
  });

  it('records each dataset with its file, source, licence, rows and sha256', async () => {
    const rows = await db.select().from(referenceSources);
    const byName = new Map(rows.map((r) => [r.dataset, r]));
    expect(byName.get('comuni')).toMatchObject({ file: FILES.comuni, rows: 7896, licence: expect.stringContaining('CC BY') });
    expect(byName.get('relations')!.licence).toMatch(/incomplete/);
    for (const r of rows) expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('loads real values: Trento, readable discipline names, English profession names', async () => {
    const [trento] = await db
      .select({ name: comuni.name, abbr: provinces.abbreviation, cadastral: comuni.cadastralCode, active: comuni.active })
      .from(comuni)
      .innerJoin(provinces, eq(provinces.code, comuni.provinceCode))
      .where(eq(comuni.code, '022205'));
    expect(trento).toEqual({ name: 'Trento', abbr: 'TN', cadastral: 'L378', active: true });

    const names = new Map((await db.select().from(disciplines)).map((d) => [d.code, d]));
    expect(names.get(15)).toMatchObject({ name: 'Medicina interna', professionCode: 'medico_chirurgo', area: 'Area medica e delle specialità mediche' });
    expect(names.get(55)!.name).toBe('Igiene, epidemiologia e sanità pubblica');
    expect(names.get(66)!.name).toBe('Farmacista pubblico del SSN');
    expect(names.get(85)).toMatchObject({ name: 'Infermiere', professionCode: 'infermiere' });

    const profs = new Map((await db.select().from(professions)).map((p) => [p.code, p]));
    expect(profs.get('infermiere')).toMatchObject({ nameEn: 'Nurse', category: 'health_profession', ecmCode: 14, hasDisciplines: false });
    expect(profs.get('medico_chirurgo')).toMatchObject({ nameEn: 'Physician (medical doctor)', category: 'dirigenza', hasDisciplines: true });
    expect(profs.get('farmacista')!.hasDisciplines).toBe(true);
    // Dietitians have one discipline plus the "special list" code: not bound to a discipline.
    expect(profs.get('dietista')!.hasDisciplines).toBe(false);
    expect([...profs.values()].every((p) => p.nameEn)).toBe(true);
  });

  it('builds the directed relation with its sources', async () => {
    const internal = await admittedSpecialisations(db, 15);
    const own = internal.find((e) => e.specialisationCode === 'medicina-interna');
    expect(own).toMatchObject({ kind: 'same', origin: 'seed', source: expect.stringContaining('DI 68/2015') });
    expect(own!.note).toContain('da verificare sul testo del decreto');
    const emergency = internal.find((e) => e.specialisationCode === 'medicina-d-emergenza-urgenza');
    expect(emergency).toMatchObject({ kind: 'equipollent', specialisationName: "Medicina d'emergenza-urgenza" });
    expect(emergency!.source).toContain('DM 27-9-2022');
    expect(emergency!.sourceUrl).toMatch(/^https:\/\//);

    // Urologia is affine for Nefrologia, not the reverse.
    const nephrology = await admittedSpecialisations(db, 19);
    expect(nephrology.find((e) => e.specialisationCode === 'urologia')).toMatchObject({ kind: 'affine' });
    const urology = await admittedSpecialisations(db, 41);
    expect(urology.map((e) => e.specialisationCode)).toEqual(['urologia']);

    // The old name of discipline 13 in the relation file is mapped to it.
    const mecau = await admittedSpecialisations(db, 13);
    expect(mecau.map((e) => e.specialisationCode).sort()).toEqual([
      'cardiologia',
      'cardiologia-e-reumatologia',
      'medicina-d-emergenza-urgenza',
      'medicina-e-chirurgia-d-accettazione-e-d-urgenza',
    ]);
    expect(mecau.filter((e) => e.kind === 'same').map((e) => e.specialisationCode).sort()).toEqual(['medicina-d-emergenza-urgenza', 'medicina-e-chirurgia-d-accettazione-e-d-urgenza']);
  });

  it('admits cardiology itself for Cardiologia: the DI 68/2015 school and its older name, beside the equipollent one', async () => {
    const cardio = await admittedSpecialisations(db, 3);
    expect(cardio.map((e) => [e.specialisationName, e.kind])).toEqual([
      ['Cardiologia', 'same'],
      ["Malattie dell'apparato cardiovascolare", 'same'],
      ["Medicina d'emergenza-urgenza", 'equipollent'],
    ]);
  });

  it('gives every discipline of the professions with disciplines an identity title, except exactly the declared exceptions', async () => {
    const rows = await db.execute<{ code: number; name: string; n: number }>(sql`
      select d.code::int as code, d.name, count(ds.id)::int as n
      from disciplines d
      join professions p on p.code = d.profession_code and p.has_disciplines
      left join discipline_specialisations ds on ds.discipline_code = d.code and ds.kind = 'same' and ds.active
      group by d.code, d.name order by d.code`);
    const all = rows.rows.map((r) => ({ code: Number(r.code), name: r.name, n: Number(r.n) }));
    // Doctors' 69, pharmacists' 3, vets' 3, psychologists' 2.
    expect(all).toHaveLength(77);
    expect(all.filter((d) => d.n === 0).map((d) => d.code)).toEqual(EXCEPTIONS);

    // The seed's report says the same, and finds nothing missing from the file.
    expect(fullReport).not.toBeNull();
    expect(fullReport!.disciplinesWithoutIdentity.map((d) => Number(d.split(' ')[0]))).toEqual(EXCEPTIONS);
    expect(fullReport!.undeclaredDisciplines).toEqual([]);
    expect(fullReport!.unmatchedIdentityRows).toEqual([]);
  });

  it('keeps the identity file consistent: names as AGENAS writes them, a known title type, a source and a status on every row', async () => {
    const names = new Map((await db.select().from(disciplines)).map((d) => [d.code, d.name]));
    const rows = csv(FILES.identity);
    for (const r of rows) {
      const code = Number(r.codice_disciplina);
      expect(names.get(code), `row ${code}`).toBe(r.disciplina);
      expect(TITLE_TYPES, `row ${code}`).toContain(r.tipo_titolo);
      expect(r.fonte, `row ${code}`).toBeTruthy();
      expect(r.stato_verifica, `row ${code}`).toMatch(/^compilato — /);
      if (r.specializzazione) expect(r.stato_verifica).toBe('compilato — da verificare sul testo del decreto');
      else expect(r.nota, `exception ${code} says why`).toBeTruthy();
    }
    expect(rows.filter((r) => !r.specializzazione).map((r) => Number(r.codice_disciplina)).sort((a, b) => a - b)).toEqual(EXCEPTIONS);
    // No pair is both an identity title and an equipollent/affine relation.
    const identity = new Set(rows.map((r) => `${r.codice_disciplina}:${matchKey(r.specializzazione ?? '')}`));
    const byName = new Map([...names].map(([code, name]) => [matchKey(name), code]));
    for (const r of csv(FILES.relations)) {
      const code = byName.get(matchKey(r.disciplina!));
      if (code !== undefined) expect(identity.has(`${code}:${matchKey(r.specializzazione!)}`), `${r.disciplina} ← ${r.specializzazione}`).toBe(false);
    }
  });

  it('lists in the identity file every discipline whose name is a DI 68/2015 school (the old name-equality rule)', async () => {
    const schools = new Set(csv(FILES.schools).map((r) => matchKey(r.scuola!)));
    const identity = new Set(csv(FILES.identity).map((r) => `${r.codice_disciplina}:${matchKey(r.specializzazione ?? '')}`));
    const sameName = csv(FILES.agenas)
      .filter((r) => r.codice_professione === '1')
      .map((r) => ({ code: r.codice_disciplina!, key: matchKey(sentenceCase(r.disciplina!)) }))
      .filter((d) => schools.has(d.key));
    expect(sameName.length).toBeGreaterThanOrEqual(35);
    for (const d of sameName) expect(identity.has(`${d.code}:${d.key}`), `discipline ${d.code}`).toBe(true);
  });

  it('accepts a newer ISTAT list: a removed comune becomes inactive, a new province is created', async () => {
    const original = readFileSync(join(DATA_DIR, FILES.comuni), 'utf8');
    const lines = original.split('\n');
    const kept = lines.filter((l) => !l.includes(';001001;')); // Agliè leaves the list
    const renamed = kept.map((l) => (l.includes(';001002;') ? l.replace(/;Airasca;Airasca;/, ';Airasca Nuova;Airasca Nuova;') : l));
    const newComune = '04;999;999;001;999001;Comune di Prova;Comune di Prova;;2;Nord-est;Trentino-Alto Adige/Südtirol;Provincia di Prova;1;0;ZZ;999001;999001;999001;999001;Z999;ITH;ITH2;ITH20;ITH;ITH2;ITH20';
    // ISTAT has published the list in Windows-1252: write it so, keeping only Latin-1 characters.
    const text = [...renamed.filter((l) => l.trim()), newComune].join('\r\n').replace(/[^\u0000-\u00ff]/g, '?');
    const newer = join(tmp, 'Elenco-comuni-italiani-2026.csv');
    writeFileSync(newer, Buffer.from(text, 'latin1'));

    const r = await seedReference(db, logger, { files: { comuni: newer } });
    expect(r.loaded.map((l) => l.dataset)).toEqual(['comuni']);
    expect(r.deactivatedComuni).toEqual(['001001']);
    const get = async (code: string) => (await db.select().from(comuni).where(eq(comuni.code, code)))[0];
    expect(await get('001001')).toMatchObject({ name: 'Agliè', active: false });
    expect(await get('001002')).toMatchObject({ name: 'Airasca Nuova', active: true });
    expect(await get('022205')).toMatchObject({ name: 'Trento', active: true });
    expect(await get('999001')).toMatchObject({ provinceCode: '999', active: true });
    const [p] = await db.select().from(provinces).where(eq(provinces.code, '999'));
    expect(p).toMatchObject({ abbreviation: 'ZZ', regionCode: '04' });
    const [src] = await db.select().from(referenceSources).where(eq(referenceSources.dataset, 'comuni'));
    expect(src).toMatchObject({ file: 'Elenco-comuni-italiani-2026.csv', rows: 7896 });

    expect(src!.origin).toBe('operator');

    // A later boot with the shipped copy keeps the operator's newer list…
    const boot = await seedReference(db, logger);
    expect(boot.loaded).toEqual([]);
    expect(await get('001001')).toMatchObject({ active: false });

    // …until the shipped one is loaded on purpose: Agliè is back, Airasca gets its name back.
    const shipped = await seedReference(db, logger, { files: { comuni: join(DATA_DIR, FILES.comuni) } });
    expect(shipped.loaded.map((l) => l.dataset)).toEqual(['comuni']);
    expect(await get('001001')).toMatchObject({ active: true });
    expect(await get('001002')).toMatchObject({ name: 'Airasca' });
    const [back] = await db.select().from(referenceSources).where(eq(referenceSources.dataset, 'comuni'));
    expect(back).toMatchObject({ origin: 'shipped', file: FILES.comuni });
  });

  it('never overwrites an edge an administrator corrected, and deactivates seed edges that left the file', async () => {
    const [edge] = (await admittedSpecialisations(db, 19)).filter((e) => e.specialisationCode === 'urologia');
    const corrected = await correctEdge(rt.deps, ADMIN, edge!.id, { kind: 'equipollent', source: 'Verifica interna, delibera n. 1/2026' });
    expect(corrected.ok).toBe(true);

    const [oldCardio] = (await admittedSpecialisations(db, 3)).filter((e) => e.specialisationCode === 'cardiologia');
    const off = await deactivateEdge(rt.deps, ADMIN, oldCardio!.id, { source: 'Verifica interna, delibera n. 2/2026' });
    expect(off.ok).toBe(true);

    const rel = readFileSync(join(DATA_DIR, FILES.relations), 'utf8').split('\n');
    const withoutGeriatria = rel.filter((l) => !/^[^,]+,Geriatria,equipollente,Medicina interna,/.test(l));
    expect(withoutGeriatria.length).toBe(rel.length - 1);
    const file = join(tmp, 'relations.csv');
    writeFileSync(file, withoutGeriatria.join('\n'));
    await seedReference(db, logger, { files: { relations: file }, force: true });

    const [after] = await db.select().from(disciplineSpecialisations).where(eq(disciplineSpecialisations.id, edge!.id));
    expect(after).toMatchObject({ kind: 'equipollent', source: 'Verifica interna, delibera n. 1/2026', origin: 'admin', active: true });
    const geriatria = await admittedSpecialisations(db, 9, { includeInactive: true });
    // An identity edge an administrator deactivated stays so.
    expect((await admittedSpecialisations(db, 3)).find((e) => e.specialisationCode === 'cardiologia')).toBeUndefined();
    expect(geriatria.find((e) => e.specialisationCode === 'medicina-interna')).toMatchObject({ active: false, origin: 'seed' });
    expect((await admittedSpecialisations(db, 9)).map((e) => e.specialisationCode)).toEqual(['geriatria']);
  });
});
