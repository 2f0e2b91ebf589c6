// The demo dataset as `npm run demo` makes it: calls, demo subscribers and the hiring desk (a
// published ranked list being worked, availability, a webinar, a directors' meeting with levers),
// all labelled as demo and reachable on the pages; a second run changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/platform/authz/index.ts';
import { eq } from 'drizzle-orm';
import { testRuntime, type TestRuntime } from './support/runtime.ts';
import { signIn } from './support/http.ts';
import { createUser } from '../src/domains/accounts/index.ts';
import { seedDemo, DEMO_USERS, DEMO_PASSWORD } from '../seeds/demo.ts';
import { DEMO_CANDIDATES } from '../seeds/demo-hiring.ts';
import { rankedCandidates, rankedLists } from '../src/domains/rankings/tables.ts';
import { availabilityRules } from '../src/domains/appointments/tables.ts';
import { meetingLevers, meetings } from '../src/domains/meetings/tables.ts';
import { cases } from '../src/domains/cases/tables.ts';
import { calls } from '../src/domains/calls/tables.ts';

let rt: TestRuntime;
const createUsers = async (list: typeof DEMO_USERS, password: string) => {
  for (const u of list) {
    const r = await createUser(rt.deps, SYSTEM_ACTOR, { ...u, password, locale: 'it' });
    if (!r.ok && r.error.code !== 'conflict') throw new Error(JSON.stringify(r.error));
  }
};

beforeAll(async () => {
  rt = await testRuntime({ work: false });
  const first = await seedDemo(rt.deps, { createUsers });
  expect(first).toEqual({ created: true, calls: 40 });
}, 120_000);
afterAll(() => rt.close());

describe('the demo dataset', () => {
  it('works a published ranked list: an offer out, a refusal for housing before any offer, the next one proposed', async () => {
    const lists = await rt.deps.db.select().from(rankedLists);
    expect(lists).toHaveLength(1);
    expect(lists[0]!.publishedAt).not.toBeNull();
    expect(lists[0]!.actRef).toContain('Demo');
    const rows = await rt.deps.db.select().from(rankedCandidates).where(eq(rankedCandidates.listId, lists[0]!.id)).orderBy(rankedCandidates.rank);
    expect(rows.map((r) => r.name)).toEqual(DEMO_CANDIDATES.map((c) => c.name));
    expect(rows.slice(0, 4).map((r) => r.state)).toEqual(['offered', 'renounced', 'proposed', 'waiting']);
    expect(rows[1]!.closedReason).toBe('housing');
    // Nothing fake passes for real: demo names and the demo mail domain only.
    for (const r of rows) {
      expect(r.name).toContain('Demo');
      expect(r.email).toMatch(/@demo\.approdo\.example$/);
    }
    for (const c of await rt.deps.db.select().from(cases)) expect(c.email).toMatch(/@demo\.approdo\.example$/);
  });

  it('has the team availability, an upcoming webinar and a directors meeting with levers, all marked demo', async () => {
    expect(await rt.deps.db.select().from(availabilityRules)).toHaveLength(2);
    const all = await rt.deps.db.select().from(meetings);
    expect(all.map((m) => m.kind).sort()).toEqual(['directors', 'webinar']);
    for (const m of all) expect(m.title).toContain('(demo)');
    expect(await rt.deps.db.select().from(meetingLevers)).toHaveLength(3);
    const webinar = all.find((m) => m.kind === 'webinar')!;
    const page = await rt.app.request(`/webinar/${webinar.slug}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Lavorare e vivere da noi');
  });

  it('shows the list on the public page and on the desk for the demo recruiter', async () => {
    const [list] = await rt.deps.db.select().from(rankedLists);
    const cookie = await signIn(rt, DEMO_USERS[1].email, DEMO_PASSWORD);
    const desk = await rt.app.request(`/admin/graduatorie/${list!.id}`, { headers: { cookie } });
    expect(desk.status).toBe(200);
    expect(await desk.text()).toContain('Elena Demo Conti');
    const index = await (await rt.app.request('/admin/graduatorie', { headers: { cookie } })).text();
    expect(index).toContain(`href="/admin/graduatorie/${list!.id}">Dirigente medico`);
    expect(index).toContain('<caption>Graduatorie: 1 (pagina 1 di 1)</caption>');
    const [call] = await rt.deps.db.select({ slug: calls.slug }).from(calls).where(eq(calls.id, list!.callId));
    const pub = await rt.app.request(`/graduatorie/${call!.slug}`);
    expect(pub.status).toBe(200);
    const html = await pub.text();
    expect(html).toContain('Giulia Demo Rossi');
    expect(html).not.toContain('@demo.approdo.example');
  });

  it('is idempotent: a second run creates nothing', async () => {
    expect(await seedDemo(rt.deps, { createUsers })).toEqual({ created: false, calls: 0 });
    expect(await rt.deps.db.select().from(rankedLists)).toHaveLength(1);
  });
});
