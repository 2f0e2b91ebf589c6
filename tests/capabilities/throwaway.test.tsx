// A capability plugs itself in through its manifests alone: this throw-away "notes" capability —
// its own table, a record rule scoped to organisations, a job, personal data, a back-office page
// with a navigation entry and a partner-portal list with an export — is given to boot() and
// nothing else. The test then checks it is mounted, shown, scheduled and erased with the person,
// and that a member of organisation A never reaches B's records: by URL, by list filter, by export.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Hono } from 'hono';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { createMember, createStaff, postForm, signIn, signInByLink } from '../support/http.ts';
import { buildOrganisation } from '../factories/index.ts';
import { can, definePolicy, memberOf, scopeWhere, staff } from '../../src/platform/authz/index.ts';
import { job } from '../../src/platform/jobs/index.ts';
import type { DomainManifest, PersonCounts } from '../../src/platform/manifest.ts';
import { defineWebModule, type WebModule } from '../../src/web/modules.ts';
import type { AppEnv } from '../../src/web/context.ts';
import { AdminLayout, PartnerLayout } from '../../src/web/layouts/AdminLayout.tsx';
import { defineList, mountList } from '../../src/web/kit/list.tsx';
import { searchText } from '../../src/web/kit/list-query.ts';
import { errorResponse } from '../../src/web/kit/guard.tsx';
import { ok } from '../../src/platform/result.ts';
import { paged } from '../../src/platform/query.ts';
import { createCase } from '../../src/domains/cases/index.ts';
import { erasePerson, erasurePreview } from '../../src/domains/people/index.ts';

// ---------------------------------------------------------------------------------------------
// The capability, as a new domain folder and web folder would write it.

const notes = pgTable('test_notes', { id: uuid('id').primaryKey().defaultRandom(), orgId: uuid('org_id').notNull(), email: text('email').notNull(), body: text('body').notNull() });
type Note = typeof notes.$inferSelect;

const noteRules = definePolicy('notes', {
  read: memberOf<Note>('organisation', (n) => n.orgId, ['referent'], ['admin']),
  admin: staff('admin'),
});

const ticks: string[] = [];

const domain: DomainManifest = {
  name: 'notes',
  policies: [noteRules],
  jobs: () => [job<{ n: number }>({ name: 'notes.tick', handler: async ({ n }) => void ticks.push(`tick ${n}`) })],
  personalData: {
    async count(q, person) {
      if (!person.emails.length) return { erase: {} as PersonCounts };
      const rows = await q.select({ id: notes.id }).from(notes).where(inArray(notes.email, person.emails));
      return { erase: { notes: rows.length } };
    },
    async export(q, person) {
      return { notes: person.emails.length ? await q.select().from(notes).where(inArray(notes.email, person.emails)) : [] };
    },
    async erase(tx, person) {
      if (!person.emails.length) return {} as PersonCounts;
      return { notes: (await tx.delete(notes).where(inArray(notes.email, person.emails)).returning({ id: notes.id })).length };
    },
  },
};

const partnerList = defineList({
  path: '/note',
  title: 'test.notes.title',
  query: { q: searchText, ente: (v: string | undefined) => v },
  // The filter names an organisation; the scope keeps it to the actor's own whatever it says.
  load: async (c, f) => {
    const where = and(scopeWhere(c.var.actor, noteRules.read, notes.orgId), eq(notes.orgId, f.ente ?? c.var.scope!.id));
    const items = await c.var.deps.db.select().from(notes).where(where);
    return ok(paged(items, items.length, 1, 100));
  },
  columns: (c) => [
    { header: c.var.t('test.notes.body'), value: (n: Note) => n.body, rowHeader: true },
    { header: 'email', value: (n: Note) => n.email },
  ],
  caption: 'test.notes.caption',
  empty: 'test.notes.empty',
  export: {
    name: 'note',
    rows: async (c, f) => ok(await c.var.deps.db.select().from(notes).where(and(scopeWhere(c.var.actor, noteRules.read, notes.orgId), f.ente ? eq(notes.orgId, f.ente) : undefined))),
  },
  layout: PartnerLayout,
});

