import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/index.ts';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { ADMIN_ACTOR, buildCall, buildOrganisation, callInput } from '../../../tests/factories/index.ts';
import { auditFor } from '../../platform/audit/index.ts';
import {
  advanceLifecycle,
  archiveCall,
  closeCall,
  createCall,
  getCallDetail,
  getPublicCall,
  publishCall,
  searchPublicCalls,
  updateCall,
  callState,
  nextClockChange,
} from './index.ts';

let rt: TestRuntime;
let clock = new Date('2026-06-01T08:00:00Z');
const DAY = 86_400_000;
beforeAll(async () => {
  rt = await testRuntime({ now: () => clock });
});
afterAll(() => rt.close());

const editor: Actor = { id: null, label: 'ed', role: 'editor', memberships: [] };
const recruiter: Actor = { id: null, label: 'rec', role: 'recruiter', memberships: [] };

describe('creating and editing calls', () => {
  it('creates a draft with a slug, proposed specialisations from the relation graph, workplaces and an audit row', async () => {
    const call = await buildCall(rt.deps);
    expect(call.slug).toMatch(/^dirigente-medico-di-medicina-interna(-\d+)?$/);
    expect(call.status).toBe('draft');
    const d = (await getCallDetail(rt.deps.db, call.id, clock))!;
    const kinds = Object.fromEntries(d.specialisations.map((s) => [s.name, s.kind]));
    expect(kinds['Medicina interna']).toBe('same');
    expect(kinds["Medicina d'emergenza-urgenza"]).toBe('equipollent');
    expect(kinds['Geriatria']).toBe('equipollent');
    expect(d.workplaces).toEqual([{ code: '022205', name: 'Trento', province: 'TN', provinceName: expect.any(String) }]);
    const audits = await auditFor(rt.deps.db, 'call', call.id);
    expect(audits.map((a) => a.action)).toContain('call.created');
  });

  it('rejects bad input with field errors and writes nothing', async () => {
    const raw = await callInput(rt.deps, {
      title: '',
      applicationUrl: 'javascript:alert(1)',
      disciplineCode: 9999,
      workplaces: ['999999'],
    });
    const r = await createCall(rt.deps, ADMIN_ACTOR, raw);
    expect(r.ok).toBe(false);
    if (!r.ok && r.error.code === 'invalid') {
      expect(r.error.fields.title).toBe('common.forms.required');
      expect(r.error.fields.applicationUrl).toBe('common.forms.invalid_url');
    } else throw new Error('expected invalid');
    const r2 = await createCall(rt.deps, ADMIN_ACTOR, await callInput(rt.deps, { disciplineCode: 9999, workplaces: ['999999'] }));
    expect(!r2.ok && r2.error.code === 'invalid' && r2.error.fields).toMatchObject({
      disciplineCode: 'calls.errors.discipline_mismatch',
      workplaces: 'calls.errors.comune_unknown',
    });
  });

  it('refuses a non-employer organisation and over-long text', async () => {
    const partner = await buildOrganisation(rt.deps.db, { isEmployer: false, isPartner: true, kind: 'tourism_board' });
    const r = await createCall(rt.deps, ADMIN_ACTOR, await callInput(rt.deps, { employerId: partner.id, title: 'x'.repeat(301) }));
    expect(!r.ok && r.error.code === 'invalid' && r.error.fields).toMatchObject({ title: 'common.forms.too_long' });
    const r2 = await createCall(rt.deps, ADMIN_ACTOR, await callInput(rt.deps, { employerId: partner.id }));
    expect(!r2.ok && r2.error.code === 'invalid' && r2.error.fields).toMatchObject({ employerId: 'calls.errors.employer_unknown' });
  });

  it('lets the admitted specialisations be edited per call, always keeping the discipline\'s own (identity) title', async () => {
    const call = await buildCall(rt.deps, { specialisations: [{ code: 'geriatria', kind: 'equipollent' }] });
    const d = (await getCallDetail(rt.deps.db, call.id, clock))!;
    expect(d.specialisations.map((s) => [s.code, s.kind])).toEqual([
      ['medicina-interna', 'same'],
      ['geriatria', 'equipollent'],
    ]);
    expect(d.toWholeProfession).toBe(false);
  });

  it('detects concurrent edits through the version', async () => {
    const call = await buildCall(rt.deps);
    const input = await callInput(rt.deps, { title: 'Nuovo titolo' });
    const first = await updateCall(rt.deps, ADMIN_ACTOR, call.id, input, call.version);
    expect(first.ok).toBe(true);
    const stale = await updateCall(rt.deps, ADMIN_ACTOR, call.id, input, call.version);
    expect(stale).toEqual({ ok: false, error: { code: 'conflict', message: 'calls.errors.edited_meanwhile' } });
  });

  it('keeps the publication time of a published call when an edit leaves it empty', async () => {
    const call = await buildCall(rt.deps, {}, { publish: true });
    const r = await updateCall(rt.deps, ADMIN_ACTOR, call.id, await callInput(rt.deps, { title: 'Titolo corretto', publishAt: null }), call.version);
    expect(r.ok && r.value.publishAt).toEqual(call.publishAt);
    expect((await getPublicCall(rt.deps.db, call.slug, clock))!.call.title).toBe('Titolo corretto');
  });

  it('is forbidden to editors', async () => {
    expect(await createCall(rt.deps, editor, await callInput(rt.deps))).toEqual({ ok: false, error: { code: 'forbidden' } });
    const call = await buildCall(rt.deps);
    expect((await publishCall(rt.deps, editor, call.id)).ok).toBe(false);
    expect((await publishCall(rt.deps, recruiter, call.id)).ok).toBe(true);
  });
});

