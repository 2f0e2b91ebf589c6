// Organisations: admins create and edit (validated, slug from the name, comune resolved, audited),
// recruiters read, editors see nothing; ensureHostOrganisation is idempotent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/index.ts';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { auditFor } from '../../platform/audit/index.ts';
import type { Db } from '../../db/client.ts';
import {
  createOrganisation,
  ensureHostOrganisation,
  getOrganisation,
  listEmployers,
  listOrganisations,
  organisationFormValues,
  organisationSlug,
  updateOrganisation,
} from './index.ts';
import { storeAnotherHost } from './testing.ts';

const actor = (role: Actor['role']): Actor => ({ id: `${role}-id`, label: `${role}@example.test`, role, memberships: [] });
const ADMIN = actor('admin');
let rt: TestRuntime;
let db: Db;

beforeAll(async () => {
  rt = await testRuntime();
  db = rt.deps.db;
});
afterAll(() => rt.close());

describe('organisationSlug', () => {
  it('makes lowercase letters, digits and hyphens', () => {
    expect(organisationSlug('APSS — Azienda Provinciale per i Servizi Sanitari di Trento')).toBe('apss-azienda-provinciale-per-i-servizi-sanitari-di-trento');
    expect(organisationSlug("RSA Sant'Anna")).toBe('rsa-sant-anna');
  });
});

describe('createOrganisation', () => {
  it('creates an employer with the slug made from its name and the comune resolved, audited', async () => {
    const r = await createOrganisation(db, ADMIN, {
      name: 'Ospedale San Camillo',
      kind: 'private_hospital',
      isEmployer: 'on',
      taxCode: '0123 4567 890',
      website: 'https://www.sancamillo.example',
      email: 'personale@sancamillo.example',
      phone: '+39 0461 123456',
      address: 'Via Giovanni Segantini 5',
      postalCode: '38122',
      comune: 'Trento',
    });
    expect(r.ok).toBe(true);
    const org = r.ok ? r.value : null!;
    expect(org).toMatchObject({ slug: 'ospedale-san-camillo', isEmployer: true, isPartner: false, isHost: false, taxCode: '01234567890', comuneCode: '022205' });
    const [log] = await auditFor(db, 'organisation', org.id);
    expect(log).toMatchObject({ action: 'organisations.create', actorId: 'admin-id', summary: 'Ospedale San Camillo' });
    const shown = await getOrganisation(db, actor('recruiter'), org.id);
    expect(shown.ok && shown.value.comuneLabel).toBe('Trento (TN)');
    expect(shown.ok && organisationFormValues(shown.value)).toMatchObject({ comune: 'Trento (TN)', isEmployer: 'on', isPartner: '' });
  });

  it('returns field errors for bad input and a taken slug', async () => {
    const r = await createOrganisation(db, ADMIN, {
      name: '',
      slug: 'Not A Slug',
      kind: 'castle' as never,
      taxCode: '123',
      website: 'http://insecure.example',
      email: 'nope',
      phone: 'call me',
      postalCode: '1234',
      comune: 'Samone',
    });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'invalid',
        fields: {
          name: 'common.forms.required',
          slug: 'organisations.errors.slug_format',
          kind: 'common.forms.invalid_choice',
          taxCode: 'organisations.errors.tax_code',
          website: 'common.forms.invalid_url',
          email: 'common.forms.invalid_email',
          phone: 'organisations.errors.phone',
          postalCode: 'organisations.errors.postal_code',
        },
      },
    });
    const ambiguous = await createOrganisation(db, ADMIN, { name: 'RSA di Samone', kind: 'nursing_home', comune: 'Samone' });
    expect(ambiguous).toMatchObject({ ok: false, error: { fields: { comune: 'organisations.errors.comune_ambiguous' } } });
    const unknown = await createOrganisation(db, ADMIN, { name: 'RSA di Atlantide', kind: 'nursing_home', comune: 'Atlantide' });
    expect(unknown).toMatchObject({ ok: false, error: { fields: { comune: 'organisations.errors.comune_unknown' } } });
    const taken = await createOrganisation(db, ADMIN, { name: 'Ospedale San Camillo', kind: 'public_hospital' });
    expect(taken).toMatchObject({ ok: false, error: { fields: { slug: 'organisations.errors.slug_taken' } } });
    const own = await createOrganisation(db, ADMIN, { name: 'Ospedale San Camillo', slug: 'san-camillo-2', kind: 'tourism_board', isPartner: true, comune: 'Samone (TN)' });
    expect(own.ok && own.value).toMatchObject({ slug: 'san-camillo-2', isPartner: true, isEmployer: false });
  });

  it('is refused to recruiters and editors', async () => {
    for (const role of ['recruiter', 'editor', 'anonymous'] as const) {
      expect(await createOrganisation(db, actor(role), { name: 'X', kind: 'employer' })).toEqual({ ok: false, error: { code: 'forbidden' } });
    }
  });
});

