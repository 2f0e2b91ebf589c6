// The demo dataset as `npm run demo` makes it: every capability whose manifest declares a demo seeds
// its part (organisations with a partner, staff and the partner's referent, subscribers, calls, the
// hiring desk's ranked list, availability, meetings), all labelled as demo and reachable on the
// pages; the referent reaches their own portal and no other; a second run adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../src/platform/authz/index.ts';
import { runDemoSeeds, type DemoRun } from '../src/platform/demo.ts';
import { demoOrder } from '../src/platform/manifest.ts';
import { demoSignInText } from '../src/cli/demo.ts';
import { testRuntime, type TestRuntime } from './support/runtime.ts';
import { signIn, signInByLink } from './support/http.ts';
import { getUserByEmail, listAuditLog, listOutbox, listUsers, membershipsOf } from '../src/domains/accounts/index.ts';
import { listOrganisations, organisationBySlug } from '../src/domains/organisations/index.ts';
import { listSubscribers } from '../src/domains/alerts/index.ts';
import { listCallsForStaff } from '../src/domains/calls/index.ts';
import { getList, listRankedLists } from '../src/domains/rankings/index.ts';
import { listMyRules } from '../src/domains/appointments/index.ts';
import { getMeeting, listMeetings } from '../src/domains/meetings/index.ts';
import { listCases } from '../src/domains/cases/index.ts';
import { DEMO_PASSWORD, DEMO_REFERENT, DEMO_STAFF } from '../src/domains/accounts/demo.ts';
import { DEMO_HOST_SLUG, DEMO_PARTNER_SLUG } from '../src/domains/organisations/demo.ts';
import { DEMO_CANDIDATES } from '../src/domains/rankings/demo.ts';

let rt: TestRuntime;
let run: DemoRun;
let recruiter: Actor;

const must = <T,>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

/**
 * What each capability's demo made, read through that capability's own queries. A capability that
 * adds a demo to its manifest adds its probe here (the first test fails until it does).
 */
const probes: Record<string, () => Promise<number>> = {
  organisations: async () => must(await listOrganisations(rt.deps.db, SYSTEM_ACTOR)).filter((o) => o.isDemo).length,
  accounts: async () => must(await listUsers(rt.deps, SYSTEM_ACTOR)).filter((u) => u.email.endsWith('@demo.approdo.example')).length,
  alerts: async () => must(await listSubscribers(rt.deps, SYSTEM_ACTOR, {})).total,
  calls: async () => must(await listCallsForStaff(rt.deps, SYSTEM_ACTOR, {})).total,
  rankings: async () => must(await listRankedLists(rt.deps, SYSTEM_ACTOR, {})).total,
  appointments: async () => must(await listMyRules(rt.deps.db, recruiter)).length,
  meetings: async () => {
    const now = rt.deps.now();
    const up = must(await listMeetings(rt.deps.db, SYSTEM_ACTOR, { when: 'upcoming', page: 1, now }));
    const past = must(await listMeetings(rt.deps.db, SYSTEM_ACTOR, { when: 'past', page: 1, now }));
    return up.total + past.total;
  },
};

async function everything(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, probe] of Object.entries(probes)) out[name] = await probe();
  out.audit = must(await listAuditLog(rt.deps, SYSTEM_ACTOR, {})).total;
  out.outbox = must(await listOutbox(rt.deps, SYSTEM_ACTOR, {})).total;
  return out;
}

beforeAll(async () => {
  rt = await testRuntime({ work: false });
  run = await runDemoSeeds(rt.deps);
  const r = must(await getUserByEmail(rt.deps, SYSTEM_ACTOR, DEMO_STAFF[1].email));
  recruiter = { id: r.id, label: r.email, role: 'recruiter', memberships: [] };
}, 120_000);
afterAll(() => rt.close());

