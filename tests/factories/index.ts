// Test data builders: the smallest valid records, overridable field by field.
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../src/platform/authz/index.ts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import type { DomainDeps } from '../../src/platform/domain-deps.ts';
import { organisations } from '../../src/domains/organisations/tables.ts';
import { createCall, publishCall, type Call } from '../../src/domains/calls/index.ts';
import type { CallInputRaw } from '../../src/domains/calls/input.ts';

export const ADMIN_ACTOR: Actor = { id: null, label: 'test-admin', role: 'admin', memberships: [] };
export const SYSTEM: Actor = { id: null, label: 'system', role: 'system', memberships: [] };

export async function buildOrganisation(db: Db, over: Partial<typeof organisations.$inferInsert> = {}) {
  const suffix = randomBytes(3).toString('hex');
  const [org] = await db
    .insert(organisations)
    .values({ slug: `ente-${suffix}`, name: `Ente di prova ${suffix}`, kind: 'public_hospital', isEmployer: true, ...over })
    .returning();
  return org;
}

let defaultEmployer: { db: Db; id: string } | null = null;
async function employerFor(db: Db): Promise<string> {
  if (defaultEmployer?.db === db) {
    const [still] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, defaultEmployer.id));
    if (still) return defaultEmployer.id;
  }
  const org = await buildOrganisation(db, { name: 'Azienda sanitaria di prova', kind: 'health_agency' });
  defaultEmployer = { db, id: org.id };
  return org.id;
}

const DAY = 86_400_000;

/** A valid call input: a doctor's post in Medicina interna (discipline 15) in Trento. */
export async function callInput(deps: Pick<DomainDeps, 'db' | 'now'>, over: Partial<CallInputRaw> = {}): Promise<CallInputRaw> {
  const now = deps.now();
  return {
    title: 'Dirigente medico di Medicina interna',
    type: 'concorso_pubblico',
    employerId: over.employerId ?? (await employerFor(deps.db)),
    professionCode: 'medico_chirurgo',
    disciplineCode: 15,
    posts: 2,
    contractTerm: 'indeterminato',
    contractHours: 'full_time',
    workplaces: ['022205'],
    specialisations: null,
    descriptionMd: 'Il reparto di **Medicina interna** cerca dirigenti medici.',
    requirementsMd: '- Laurea in medicina e chirurgia\n- Specializzazione nella disciplina o equipollente/affine',
    publishAt: null,
    deadline: new Date(now.getTime() + 30 * DAY),
    officialRef: 'BUR n. 12 del 2026',
    applicationUrl: 'https://www.inpa.gov.it/bandi-e-avvisi/dettaglio-bando-avviso/?concorso_id=demo',
    contactEmail: 'concorsi@asl.example.it',
    ...over,
  };
}

export async function buildCall(deps: DomainDeps, over: Partial<CallInputRaw> = {}, opts: { publish?: boolean } = {}): Promise<Call> {
  const r = await createCall(deps, ADMIN_ACTOR, await callInput(deps, over));
  if (!r.ok) throw new Error(`buildCall: ${JSON.stringify(r.error)}`);
  if (!opts.publish) return r.value;
  const p = await publishCall(deps, ADMIN_ACTOR, r.value.id, over.publishAt ?? null);
  if (!p.ok) throw new Error(`publishCall: ${JSON.stringify(p.error)}`);
  return p.value;
}