function partnerRoutes() {
  const app = new Hono<AppEnv>();
  mountList(app, partnerList);
  app.get('/:id', async (c) => {
    const [n] = await c.var.deps.db
      .select()
      .from(notes)
      .where(and(sql`${notes.id}::text = ${c.req.param('id')}`, scopeWhere(c.var.actor, noteRules.read, notes.orgId)));
    if (!n || !can(c.var.actor, noteRules.read, n)) return errorResponse(c, { code: 'not_found' });
    return c.html(
      <PartnerLayout c={c} title="nota">
        <p class="note">{n.body}</p>
      </PartnerLayout>,
    );
  });
  return app;
}

function adminRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', (c) =>
    can(c.var.actor, noteRules.admin)
      ? c.html(
          <AdminLayout c={c} title="note">
            <h1>Note di prova</h1>
          </AdminLayout>,
        )
      : errorResponse(c, { code: 'forbidden' }),
  );
  return app;
}

const web: WebModule[] = [
  defineWebModule({ name: 'notes', area: 'partner', mounts: [{ path: '/note', routes: partnerRoutes }], nav: [{ path: '/note', label: 'test.notes.nav', roles: ['referent'], order: 5 }] }),
  defineWebModule({ name: 'notes', area: 'backoffice', mounts: [{ path: '/note-prova', routes: adminRoutes }], nav: [{ path: '/note-prova', label: 'test.notes.admin_nav', rule: noteRules.admin, order: 999 }] }),
];

// ---------------------------------------------------------------------------------------------

let rt: TestRuntime;
let orgA: { id: string; slug: string };
let orgB: { id: string; slug: string };
let ana: string;
let bea: string;
let noteA: string;
let noteB: string;
const person = 'persona.seguita@example.org';

const get = (path: string, cookie?: string) => rt.app.request(path, { headers: cookie ? { cookie } : {} });

beforeAll(async () => {
  rt = await testRuntime({ extra: { manifests: [domain], web } });
  await rt.deps.db.execute(sql`create table test_notes (id uuid primary key default gen_random_uuid(), org_id uuid not null, email text not null, body text not null)`);
  orgA = (await buildOrganisation(rt.deps.db, { isPartner: true }))!;
  orgB = (await buildOrganisation(rt.deps.db, { isPartner: true }))!;
  const a = await createMember(rt, { organisationId: orgA.id, role: 'referent' });
  const b = await createMember(rt, { organisationId: orgB.id, role: 'referent' });
  [noteA, noteB] = (
    await rt.deps.db
      .insert(notes)
      .values([
        { orgId: orgA.id, email: person, body: 'Nota di A sulla persona seguita' },
        { orgId: orgB.id, email: 'altra@example.org', body: 'Nota riservata di B' },
      ])
      .returning({ id: notes.id })
  ).map((r) => r.id);
  ana = await signInByLink(rt, a.email);
  bea = await signInByLink(rt, b.email);
});
afterAll(() => rt?.close());

describe('a capability added through its manifests alone', () => {
  it('registers its job, and the job runs', async () => {
    expect(rt.deps.jobs.names()).toContain('notes.tick');
    await rt.deps.jobs.send('notes.tick', { n: 1 });
    await vi.waitFor(() => expect(ticks).toContain('tick 1'), { timeout: 20_000, interval: 100 });
  });

  it('mounts its partner page with its navigation entry, for its members', async () => {
    const home = await get(`/partner/${orgA.slug}`, ana);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain(`href="/partner/${orgA.slug}/note"`);
    const list = await (await get(`/partner/${orgA.slug}/note`, ana)).text();
    expect(list).toContain('Nota di A sulla persona seguita');
    expect(list).not.toContain('Nota riservata di B');
  });

  it('adds its back-office entry only for the roles its rule allows', async () => {
    const admin = await createStaff(rt, { role: 'admin' });
    const recruiter = await createStaff(rt, { role: 'recruiter' });
    const asAdmin = await (await get('/admin', await signIn(rt, admin.email, admin.password))).text();
    expect(asAdmin).toContain('href="/admin/note-prova"');
    const asRecruiter = await (await get('/admin', await signIn(rt, recruiter.email, recruiter.password))).text();
    expect(asRecruiter).not.toContain('/admin/note-prova');
  });

  it('erases its personal data with the person, and shows it in the preview first', async () => {
    const admin = await createStaff(rt, { role: 'admin' });
    const actor = { id: admin.id, label: admin.email, role: 'admin' as const, memberships: [] };
    const k = await createCase(rt.deps, actor, { name: 'Persona Seguita', email: person, locale: 'it' });
    if (!k.ok) throw new Error(JSON.stringify(k.error));
    const p = await erasurePreview(rt.deps, actor, k.value.id);
    expect(p.ok && p.value.parts.find((x) => x.capability === 'notes')?.erase).toEqual({ notes: 1 });
    const r = await erasePerson(rt.deps, actor, k.value.id);
    expect(r.ok && r.value.notes).toEqual({ notes: 1 });
    expect(await rt.deps.db.select().from(notes).where(eq(notes.email, person))).toHaveLength(0);
  });
});

