// Reference queries (professions, disciplines, comuni search and resolution, the relation both ways)
// and the admin operations on edges: authorization, mandatory source, audit, reactivation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/index.ts';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { auditFor } from '../../platform/audit/index.ts';
import { specialisationOf } from '../../../tests/factories/reference.ts';
import type { Db } from '../../db/client.ts';
import {
  addEdge,
  admittedSpecialisations,
  admittingDisciplines,
  correctEdge,
  deactivateEdge,
  getEdge,
  listDisciplines,
  listProfessions,
  listProvinces,
  listReferenceSources,
  listSpecialisations,
  referenceOverview,
  resolveComune,
  searchComuni,
} from './index.ts';

const actor = (role: Actor['role']): Actor => ({ id: `${role}-id`, label: `${role}@example.test`, role, memberships: [] });
const ADMIN = actor('admin');
let rt: TestRuntime;
let db: Db;

beforeAll(async () => {
  rt = await testRuntime();
  db = rt.deps.db;
});
afterAll(() => rt.close());

describe('reference queries', () => {
  it('lists professions in order and disciplines by profession', async () => {
    const ps = await listProfessions(db);
    expect(ps[0]!.code).toBe('medico_chirurgo');
    expect(ps).toHaveLength(35);
    const medical = await listDisciplines(db, 'medico_chirurgo');
    expect(medical).toHaveLength(69);
    expect(medical.map((d) => d.name)).toContain('Medicina interna');
    expect((await listDisciplines(db, 'farmacista')).map((d) => d.code).sort((a, b) => a - b)).toEqual([66, 67, 118]);
    expect((await listDisciplines(db)).length).toBe(120);
    expect((await listSpecialisations(db)).length).toBeGreaterThanOrEqual(50);
  });

  it('lists provinces with their region', async () => {
    const ps = await listProvinces(db);
    expect(ps).toHaveLength(107);
    expect(ps.find((p) => p.abbreviation === 'TN')).toMatchObject({ code: '022', name: 'Trento', regionName: 'Trentino-Alto Adige/Südtirol' });
  });

  it('searches comuni by name (accents optional, prefix first) and by province', async () => {
    const trento = await searchComuni(db, { q: 'trento' });
    expect(trento[0]).toMatchObject({ code: '022205', name: 'Trento', provinceAbbreviation: 'TN' });
    expect((await searchComuni(db, { q: 'aglie' })).map((c) => c.name)).toContain('Agliè');
    const inTn = await searchComuni(db, { q: 'samone', province: 'TN' });
    expect(inTn.map((c) => c.provinceAbbreviation)).toEqual(['TN']);
    expect((await searchComuni(db, { province: '022', limit: 500 })).every((c) => c.provinceCode === '022')).toBe(true);
    // Wildcards are text, not patterns.
    expect(await searchComuni(db, { q: '%_%' })).toEqual([]);
  });

  it('resolves what a person typed to one comune, or says why not', async () => {
    expect(await resolveComune(db, '022205')).toMatchObject({ ok: true, value: { name: 'Trento' } });
    expect(await resolveComune(db, 'trento')).toMatchObject({ ok: true, value: { code: '022205' } });
    expect(await resolveComune(db, 'Samone')).toEqual({ ok: false, error: 'ambiguous' });
    expect(await resolveComune(db, 'Samone (TN)')).toMatchObject({ ok: true, value: { provinceAbbreviation: 'TN' } });
    expect(await resolveComune(db, 'Atlantide')).toEqual({ ok: false, error: 'not_found' });
    expect(await resolveComune(db, 'x'.repeat(500))).toEqual({ ok: false, error: 'not_found' });
  });

  it('answers the relation both ways, with the direction kept', async () => {
    const forUrology = await admittingDisciplines(db, 'urologia');
    expect(forUrology.map((e) => [e.disciplineName, e.kind])).toEqual([
      ['Urologia', 'same'],
      ['Nefrologia', 'affine'],
    ]);
    const forNephrology = await admittingDisciplines(db, 'nefrologia');
    expect(forNephrology.map((e) => e.disciplineName)).toEqual(['Nefrologia']);
    expect(await admittedSpecialisations(db, Number.NaN)).toEqual([]);
  });

  it('shows the sources overview to every staff role, not to anonymous visitors', async () => {
    for (const role of ['admin', 'recruiter', 'editor'] as const) {
      const r = await listReferenceSources(db, actor(role));
      expect(r.ok && r.value.length).toBe(7);
    }
    expect(await listReferenceSources(db, actor('anonymous'))).toEqual({ ok: false, error: { code: 'forbidden' } });
    const o = await referenceOverview(db, actor('editor'), { disciplineCode: 15 });
    expect(o.ok && o.value.canEdit).toBe(false);
    expect(o.ok && o.value.admitted.length).toBeGreaterThan(1);
    expect(o.ok && o.value.groups.map((g) => g.profession.code)).toEqual(['medico_chirurgo', 'farmacista', 'veterinario', 'psicologo']);
  });
});

