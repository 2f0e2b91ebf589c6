// Test helpers for alerts: preferences with defaults, reference lookups, waiting for a fan-out.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { subscriberKeys, type SubscriptionPrefs } from '../../src/domains/alerts/index.ts';
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

/**
 * n confirmed subscribers with the same preferences, written in one statement per table (volume
 * tests and benchmarks): emails `<prefix>-<i>@example.org`.
 */
export async function bulkSubscribers(db: Db, n: number, p: SubscriptionPrefs, prefix = 'bulk', offset = 0): Promise<void> {
  const keys = subscriberKeys(p);
  await db.execute(sql`
    insert into alert_subscribers (email, name, locale, profession_code, also_related, frequency, match_keys, confirmed_at, consent_at, consent_expires_at)
    select ${prefix} || '-' || g || '@example.org', 'Persona ' || g, ${p.locale}, ${p.professionCode}, ${p.alsoRelated}, ${p.frequency},
           ${sql.param(keys)}::text[], now(), now(), now() + interval '2 years'
    from generate_series(${offset + 1}::int, ${offset + n}::int) g`);
  for (const s of p.specialisations) {
    await db.execute(sql`
      insert into alert_subscriber_specialisations (subscriber_id, specialisation_code, in_training)
      select id, ${s.code}, ${s.inTraining} from alert_subscribers where email like ${`${prefix}-%@example.org`}
      on conflict do nothing`);
  }
}
