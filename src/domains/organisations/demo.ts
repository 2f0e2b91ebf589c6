// The demo's organisations: a fictional "Azienda Sanitaria Demo" (the host, unless the installation
// already has one), three employers and a partner, the tourism board of the valleys. Made through
// createOrganisation like any organisation, marked demo (the site shows its demo banner while one
// exists); found again by slug on a second run.
import { eq } from 'drizzle-orm';
import { systemActor } from '../../platform/authz/index.ts';
import type { DemoContext } from '../../platform/manifest.ts';
import { createOrganisation, ensureHostOrganisation, organisationBySlug, type OrganisationInput } from './organisations.ts';
import { organisations } from './tables.ts';

export const DEMO_HOST_SLUG = 'azienda-sanitaria-demo';
export const DEMO_PARTNER_SLUG = 'apt-valli-demo';

type DemoOrg = OrganisationInput & { slug: string; name: string };

export const DEMO_ORGANISATIONS: readonly DemoOrg[] = [
  { slug: DEMO_HOST_SLUG, name: 'Azienda Sanitaria Demo', kind: 'health_agency', isEmployer: true, comune: '022205', website: 'https://www.example.org/azienda-sanitaria-demo' },
  { slug: 'ospedale-del-lago-demo', name: 'Ospedale del Lago (demo)', kind: 'public_hospital', isEmployer: true, comune: '022153' },
  { slug: 'clinica-monte-verde-demo', name: 'Clinica privata Monte Verde (demo)', kind: 'private_hospital', isEmployer: true, comune: '023091' },
  { slug: 'rsa-villa-serena-demo', name: 'RSA Villa Serena (demo)', kind: 'nursing_home', isEmployer: true, comune: '022161' },
  { slug: DEMO_PARTNER_SLUG, name: 'Azienda per il turismo delle Valli (demo)', kind: 'tourism_board', isPartner: true, comune: '022050' },
];

/** What later seeds find under `organisations.employers` and `organisations.partner`. */
export interface DemoOrganisation {
  id: string;
  slug: string;
  name: string;
}

export async function seedOrganisationsDemo(ctx: DemoContext): Promise<void> {
  const { db } = ctx.deps;
  const actor = systemActor('demo-seed');
  const made = new Map<string, DemoOrganisation>();
  for (const o of DEMO_ORGANISATIONS) {
    let org = await organisationBySlug(db, o.slug);
    if (!org) {
      const r = await createOrganisation(db, actor, { ...o, email: `${o.slug}@demo.approdo.example` });
      if (!r.ok) throw new Error(`demo organisation ${o.slug}: ${JSON.stringify(r.error)}`);
      org = { id: r.value.id, slug: r.value.slug, name: r.value.name };
      // Demo rows say so: the banner, and nothing fake passing for real.
      await db.update(organisations).set({ isDemo: true }).where(eq(organisations.id, org.id));
    }
    made.set(o.slug, org);
  }
  // A real installation already has its host agency: the demo agency then joins as an employer.
  await ensureHostOrganisation(db, { name: DEMO_ORGANISATIONS[0]!.name, slug: DEMO_HOST_SLUG, isDemo: true });
  ctx.shared.set(
    'organisations.employers',
    DEMO_ORGANISATIONS.filter((o) => o.isEmployer).map((o) => made.get(o.slug)!),
  );
  ctx.shared.set('organisations.partner', made.get(DEMO_PARTNER_SLUG)!);
}