describe('edge operations', () => {
  it('are for admins only', async () => {
    const input = { disciplineCode: '3', specialisationCode: 'malattie-dell-apparato-cardiovascolare', kind: 'same', source: 'DM 30-1-1998' };
    for (const role of ['recruiter', 'editor', 'anonymous'] as const) {
      expect(await addEdge(rt.deps, actor(role), input)).toEqual({ ok: false, error: { code: 'forbidden' } });
    }
    const [any] = await admittedSpecialisations(db, 15);
    expect(await correctEdge(rt.deps, actor('recruiter'), any!.id, { kind: 'affine', source: 'x' })).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await deactivateEdge(rt.deps, actor('editor'), any!.id, { source: 'x' })).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await getEdge(db, actor('recruiter'), any!.id)).toEqual({ ok: false, error: { code: 'forbidden' } });
  });

  it('require a source and accept only https addresses', async () => {
    const r = await addEdge(rt.deps, ADMIN, { disciplineCode: '3', specialisationCode: 'malattie-dell-apparato-cardiovascolare', kind: 'same', source: '  ', sourceUrl: 'javascript:alert(1)' });
    expect(r).toEqual({ ok: false, error: { code: 'invalid', fields: { source: 'common.forms.required', sourceUrl: 'common.forms.invalid_url' } } });
    const noSpec = await addEdge(rt.deps, ADMIN, { disciplineCode: '3', kind: 'same', source: 'DM' });
    expect(noSpec).toMatchObject({ ok: false, error: { fields: { specialisationCode: 'reference.errors.specialisation_required' } } });
    const unknown = await addEdge(rt.deps, ADMIN, { disciplineCode: '99999', specialisationCode: 'nope', kind: 'same', source: 'DM' });
    expect(unknown).toMatchObject({ ok: false, error: { fields: { disciplineCode: 'reference.errors.unknown_discipline' } } });
  });

  it('add, correct, deactivate and reactivate an edge, each audited', async () => {
    const added = await addEdge(rt.deps, ADMIN, {
      disciplineCode: '47',
      specialisationCode: 'patologia-clinica-e-biochimica-clinica',
      kind: 'affine',
      source: 'DM 31-1-1998: Patologia clinica affine a Medicina trasfusionale (da verificare)',
      sourceUrl: 'https://www.gazzettaufficiale.it/eli/id/2015/06/03/15A04165/sg',
    });
    expect(added.ok).toBe(true);
    const id = added.ok ? added.value.id : '';
    expect(added.ok && added.value).toMatchObject({ origin: 'admin', active: true, createdBy: 'admin-id' });
    expect(await addEdge(rt.deps, ADMIN, { disciplineCode: '47', specialisationCode: 'patologia-clinica-e-biochimica-clinica', kind: 'affine', source: 'again' })).toMatchObject({
      ok: false,
      error: { fields: { specialisationCode: 'reference.errors.edge_exists' } },
    });

    const corrected = await correctEdge(rt.deps, ADMIN, id, { kind: 'equipollent', source: 'DM 30-1-1998 Tab. B' });
    expect(corrected.ok && corrected.value).toMatchObject({ kind: 'equipollent', source: 'DM 30-1-1998 Tab. B', sourceUrl: null });

    const deactivated = await deactivateEdge(rt.deps, ADMIN, id, { source: 'Errore materiale, verifica del 2026' });
    expect(deactivated.ok && deactivated.value).toMatchObject({ active: false, source: 'Errore materiale, verifica del 2026' });
    expect((await admittedSpecialisations(db, 47)).map((e) => e.id)).not.toContain(id);
    expect(await deactivateEdge(rt.deps, ADMIN, id, { source: 'again' })).toMatchObject({ ok: false, error: { fields: { _form: 'reference.errors.already_inactive' } } });

    const again = await addEdge(rt.deps, ADMIN, { disciplineCode: '47', specialisationCode: 'patologia-clinica-e-biochimica-clinica', kind: 'affine', source: 'DM 31-1-1998' });
    expect(again.ok && again.value).toMatchObject({ id, active: true, kind: 'affine' });

    // The edge's history, oldest first.
    const log = (await auditFor(db, 'discipline_specialisation', id)).reverse();
    expect(log.map((l) => l.action)).toEqual(['reference.edge.add', 'reference.edge.correct', 'reference.edge.deactivate', 'reference.edge.add']);
    expect(log[1]!.changes).toMatchObject({ kind: { from: 'affine', to: 'equipollent' } });
    expect(log.every((l) => l.actorId === 'admin-id')).toBe(true);
  });

  it('creates a specialisation named by the admin when it is not in the list', async () => {
    const r = await addEdge(rt.deps, ADMIN, { disciplineCode: '3', newSpecialisation: 'Cardioangiochirurgia', kind: 'affine', source: 'DM 31-1-1998' });
    expect(r.ok && r.value.specialisationCode).toBe('cardioangiochirurgia');
    const s = await specialisationOf(db, 'cardioangiochirurgia');
    expect(s).toMatchObject({ name: 'Cardioangiochirurgia', source: expect.stringContaining('DM 31-1-1998') });
    // The same title typed again (other case) is the existing one, not a duplicate.
    const r2 = await addEdge(rt.deps, ADMIN, { disciplineCode: '35', newSpecialisation: 'CARDIOANGIOCHIRURGIA', kind: 'affine', source: 'DM 31-1-1998' });
    expect(r2.ok && r2.value.specialisationCode).toBe('cardioangiochirurgia');
  });

  it('answers not found for malformed or unknown ids', async () => {
    expect(await getEdge(db, ADMIN, 'not-a-uuid')).toEqual({ ok: false, error: { code: 'not_found' } });
    expect(await correctEdge(rt.deps, ADMIN, '00000000-0000-0000-0000-000000000000', { kind: 'same', source: 'x' })).toEqual({ ok: false, error: { code: 'not_found' } });
  });
});