describe('record rules: a member of A asking for B', () => {
  it('by URL: B\'s record and B\'s portal are 404, like an unknown organisation', async () => {
    expect((await get(`/partner/${orgA.slug}/note/${noteB}`, ana)).status).toBe(404);
    expect((await get(`/partner/${orgB.slug}`, ana)).status).toBe(404);
    expect((await get(`/partner/${orgB.slug}/note`, ana)).status).toBe(404);
    expect((await get('/partner/ente-che-non-esiste', ana)).status).toBe(404);
    // B's own referent does see it.
    expect(await (await get(`/partner/${orgB.slug}/note/${noteB}`, bea)).text()).toContain('Nota riservata di B');
  });

  it('by list filter: asking for B\'s organisation lists nothing', async () => {
    const page = await (await get(`/partner/${orgA.slug}/note?ente=${orgB.id}`, ana)).text();
    expect(page).not.toContain('Nota riservata di B');
  });

  it("by export: the download holds A's rows only, whatever the filter", async () => {
    for (const q of ['', `?ente=${orgB.id}`]) {
      const res = await get(`/partner/${orgA.slug}/note/esporta.csv${q}`, ana);
      expect(res.status).toBe(200);
      const csv = await res.text();
      expect(csv).not.toContain('Nota riservata di B');
    }
  });

  it('outside any portal: anonymous visitors sign in first, staff who are not members get 404, members no back office', async () => {
    const anon = await get(`/partner/${orgA.slug}`);
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toBe(`/accedi?next=${encodeURIComponent(`/partner/${orgA.slug}`)}`);
    const admin = await createStaff(rt, { role: 'admin' });
    expect((await get(`/partner/${orgA.slug}`, await signIn(rt, admin.email, admin.password))).status).toBe(404);
    expect((await get('/admin', ana)).status).toBe(403);
  });

  it('the rule itself, as a matrix: staff roles, the record\'s referent, another organisation\'s, a plain member', () => {
    const note = { id: noteA, orgId: orgA.id, email: person, body: '' };
    const m = (role: string, orgId: string) => ({ id: 'u', label: 'u', role: 'member' as const, memberships: [{ scope: 'organisation' as const, id: orgId, role }] });
    const cases: [string, Parameters<typeof can>[0], boolean][] = [
      ['admin', { id: 'a', label: 'a', role: 'admin', memberships: [] }, true],
      ['recruiter', { id: 'r', label: 'r', role: 'recruiter', memberships: [] }, false],
      ['editor', { id: 'e', label: 'e', role: 'editor', memberships: [] }, false],
      ["A's referent", m('referent', orgA.id), true],
      ["B's referent", m('referent', orgB.id), false],
      ["A's plain member", m('member', orgA.id), false],
      ['anonymous', { id: null, label: 'x', role: 'anonymous', memberships: [] }, false],
    ];
    for (const [who, actor, allowed] of cases) expect(can(actor, noteRules.read, note), who).toBe(allowed);
  });
});

describe('the member\'s own account', () => {
  it('shows their organisation and lets them download their data and erase their account', async () => {
    const page = await (await get('/area-personale', ana)).text();
    expect(page).toContain(`href="/partner/${orgA.slug}"`);
    const data = await get('/area-personale/dati.json', ana);
    expect(data.status).toBe(200);
    const doc = (await data.json()) as { data: { accounts: { memberships: { scopeId: string }[] } } };
    expect(doc.data.accounts.memberships.map((x) => x.scopeId)).toEqual([orgA.id]);
    expect((await get('/area-personale/cancella', ana)).status).toBe(200);
    const res = await postForm(rt.app, '/area-personale/cancella', {}, { cookie: ana });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/accedi?esito=account_erased');
    // Her session went with the account: the portal asks to sign in again.
    expect((await get(`/partner/${orgA.slug}`, ana)).status).toBe(303);
  });
});