describe('lifecycle', () => {
  it('goes draft → scheduled → open → closed at the deadline → archived', async () => {
    const call = await buildCall(rt.deps, { title: 'Infermiere per la lungodegenza', deadline: new Date(clock.getTime() + 10 * DAY) });
    const scheduled = await publishCall(rt.deps, ADMIN_ACTOR, call.id, new Date(clock.getTime() + DAY));
    expect(scheduled.ok && callState(scheduled.value, clock)).toBe('scheduled');
    expect(await getPublicCall(rt.deps.db, call.slug, clock)).toBeNull();
    expect(await nextClockChange(rt.deps.db, clock)).toEqual(new Date(clock.getTime() + DAY));

    clock = new Date(clock.getTime() + DAY + 60_000);
    const tick = await advanceLifecycle(rt.deps);
    expect(tick.opened).toContain(call.id);
    expect((await getPublicCall(rt.deps.db, call.slug, clock))!.state).toBe('open');
    expect((await advanceLifecycle(rt.deps)).opened).not.toContain(call.id);

    clock = new Date(clock.getTime() + 10 * DAY);
    expect((await advanceLifecycle(rt.deps)).closed).toContain(call.id);
    const closed = (await getPublicCall(rt.deps.db, call.slug, clock))!;
    expect(closed.state).toBe('closed');
    expect((await closeCall(rt.deps, ADMIN_ACTOR, call.id)).ok).toBe(false);
    const archived = await archiveCall(rt.deps, ADMIN_ACTOR, call.id);
    expect(archived.ok).toBe(true);
    expect(await getPublicCall(rt.deps.db, call.slug, clock)).toBeNull();
  });

  it('will not publish without a future deadline and an application link', async () => {
    const call = await buildCall(rt.deps, { deadline: null, applicationUrl: '' });
    const r = await publishCall(rt.deps, ADMIN_ACTOR, call.id);
    expect(!r.ok && r.error.code === 'invalid' && r.error.fields).toEqual({
      deadline: 'calls.errors.deadline_required',
      applicationUrl: 'calls.errors.application_url_required',
    });
  });

  it('closes an open call by hand', async () => {
    const call = await buildCall(rt.deps, {}, { publish: true });
    const r = await closeCall(rt.deps, ADMIN_ACTOR, call.id);
    expect(r.ok && callState(r.value, clock)).toBe('closed');
  });
});

describe('public search', () => {
  it('finds open calls by full text and filters, counts them and pages', async () => {
    const org = await buildOrganisation(rt.deps.db, { name: 'Ospedale di Rovereto' });
    const a = await buildCall(rt.deps, { title: 'Cardiologo per la terapia intensiva coronarica', disciplineCode: 3, employerId: org.id }, { publish: true });
    await buildCall(rt.deps, { title: 'Cardiologo in bozza', disciplineCode: 3 });
    const found = await searchPublicCalls(rt.deps.db, { q: 'cardiologi coronarica' }, clock);
    expect(found.items.map((i) => i.id)).toEqual([a.id]);
    expect(found.total).toBe(1);
    expect(found.items[0].employerName).toBe('Ospedale di Rovereto');
    expect((await searchPublicCalls(rt.deps.db, { discipline: 3, province: '022' }, clock)).items.map((i) => i.id)).toEqual([a.id]);
    expect((await searchPublicCalls(rt.deps.db, { discipline: 3, province: '001' }, clock)).total).toBe(0);
    expect((await searchPublicCalls(rt.deps.db, { q: 'cardiologo', type: 'mobilita' }, clock)).total).toBe(0);
    expect((await searchPublicCalls(rt.deps.db, { q: "'); drop table calls; --" }, clock)).total).toBe(0);
  });
});
