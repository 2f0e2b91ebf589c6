// The journey of issue 3: a doctor subscribes to alerts on /avvisi (fixing a mistake on the way),
// confirms through the link in the mail, staff publish a call whose discipline admits her
// specialisation as affine, the alert arrives saying why (with the legal source), she opens her
// preferences from the alert, unsubscribes in one click (RFC 8058), and the next call sends nothing.
// axe runs on every page visited; every page is saved for the Nu HTML checker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { fillSignIn, follow, selectAndSettle, startJourney, visit, type Journey } from './support/index.ts';
import { createStaff } from '../support/http.ts';
import { edgeOfKind, provinceOf, waitForFanout } from '../support/alerts.ts';
import { buildOrganisation } from '../factories/index.ts';
import { toRomeLocal } from '../../src/platform/i18n/format.ts';
import { alertDeliveries, alertSubscribers } from '../../src/domains/alerts/tables.ts';

let j: Journey;
let edge: Awaited<ReturnType<typeof edgeOfKind>>;
let trentino: string;
let employerName: string;
const EMAIL = 'giulia.bianchi@example.org';
const FIRST = 'Dirigente medico – primo bando per gli avvisi';
const SECOND = 'Dirigente medico – secondo bando per gli avvisi';

beforeAll(async () => {
  j = await startJourney();
  const db = j.rt.deps.db;
  // A relation "the discipline admits this specialisation as affine" from the seeded reference data.
  edge = await edgeOfKind(db, 'affine');
  trentino = await provinceOf(db, '022205');
  employerName = (await buildOrganisation(db, { name: 'Ospedale di Rovereto (prova avvisi)' })).name;
});
afterAll(() => j?.close());

const subscriber = async () => (await j.rt.deps.db.select().from(alertSubscribers).where(eq(alertSubscribers.email, EMAIL)))[0];

let staff: Awaited<ReturnType<typeof createStaff>> | undefined;

async function signInAsStaff() {
  const { page } = j;
  staff ??= await createStaff(j.rt, { role: 'recruiter' });
  await visit(page, '/accedi');
  await fillSignIn(page, staff);
  expect(new URL(page.url()).pathname).toBe('/admin');
}

/** Staff create a call in the affine discipline with a workplace in Trentino, and publish it. */
async function createAndPublishCall(title: string): Promise<string> {
  const { page } = j;
  await visit(page, '/admin/bandi/nuovo');
  await page.locator('#title').fill(title);
  await page.locator('#type').selectOption('concorso_pubblico');
  await page.locator('#employerId').selectOption({ label: employerName });
  await selectAndSettle(page, '#professionCode', 'medico_chirurgo');
  await page.locator('#disciplineCode').selectOption(String(edge.disciplineCode));
  await page.locator('#posts').fill('1');
  await page.locator('#contractTerm').selectOption('indeterminato');
  await page.locator('#workplaces').fill('Rovereto');
  await page.locator('#descriptionMd').fill(`Il reparto di **${edge.disciplineName}** cerca un dirigente medico.`);
  const deadline = toRomeLocal(new Date(Date.now() + 20 * 86_400_000));
  await page.locator('#deadlineDate').fill(deadline.date);
  await page.locator('#deadlineTime').fill('12:00');
  await page.locator('#applicationUrl').fill('https://concorsi.example.org/avvisi');
  await follow(page, page.getByRole('button', { name: 'Crea il bando in bozza' }));
  const m = /^\/admin\/bandi\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname);
  expect(m, `created call page, got ${page.url()}`).not.toBeNull();
  await follow(page, page.getByRole('button', { name: 'Pubblica ora' }));
  expect(await page.locator('main').textContent()).toMatch(/Aperto/);
  return m![1]!;
}

