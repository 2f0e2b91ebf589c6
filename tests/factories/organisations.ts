// Test data builders for organisations: one made by createOrganisation (as the admin form does; an
// employing public hospital unless told), changed by updateOrganisation from its form values, and
// read back as its admin page reads it (getOrganisation).
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import {
  createOrganisation,
  getOrganisation,
  organisationFormValues,
  updateOrganisation,
  type Organisation,
  type OrganisationInput,
} from '../../src/domains/organisations/index.ts';
import { ADMIN_ACTOR } from './index.ts';

/** An organisation through createOrganisation; `over` is the form's typed input. */
export async function createOrg(db: Db, over: Partial<OrganisationInput> = {}): Promise<Organisation> {
  const suffix = randomBytes(3).toString('hex');
  const r = await createOrganisation(db, ADMIN_ACTOR, { name: `Ente di prova ${suffix}`, slug: `ente-${suffix}`, kind: 'public_hospital', isEmployer: true, ...over });
  if (!r.ok) throw new Error(`createOrganisation: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** The organisation as its admin page reads it (with the comune's label). */
export async function orgOf(db: Db, id: string) {
  const r = await getOrganisation(db, ADMIN_ACTOR, id);
  if (!r.ok) throw new Error(`getOrganisation: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Saves the organisation's form with these fields changed (a checkbox off: `''`). */
export async function changeOrg(db: Db, id: string, over: Record<string, string | string[]>): Promise<Organisation> {
  const r = await updateOrganisation(db, ADMIN_ACTOR, id, { ...organisationFormValues(await orgOf(db, id)), ...over });
  if (!r.ok) throw new Error(`updateOrganisation: ${JSON.stringify(r.error)}`);
  return r.value;
}
