// advanceCaseStage, the stage change other capabilities make: forward only, 'lost' with a reason
// and only before an acceptance, arrivedAt stamped once, a stage event in the timeline, merged
// cases followed to the one kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/index.ts';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { ADMIN_ACTOR } from '../../../tests/factories/index.ts';
import { buildCaseAt, caseDetail, caseRecord } from '../../../tests/factories/cases.ts';
import { advanceCaseStage, getCase, mergeCases, type CaseStage } from './index.ts';
import { storedCase } from './testing.ts';

const ACTOR: Actor = { id: null, label: 'desk', role: 'recruiter', memberships: [] };
const AT = new Date('2026-05-04T10:00:00Z');
let rt: TestRuntime;
let n = 0;

beforeAll(async () => {
  rt = await testRuntime({ work: false });
});
afterAll(() => rt.close());

/** A case the back office typed in and moved to `stage` (changeStage writes its own stage events). */
const caseAt = async (stage: CaseStage) => (await buildCaseAt(rt.deps, stage, { name: 'Persona', email: `avanza.${++n}@example.org` })).id;
const advance = (id: string, stage: CaseStage, lostReason?: string) =>
  rt.deps.db.transaction((tx) => advanceCaseStage(tx, id, stage, ACTOR, AT, { cause: 'test.cause', lostReason }));
const stageOf = (id: string) => caseRecord(rt.deps.db, id);
const stageEvents = async (id: string) => (await caseDetail(rt.deps.db, id)).events.filter((e) => e.kind === 'stage');

describe('advanceCaseStage', () => {
  it('moves forward and writes a stage event naming both stages', async () => {
    const id = await caseAt('interested');
    expect((await advance(id, 'in_contact')).moved).toBe(true);
    expect((await advance(id, 'offer')).moved).toBe(true);
    expect((await stageOf(id)).stage).toBe('offer');
    const stages = await stageEvents(id);
    expect(stages.map((e) => e.summary).sort()).toEqual(['in_contact>offer', 'interested>in_contact']);
    expect(stages[0]!.data).toMatchObject({ cause: 'test.cause' });
  });

  it('never moves backwards, nor out of arrived or retained', async () => {
    const offer = await caseAt('offer');
    const before = await stageEvents(offer);
    expect(await advance(offer, 'in_contact')).toMatchObject({ moved: false });
    for (const from of ['arrived', 'retained'] as const) {
      const id = await caseAt(from);
      expect((await advance(id, 'offer')).moved).toBe(false);
      expect((await advance(id, 'accepted')).moved).toBe(false);
      expect((await advance(id, 'lost', 'Rinuncia')).moved).toBe(false);
      expect((await stageOf(id)).stage).toBe(from);
    }
    const arrived = await caseAt('arrived');
    expect((await advance(arrived, 'retained')).moved).toBe(true);
    // No stage event beyond those the back office wrote getting the case to 'offer'.
    expect(await stageEvents(offer)).toEqual(before);
  });

  it('marks lost only with a reason and only before an acceptance; a lost person can come back', async () => {
    const id = await caseAt('offer');
    await expect(advance(id, 'lost')).rejects.toThrow(/reason/);
    expect((await advance(id, 'lost', 'Alloggio: troppo caro')).moved).toBe(true);
    expect(await stageOf(id)).toMatchObject({ stage: 'lost', lostReason: 'Alloggio: troppo caro' });
    expect((await advance(id, 'offer')).moved).toBe(true);
    expect(await stageOf(id)).toMatchObject({ stage: 'offer', lostReason: null });
    const accepted = await caseAt('accepted');
    expect((await advance(accepted, 'lost', 'Rinuncia')).moved).toBe(false);
  });

  it('stamps arrivedAt once and follows a merged case to the one kept', async () => {
    const kept = await caseAt('accepted');
    const merged = await caseAt('interested');
    expect((await mergeCases(rt.deps, ADMIN_ACTOR, { keep: kept, drop: merged })).ok).toBe(true);
    expect(await getCase(rt.deps.db, ADMIN_ACTOR, merged)).toEqual({ ok: true, value: { mergedInto: kept } });
    const r = await advance(merged, 'arrived');
    expect(r.moved).toBe(true);
    expect(r.case!.id).toBe(kept);
    expect(await stageOf(kept)).toMatchObject({ stage: 'arrived', arrivedAt: AT });
    expect((await storedCase(rt.deps.db, merged))!.stage).toBe('interested');
  });
});
