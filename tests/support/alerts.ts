// Test helpers for alerts: preferences with defaults, reference lookups, waiting for a fan-out.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import type { SubscriptionPrefs } from '../../src/domains/alerts/index.ts';
import { alertFanouts } from '../../src/domains/alerts/tables.ts';
import { disciplines, disciplineSpecialisations, specialisations } from '../../src/domains/reference/tables.ts';
import { comuni } from '../../src/domains/reference/tables.ts';

export const prefs = (over: Partial<SubscriptionPrefs> = {}): SubscriptionPrefs => ({
  name: 'Giulia Bianchi',
  professionCode: 'medico_chirurgo',
  specialisations: [],
  provinces: [],
  comuni: [],
  callTypes: [],
  alsoRelated: true,
  frequency: 'immediate',
  locale: 'it',
  ...over,
});

/** A seeded relation edge of this kind: the discipline, the specialisation and its legal source. */
export async function edgeOfKind(db: Db, kind: 'same' | 'equipollent' | 'affine') {
  const [e] = await db
    .select({
      disciplineCode: disciplineSpecialisations.disciplineCode,
      disciplineName: disciplines.name,
      specialisationCode: disciplineSpecialisations.specialisationCode,
      specialisationName: specialisations.name,
      source: disciplineSpecialisations.source,
    })
    .from(disciplineSpecialisations)
    .innerJoin(disciplines, eq(disciplines.code, disciplineSpecialisations.disciplineCode))
    .innerJoin(specialisations, eq(specialisations.code, disciplineSpecialisations.specialisationCode))
    .where(and(eq(disciplineSpecialisations.kind, kind), eq(disciplineSpecialisations.active, true)))
    .orderBy(disciplineSpecialisations.disciplineCode, disciplineSpecialisations.specialisationCode)
    .limit(1);
  if (!e) throw new Error(`no ${kind} edge in the reference data`);
  return e;
}

export async function provinceOf(db: Db, comuneCode: string): Promise<string> {
  const [c] = await db.select({ p: comuni.provinceCode }).from(comuni).where(eq(comuni.code, comuneCode));
  return c!.p;
}

/** Waits until the call's fan-out exists and has finished its immediate deliveries. */
export async function waitForFanout(db: Db, callId: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [f] = await db.select().from(alertFanouts).where(eq(alertFanouts.callId, callId));
    if (f && f.status === 'done') return f;
    if (Date.now() > until) throw new Error(`fan-out of ${callId} not done in ${timeoutMs} ms (${f ? f.status : 'not started'})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
