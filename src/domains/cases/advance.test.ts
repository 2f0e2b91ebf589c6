// advanceCaseStage, the stage change other capabilities make: forward only, 'lost' with a reason
// and only before an acceptance, arrivedAt stamped once, a stage event in the timeline, merged
// cases followed to the one kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/index.ts';
import { eq } from 'drizzle-orm';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { advanceCaseStage, ensureCase } from './index.ts';
import { caseEvents, cases, type CaseStage } from './tables.ts';

const ACTOR: Actor = { id: null, label: 'desk', role: 'recruiter', memberships: [] };
const AT = new Date('2026-05-04T10:00:00Z');
let rt: TestRuntime;
let n = 0;

beforeAll(async () => {
  rt = await testRuntime({ work: false });
});
afterAll(() => rt.close());

async function caseAt(stage: CaseStage) {
  const c = await ensureCase(rt.deps.db, { name: 'Persona', email: `avanza.${++n}@example.org` }, 'manual', ACTOR, AT);
  await rt.deps.db.update(cases).set({ stage }).where(eq(cases.id, c.id));
  return c.id;
}
const advance = (id: string, stage: CaseStage, lostReason?: string) =>
  rt.deps.db.transaction((tx) => advanceCaseStage(tx, id, stage, ACTOR, AT, { cause: 'test.cause', lostReason }));
const stageOf = async (id: string) => (await rt.deps.db.select().from(cases).where(eq(cases.id, id)))[0]!;

describe('advanceCaseStage', () => {
  it('moves forward and writes a stage event naming both stages', async () => {
    const id = await caseAt('interested');
    expect((await advance(id, 'in_contact')).moved).toBe(true);
    expect((await advance(id, 'offer')).moved).toBe(true);
    expect((await stageOf(id)).stage).toBe('offer');
    const events = await rt.deps.db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
    const stages = events.filter((e) => e.kind === 'stage');
    expect(stages.map((e) => e.summary).sort()).toEqual(['in_contact>offer', 'interested>in_contact']);
    expect(stages[0]!.data).toMatchObject({ cause: 'test.cause' });
  });

  it('never moves backwards, nor out of arrived or retained', async () => {
    const offer = await caseAt('offer');
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
    const events = await rt.deps.db.select().from(caseEvents).where(eq(caseEvents.caseId, offer));
    expect(events.filter((e) => e.kind === 'stage')).toEqual([]);
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
    await rt.deps.db.update(cases).set({ mergedInto: kept }).where(eq(cases.id, merged));
    const r = await advance(merged, 'arrived');
    expect(r.moved).toBe(true);
    expect(r.case!.id).toBe(kept);
    expect(await stageOf(kept)).toMatchObject({ stage: 'arrived', arrivedAt: AT });
    expect((await stageOf(merged)).stage).toBe('interested');
  });
});
