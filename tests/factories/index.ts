// Test data builders: the smallest valid records, overridable field by field.
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../src/platform/authz/index.ts';
import type { Db } from '../../src/db/client.ts';
import type { DomainDeps } from '../../src/platform/domain-deps.ts';
import { createOrganisation, ensureHostOrganisation, organisationsByIds, type OrganisationInput } from '../../src/domains/organisations/index.ts';
import type { organisations } from '../../src/domains/organisations/tables.ts';
import { createCall, publishCall, type Call } from '../../src/domains/calls/index.ts';
import type { CallInputRaw } from '../../src/domains/calls/input.ts';

export const ADMIN_ACTOR: Actor = { id: null, label: 'test-admin', role: 'admin', memberships: [] };
export const SYSTEM: Actor = { id: null, label: 'system', role: 'system', memberships: [] };

/**
 * An organisation made by createOrganisation (as the admin form does: an employing public hospital
 * unless told), made the host with ensureHostOrganisation when `isHost` (the only host: an error if
 * there is one already). Only the form's fields and `isHost` can be given.
 */
export async function buildOrganisation(db: Db, over: Partial<typeof organisations.$inferInsert> = {}) {
  const { isHost, name, slug, kind, isEmployer, isPartner, taxCode, website, email, phone, address, postalCode, ...rest } = over;
  const unsupported = Object.keys(rest);
  if (unsupported.length) throw new Error(`buildOrganisation: ${unsupported.join(', ')} cannot be set through the organisations domain`);
  const suffix = randomBytes(3).toString('hex');
  const input: OrganisationInput = {
    name: name ?? `Ente di prova ${suffix}`,
    slug: slug ?? `ente-${suffix}`,
    kind: kind ?? 'public_hospital',
    isEmployer: isEmployer ?? true,
    isPartner: isPartner ?? false,
    taxCode: taxCode ?? undefined,
    website: website ?? undefined,
    email: email ?? undefined,
    phone: phone ?? undefined,
    address: address ?? undefined,
    postalCode: postalCode ?? undefined,
  };
  const r = await createOrganisation(db, ADMIN_ACTOR, input);
  if (!r.ok) throw new Error(`buildOrganisation: ${JSON.stringify(r.error)}`);
  if (!isHost) return r.value;
  const host = await ensureHostOrganisation(db, { name: r.value.name, slug: r.value.slug });
  if (host.id !== r.value.id) throw new Error(`buildOrganisation: ${host.name} is already the host`);
  return host;
}

let defaultEmployer: { db: Db; id: string } | null = null;
async function employerFor(db: Db): Promise<string> {
  if (defaultEmployer?.db === db) {
    const [still] = await organisationsByIds(db, [defaultEmployer.id]);
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

// The builders and readers of the other domains, each in its own file.
export { buildStaffUser, userOf, userByEmail, apiTokensListed } from './accounts.ts';
export { staffCall, callRecord, countCalls, callsTitled } from './calls.ts';
export { buildCase, buildCaseAt, caseDetail, caseRecord, casesWithEmail } from './cases.ts';
export { createOrg, orgOf, changeOrg } from './organisations.ts';
export { buildEdge, edgeOf, specialisationOf } from './reference.ts';
export { buildClosedCall, buildRankedList, candidateAt, candidatesOf, candidateStates, candidateDetail } from './rankings.ts';
