// The talent pool's back office in Chromium: a recruiter filters the subscribers, opens one, reads
// the alert statistics and watches a running fan-out's counts update by themselves (htmx polling),
// then reaches a finished one from the call's page. axe on every page; HTML saved for the Nu checker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { expectAccessible, fillSignIn, follow, startJourney, visit, type Journey } from './support/index.ts';
import { createStaff } from '../support/http.ts';
import { buildCall } from '../factories/index.ts';
import { buildFanout, buildSubscriber } from '../factories/alerts.ts';
import { alertDeliveries, alertFanouts } from '../../src/domains/alerts/tables.ts';

let j: Journey;
let runningCallId = '';
let doneCallId = '';
let pendingDeliveryId = '';

beforeAll(async () => {
  // No job runner: nothing but this journey moves the fan-out along.
  j = await startJourney({ work: false });
  const db = j.rt.deps.db;
  const maria = await buildSubscriber(db, { name: 'Maria Rossi', email: 'maria.rossi@example.test', specialisations: ['geriatria'], comuni: ['022161'] });
  const paolo = await buildSubscriber(db, {
    name: 'Paolo Neri',
    email: 'paolo.neri@example.test',
    specialisations: [{ code: 'medicina-interna', inTraining: true, trainingYear: 4 }],
    provinces: ['022'],
    frequency: 'weekly',
  });
  await buildSubscriber(db, { name: 'Luca Bianchi', email: 'luca@example.test', professionCode: 'infermiere' });
  runningCallId = (await buildCall(j.rt.deps, { title: 'Geriatria a Rovereto' })).id;
  doneCallId = (await buildCall(j.rt.deps, { title: 'Medicina interna a Trento' })).id;
  const running = await buildFanout(db, runningCallId, [
    { subscriberId: maria.id, status: 'sent', reasonKind: 'affine', clicks: 1, sentAt: new Date() },
    { subscriberId: paolo.id, status: 'pending', reasonKind: 'equipollent' },
  ]);
  pendingDeliveryId = running.deliveries.find((d) => d.status === 'pending')!.id;
  await buildFanout(db, doneCallId, [
    { subscriberId: paolo.id, mode: 'weekly', status: 'digested', reasonKind: 'same', sentAt: new Date() },
    { subscriberId: maria.id, status: 'failed', attempts: 6, error: '550 5.1.1 user unknown', reasonKind: 'affine' },
  ]);
});
afterAll(() => j?.close());

describe('a recruiter reads the talent pool', () => {
  it('signs in, filters the subscribers and opens one', async () => {
    const { page } = j;
    const staff = await createStaff(j.rt, { role: 'recruiter' });
    await visit(page, '/accedi');
    await fillSignIn(page, staff);

    await visit(page, '/admin/iscritti');
    expect(await page.locator('main').textContent()).toContain('Luca Bianchi');
    await page.locator('#professione').selectOption('medico_chirurgo');
    await page.locator('#provincia').selectOption('022');
    await follow(page, page.getByRole('button', { name: 'Applica i filtri' }));
    const url = new URL(page.url());
    expect(url.searchParams.get('professione')).toBe('medico_chirurgo');
    expect(url.searchParams.get('provincia')).toBe('022');
    const results = page.locator('table', { has: page.locator('caption', { hasText: 'iscritti trovati' }) });
    expect(await results.locator('caption').textContent()).toContain('2 iscritti trovati');
    expect(await results.textContent()).not.toContain('Luca Bianchi');
    expect(await page.getByRole('link', { name: 'Esporta i risultati in CSV' }).getAttribute('href')).toBe(
      '/admin/iscritti/esporta.csv?professione=medico_chirurgo&provincia=022',
    );

    await follow(page, page.getByRole('link', { name: 'Paolo Neri' }));
    expect(await page.locator('h1').textContent()).toBe('Paolo Neri');
    const main = await page.locator('main').textContent();
    expect(main).toContain('Medicina interna (in formazione, 4° anno)');
    expect(main).toContain('riepilogo settimanale');
    expect(main).toContain('Geriatria a Rovereto');
  });

  it('watches a running fan-out update by itself, then opens a finished one from its call', async () => {
    const { page } = j;
    await visit(page, '/admin/avvisi');
    await follow(page, page.getByRole('link', { name: 'Geriatria a Rovereto' }));
    const block = page.locator('#fanout-progress');
    expect(await block.getAttribute('data-status')).toBe('sending');
    expect(await block.textContent()).toContain('1 di 2 avvisi elaborati (50%)');
    expect(await page.getByRole('link', { name: 'Aggiorna i numeri' }).count()).toBe(1);

    // The last alert goes out: the block polls and shows it without a reload.
    const db = j.rt.deps.db;
    await db.update(alertDeliveries).set({ status: 'sent', sentAt: new Date(), clicks: 1 }).where(eq(alertDeliveries.id, pendingDeliveryId));
    await db.update(alertFanouts).set({ status: 'done', finishedAt: new Date() }).where(eq(alertFanouts.callId, runningCallId));
    await expect.poll(() => page.locator('#fanout-progress').getAttribute('data-status'), { timeout: 10_000 }).toBe('done');
    const after = await page.locator('#fanout-progress').textContent();
    expect(after).toContain('2 di 2 avvisi elaborati (100%)');
    expect(await page.locator('#fanout-progress [data-count="clicked"]').textContent()).toBe('2');
    expect(await page.getByRole('link', { name: 'Aggiorna i numeri' }).count()).toBe(0);
    await expectAccessible(page);

    await visit(page, `/admin/bandi/${doneCallId}`);
    await follow(page, page.getByRole('link', { name: 'Statistiche degli avvisi di questo bando' }));
    expect(new URL(page.url()).pathname).toBe(`/admin/avvisi/${doneCallId}`);
    expect(await page.locator('#fanout-progress').getAttribute('data-hx-get')).toBeNull();
    const main = await page.locator('main').textContent();
    expect(main).toContain('maria.rossi@example.test');
    expect(main).toContain('550 5.1.1 user unknown');
    expect(main).not.toContain('paolo.neri@example.test');
  });
});