describe('updateOrganisation', () => {
  it('changes fields, keeps its own slug valid, and audits the difference', async () => {
    const c = await createOrganisation(db, ADMIN, { name: 'Casa di riposo Serena', kind: 'nursing_home', isEmployer: true });
    const id = c.ok ? c.value.id : '';
    const u = await updateOrganisation(db, ADMIN, id, { name: 'Casa di riposo Serena', slug: 'casa-di-riposo-serena', kind: 'nursing_home', isEmployer: true, isPartner: true, comune: '022205' });
    expect(u.ok && u.value).toMatchObject({ isPartner: true, comuneCode: '022205' });
    const [log] = (await auditFor(db, 'organisation', id)).filter((l) => l.action === 'organisations.update');
    expect(log!.changes).toEqual({ isPartner: { from: false, to: true }, comuneCode: { from: null, to: '022205' } });
    const clash = await updateOrganisation(db, ADMIN, id, { name: 'X', slug: 'ospedale-san-camillo', kind: 'nursing_home' });
    expect(clash).toMatchObject({ ok: false, error: { fields: { slug: 'organisations.errors.slug_taken' } } });
    expect(await updateOrganisation(db, actor('recruiter'), id, { name: 'X', kind: 'employer' })).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await updateOrganisation(db, ADMIN, 'nope', { name: 'X', kind: 'employer' })).toEqual({ ok: false, error: { code: 'not_found' } });
  });
});

describe('reading organisations', () => {
  it('lists for admins and recruiters, not for editors', async () => {
    const r = await listOrganisations(db, actor('recruiter'));
    expect(r.ok && r.value.map((o) => o.name)).toContain('Ospedale San Camillo');
    expect(r.ok && r.value.find((o) => o.slug === 'ospedale-san-camillo')!.comuneLabel).toBe('Trento (TN)');
    const partners = await listOrganisations(db, ADMIN, { role: 'partner' });
    expect(partners.ok && partners.value.every((o) => o.isPartner)).toBe(true);
    expect(await listOrganisations(db, actor('editor'))).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await getOrganisation(db, actor('editor'), '00000000-0000-0000-0000-000000000000')).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await getOrganisation(db, ADMIN, '00000000-0000-0000-0000-000000000000')).toEqual({ ok: false, error: { code: 'not_found' } });
    expect((await listEmployers(db)).every((e) => e.id && e.name)).toBe(true);
  });
});

describe('ensureHostOrganisation', () => {
  it('creates the host once and returns it afterwards', async () => {
    const a = await ensureHostOrganisation(db, { name: 'Azienda Sanitaria Demo', slug: 'azienda-sanitaria-demo', isDemo: true });
    expect(a).toMatchObject({ isHost: true, isEmployer: true, kind: 'health_agency', isDemo: true });
    const b = await ensureHostOrganisation(db, { name: 'Another name', slug: 'another' });
    expect(b.id).toBe(a.id);
    const list = await listOrganisations(db, ADMIN);
    expect(list.ok && list.value.filter((o) => o.isHost)).toHaveLength(1);
    expect(list.ok && list.value[0]!.id).toBe(a.id);
  });

  it('allows at most one host in the table', async () => {
    await expect(storeAnotherHost(db)).rejects.toThrow();
  });
});
