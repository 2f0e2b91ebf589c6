// The ranked lists' figures in Chromium: a recruiter opens the figures page from the back-office
// navigation, reads the overall times and reasons (charts and tables), filters by member and date,
// refuses a reversed range at the field (422), and downloads the CSV; per-list and per-member charts. axe on every page; HTML (with its inline SVG) saved for the Nu checker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillSignIn, follow, startJourney, visit, type Journey } from './support/index.ts';
import { createStaff } from '../support/http.ts';
import { figuresScenario } from '../factories/rankings-figures.ts';

let j: Journey;
let sc: Awaited<ReturnType<typeof figuresScenario>>;

beforeAll(async () => {
  j = await startJourney({ work: false });
  sc = await figuresScenario(j.rt.deps, { published: new Date('2019-03-04T09:00:00Z') });
});
afterAll(() => j?.close());

describe('a recruiter reads the ranked lists figures', () => {
  it('signs in, opens the figures and filters them', async () => {
    const { page } = j;
    const staff = await createStaff(j.rt, { role: 'recruiter' });
    await visit(page, '/accedi');
    await fillSignIn(page, staff);

    await visit(page, '/admin');
    await follow(page, page.getByRole('link', { name: 'Cifre delle graduatorie' }));
    expect(new URL(page.url()).pathname).toBe('/admin/graduatorie-cifre');
    expect(await page.locator('h1').textContent()).toBe('Cifre delle graduatorie');

    // The scenario's two months only: demo data seeded elsewhere stays out.
    await page.getByLabel('Pubblicate dal').fill('2019-03-01');
    await page.getByLabel('Pubblicate fino al').fill('2019-05-31');
    await follow(page, page.getByRole('button', { name: 'Applica i filtri' }));
    const url = new URL(page.url());
    expect(url.searchParams.get('dal')).toBe('2019-03-01');
    expect(url.searchParams.get('al')).toBe('2019-05-31');

    const times = page.getByRole('table', { name: 'Giorni dalla pubblicazione', exact: true });
    expect(await times.getByRole('row', { name: /Primo contatto/ }).textContent()).toMatch(/Primo contatto\s*6\s*3,5\s*8/);
    const chart = page.getByRole('img', { name: 'Giorni dalla pubblicazione alla fase, mediana' });
    expect(await chart.count()).toBe(1);
    const reasons = page.getByRole('img', { name: 'Motivi di rinuncia, numero di rinunce' });
    expect(await reasons.locator('text').allTextContents()).toContain('2 (66,7%)');
    expect(await page.getByRole('table', { name: 'Motivi di rinuncia' }).getByRole('row', { name: /Alloggio/ }).textContent()).toMatch(/Alloggio\s*2\s*66,7%/);
    // Per list and per member: a chart each, its numbers in the table beside it.
    const perList = page.getByRole('img', { name: 'Tasso di accettazione per graduatoria' });
    expect(await perList.locator('text').allTextContents()).toEqual(expect.arrayContaining(['33,3%', '50%']));
    expect(await page.getByRole('table', { name: 'Tasso di accettazione per graduatoria' }).getByRole('row', { name: /Geriatria/ }).textContent()).toMatch(/50%$/);
    expect(await page.getByRole('img', { name: /primo contatto, mediana per componente del gruppo/ }).count()).toBe(1);

    await page.getByLabel('Componente del gruppo', { exact: true }).selectOption({ label: 'Bruno Desk' });
    await follow(page, page.getByRole('button', { name: 'Applica i filtri' }));
    expect(new URL(page.url()).searchParams.get('membro')).toBe(sc.bruno.id);
    const members = page.getByRole('table', { name: /Cifre per componente del gruppo/ });
    expect(await members.locator('tbody tr').count()).toBe(1);
    expect(await members.locator('tbody tr th').textContent()).toBe('Bruno Desk');
    expect(await page.getByRole('table', { name: 'Candidati e offerte' }).getByRole('row', { name: /Offerte scadute/ }).textContent()).toMatch(/1$/);

    // A range that ends before it starts is said at the field, with what was typed kept.
    await page.getByLabel('Pubblicate fino al').fill('2019-02-01');
    const refused = await follow(page, page.getByRole('button', { name: 'Applica i filtri' }), 'figures-422');
    expect(refused.status()).toBe(422);
    expect(await page.locator('#al-error').textContent()).toBe('La data finale deve venire dopo quella iniziale.');
    expect(await page.getByLabel('Pubblicate fino al').inputValue()).toBe('2019-02-01');
    await page.getByLabel('Pubblicate fino al').fill('2019-05-31');
    await follow(page, page.getByRole('button', { name: 'Applica i filtri' }));

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Esporta le cifre in CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^cifre-graduatorie-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});