describe('alerts: subscribe, confirm, get an affine alert, unsubscribe in one click', () => {
  let alertText = '';
  let listUnsubscribe = '';

  it('a doctor subscribes on /avvisi (fixing a missing consent) and confirms through the mailed link', async () => {
    const { page, smtp } = j;
    await visit(page, '/en/avvisi');
    expect(await page.locator('h1').textContent()).toBe('Alerts for new calls');

    await visit(page, '/avvisi?da=home&utm_source=journey');
    await page.locator('#name').fill('Giulia Bianchi');
    await page.locator('#email').fill(EMAIL);
    await page.locator('#professionCode').selectOption('medico_chirurgo');
    await page.locator('#spec1').selectOption(edge.specialisationCode);
    await page.locator('#spec1_title').selectOption('held');
    await page.locator('summary', { hasText: 'Trentino-Alto Adige' }).click();
    await page.locator(`label[for="prov-${trentino}"]`).click();
    expect(await page.locator(`#prov-${trentino}`).isChecked()).toBe(true);
    expect(await page.locator('#alsoRelated').isChecked()).toBe(true);
    // Forgot the consent: the form comes back with the message and everything typed.
    const invalid = await follow(page, page.getByRole('button', { name: 'Iscriviti agli avvisi' }));
    expect(invalid.status()).toBe(422);
    expect(await page.locator('#error-summary').textContent()).toMatch(/Consenso/);
    expect(await page.locator('#email').inputValue()).toBe(EMAIL);
    expect(await page.locator('#spec1').inputValue()).toBe(edge.specialisationCode);
    expect(await page.locator(`#prov-${trentino}`).isChecked()).toBe(true);

    await page.locator('label[for="consent"]').click();
    await follow(page, page.getByRole('button', { name: 'Iscriviti agli avvisi' }));
    expect(new URL(page.url()).pathname).toBe('/avvisi/controlla-la-posta');
    expect(await subscriber()).toBeUndefined();

    const mail = await smtp.waitFor((m) => m.to.includes(EMAIL), 15_000);
    const link = /https?:\/\/\S+\/avvisi\/conferma\/[\w-]+/.exec(mail.text)?.[0];
    expect(link).toBeTruthy();
    await visit(page, link!);
    expect(await subscriber()).toBeUndefined(); // opening the link alone changes nothing
    await follow(page, page.getByRole('button', { name: "Conferma l'iscrizione" }));
    expect(await page.locator('h1').textContent()).toBe('Iscrizione confermata');
    const sub = await subscriber();
    expect(sub?.status).toBe('active');
  });

  it('staff publish a call in the discipline that admits her specialisation as affine: the alert explains why', async () => {
    const { smtp } = j;
    await signInAsStaff();
    const callId = await createAndPublishCall(FIRST);
    const alert = await smtp.waitFor((m) => m.to.includes(EMAIL) && m.subject.includes(FIRST), 25_000);
    alertText = alert.text;
    expect(alert.subject).toBe(`Nuovo bando per te: ${FIRST}`);
    expect(alert.text).toContain(`la tua specializzazione in ${edge.specialisationName} è affine a ${edge.disciplineName} — ${edge.source}`);
    expect(alert.html).toContain(`è affine a ${edge.disciplineName}`);
    listUnsubscribe = alert.header('List-Unsubscribe') ?? '';
    expect(listUnsubscribe).toMatch(new RegExp(`^<${j.baseUrl.replace(/[.]/g, '\\.')}/avvisi/disiscrizione/[\\w.-]+>$`));
    expect(alert.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const [delivery] = await j.rt.deps.db.select().from(alertDeliveries).where(and(eq(alertDeliveries.callId, callId)));
    expect(delivery?.reasonKind).toBe('affine');
  });

  it('she opens the call and her preferences from the links in the alert', async () => {
    const { page, context } = j;
    // The person, not the staff member: a browser with no session.
    await context.clearCookies();
    const read = /https?:\/\/\S+\/avvisi\/c\/[\w.-]+/.exec(alertText)?.[0];
    expect(read).toBeTruthy();
    await visit(page, read!);
    expect(new URL(page.url()).pathname).toMatch(/^\/bandi\/dirigente-medico-primo-bando-per-gli-avvisi$/);

    const prefs = /https?:\/\/\S+\/avvisi\/preferenze\/[\w.-]+/.exec(alertText)?.[0];
    expect(prefs).toBeTruthy();
    await visit(page, prefs!);
    expect(await page.locator('h1').textContent()).toBe('Le tue preferenze per gli avvisi');
    expect(await page.locator('#subscription-status').textContent()).toContain('Attiva');
    expect(await page.locator('#spec1').inputValue()).toBe(edge.specialisationCode);
    expect(await page.locator(`#prov-${trentino}`).isChecked()).toBe(true);
  });

  it('one POST to the List-Unsubscribe URL (no cookies, no Origin) unsubscribes; the next call sends nothing', async () => {
    const { page, smtp } = j;
    const url = listUnsubscribe.replace(/^<|>$/g, '');
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    expect((await subscriber())?.status).toBe('unsubscribed');

    // The unsubscribe page in the browser now says it is done, with the way back.
    await visit(page, url);
    expect(await page.locator('h1').textContent()).toBe('Iscrizione annullata');

    const before = smtp.messages.filter((m) => m.to.includes(EMAIL)).length;
    await signInAsStaff();
    const callId = await createAndPublishCall(SECOND);
    const fanout = await waitForFanout(j.rt.deps.db, callId, 20_000);
    expect(fanout.matched).toBe(0);
    expect(smtp.messages.filter((m) => m.to.includes(EMAIL)).length).toBe(before);
    expect(smtp.messages.some((m) => m.subject.includes(SECOND))).toBe(false);
  });
});