describe('the demo dataset', () => {
  it('runs the demo of every capability whose manifest declares one, each after the ones it names', async () => {
    const declared = demoOrder(rt.deps.manifests).filter((m) => m.demo).map((m) => m.name);
    expect(declared.length).toBeGreaterThan(5);
    expect(run.ran).toEqual(declared);
    expect(Object.keys(probes).sort()).toEqual([...declared].sort());
    for (const name of declared) expect(await probes[name]!(), `${name}'s demo made nothing`).toBeGreaterThan(0);
    for (const m of demoOrder(rt.deps.manifests)) {
      for (const before of m.demo?.after ?? []) expect(run.ran.indexOf(before), `${m.name} after ${before}`).toBeLessThan(run.ran.indexOf(m.name));
    }
  });

  it('labels what it makes as demo: names, addresses at demo.approdo.example', async () => {
    const orgs = must(await listOrganisations(rt.deps.db, SYSTEM_ACTOR)).filter((o) => o.isDemo);
    expect(orgs.map((o) => o.slug).sort()).toContain(DEMO_PARTNER_SLUG);
    for (const o of orgs) expect(o.name).toMatch(/Demo|\(demo\)/);
    const partner = orgs.find((o) => o.slug === DEMO_PARTNER_SLUG)!;
    expect(partner).toMatchObject({ name: 'Azienda per il turismo delle Valli (demo)', kind: 'tourism_board', isPartner: true });
    for (const u of must(await listUsers(rt.deps, SYSTEM_ACTOR))) {
      expect(u.email).toMatch(/@demo\.approdo\.example$/);
      expect(u.name).toContain('Demo');
    }
    for (const s of must(await listSubscribers(rt.deps, SYSTEM_ACTOR, {})).items) expect(s.email).toMatch(/@demo\.approdo\.example$/);
    for (const c of must(await listCases(rt.deps.db, SYSTEM_ACTOR, {})).items) expect(c.email).toMatch(/@demo\.approdo\.example$/);
  });

  it('works a published ranked list: an offer out, a refusal for housing before any offer, the next one proposed', async () => {
    const index = must(await listRankedLists(rt.deps, SYSTEM_ACTOR, {}));
    expect(index.items).toHaveLength(1);
    const { list, candidates } = must(await getList(rt.deps, SYSTEM_ACTOR, index.items[0]!.id));
    expect(list.publishedAt).not.toBeNull();
    expect(list.actRef).toContain('Demo');
    const rows = [...candidates].sort((a, b) => a.rank - b.rank);
    expect(rows.map((r) => r.name)).toEqual(DEMO_CANDIDATES.map((c) => c.name));
    expect(rows.slice(0, 4).map((r) => r.state)).toEqual(['offered', 'renounced', 'proposed', 'waiting']);
    expect(rows[1]!.closedReason).toBe('housing');
    for (const r of rows) {
      expect(r.name).toContain('Demo');
      expect(r.email).toMatch(/@demo\.approdo\.example$/);
    }
  });

  it('has the team availability, an upcoming webinar and a directors meeting with levers, all marked demo', async () => {
    expect(must(await listMyRules(rt.deps.db, recruiter))).toHaveLength(2);
    const now = rt.deps.now();
    const all = [
      ...must(await listMeetings(rt.deps.db, SYSTEM_ACTOR, { when: 'upcoming', page: 1, now })).items,
      ...must(await listMeetings(rt.deps.db, SYSTEM_ACTOR, { when: 'past', page: 1, now })).items,
    ];
    expect(all.map((m) => m.kind).sort()).toEqual(['directors', 'webinar']);
    for (const m of all) expect(m.title).toContain('(demo)');
    const directors = must(await getMeeting(rt.deps.db, SYSTEM_ACTOR, all.find((m) => m.kind === 'directors')!.id));
    expect(directors.levers).toHaveLength(3);
    const webinar = must(await getMeeting(rt.deps.db, SYSTEM_ACTOR, all.find((m) => m.kind === 'webinar')!.id));
    const page = await rt.app.request(`/webinar/${webinar.meeting.slug}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Lavorare e vivere da noi');
  });

  it('shows the list on the public page and on the desk for the demo recruiter', async () => {
    const [item] = must(await listRankedLists(rt.deps, SYSTEM_ACTOR, {})).items;
    const { call } = must(await getList(rt.deps, SYSTEM_ACTOR, item!.id));
    const cookie = await signIn(rt, DEMO_STAFF[1].email, DEMO_PASSWORD);
    const desk = await rt.app.request(`/admin/graduatorie/${item!.id}`, { headers: { cookie } });
    expect(desk.status).toBe(200);
    expect(await desk.text()).toContain('Elena Demo Conti');
    const index = await (await rt.app.request('/admin/graduatorie', { headers: { cookie } })).text();
    expect(index).toContain(`href="/admin/graduatorie/${item!.id}">Dirigente medico`);
    expect(index).toContain('<caption>Graduatorie: 1 (pagina 1 di 1)</caption>');
    const pub = await rt.app.request(`/graduatorie/${call.slug}`);
    expect(pub.status).toBe(200);
    const html = await pub.text();
    expect(html).toContain('Giulia Demo Rossi');
    expect(html).not.toContain('@demo.approdo.example');
  });

  it("gives the partner a referent who reaches the partner's portal, and no other organisation's", async () => {
    const partner = (await organisationBySlug(rt.deps.db, DEMO_PARTNER_SLUG))!;
    const referent = must(await getUserByEmail(rt.deps, SYSTEM_ACTOR, DEMO_REFERENT.email));
    expect(referent.role).toBeNull();
    expect(await membershipsOf(rt.deps.db, referent.id)).toEqual([{ scope: 'organisation', id: partner.id, role: 'referent' }]);
    // With the demo password, and as a person of the network does: a sign-in link by mail.
    for (const how of ['password', 'link']) {
      const cookie = how === 'password' ? await signIn(rt, DEMO_REFERENT.email, DEMO_PASSWORD) : await signInByLink(rt, DEMO_REFERENT.email);
      const portal = await rt.app.request(`/partner/${DEMO_PARTNER_SLUG}`, { headers: { cookie } });
      expect([how, portal.status, portal.headers.get('location')]).toEqual([how, 200, null]);
      expect(await portal.text()).toContain('Azienda per il turismo delle Valli (demo)');
      expect((await rt.app.request(`/partner/${DEMO_HOST_SLUG}`, { headers: { cookie } })).status).toBe(404);
      expect((await rt.app.request('/admin', { headers: { cookie } })).status).toBe(403);
    }
  });

  it('prints every demo sign-in, the partner referent with their portal', () => {
    const text = demoSignInText('http://localhost:3000', run.signIns);
    for (const u of [...DEMO_STAFF, DEMO_REFERENT]) expect(text).toContain(u.email);
    expect(text).toContain(`${DEMO_REFERENT.email}  → http://localhost:3000/partner/${DEMO_PARTNER_SLUG}`);
    expect(text).toContain(`Password: ${DEMO_PASSWORD}`);
    expect(text).toContain('http://localhost:3000/admin/outbox');
    expect(run.signIns.map((s) => s.email)).toEqual([...DEMO_STAFF.map((u) => u.email), DEMO_REFERENT.email]);
  });

  it('is idempotent: a second run adds nothing, and leaves the same sign-ins', async () => {
    const before = await everything();
    const again = await runDemoSeeds(rt.deps);
    expect(await everything()).toEqual(before);
    expect(again.ran).toEqual(run.ran);
    expect(again.signIns).toEqual(run.signIns);
  });
});
