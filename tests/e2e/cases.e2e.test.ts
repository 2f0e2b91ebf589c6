// The cases journey: a person leaves their references on /contatti and becomes a case; a recruiter
// finds it in /admin/casi, opens it, moves its stage, adds a note and a task for themselves, sees
// the task in "my tasks" and completes it; an admin then erases the person from the confirmation
// page. axe runs on every page; pages are saved for the Nu HTML checker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillSignIn, follow, startJourney, visit, type Journey } from './support/index.ts';
import { createStaff } from '../support/http.ts';

let j: Journey;
const EMAIL = 'luca.ferri@example.org';

beforeAll(async () => {
  j = await startJourney();
});
afterAll(() => j?.close());

describe('from a lead to a case with a task', () => {
  it('a visitor leaves their references on /contatti', async () => {
    const { page } = j;
    await visit(page, '/contatti');
    await page.locator('#name').fill('Luca Ferri');
    await page.locator('#email').fill(EMAIL);
    await page.locator('#phone').fill('+39 347 222 3333');
    await page.locator('#professionCode').selectOption('infermiere');
    await page.locator('#message').fill('Infermiere, vorrei trasferirmi in Trentino.');
    await page.click('label[for="consent"]');
    await follow(page, page.getByRole('button', { name: 'Invia i miei riferimenti' }));
    expect(new URL(page.url()).pathname).toBe('/contatti/grazie');
  });

  it('a recruiter finds the case, moves its stage, adds a note and a task, and completes it from my tasks', async () => {
    const { page, context } = j;
    await context.clearCookies();
    const staff = await createStaff(j.rt, { role: 'recruiter', name: 'Chiara Accoglienza' });
    await visit(page, '/admin/casi');
    expect(new URL(page.url()).pathname).toBe('/accedi');
    await fillSignIn(page, staff);
    expect(new URL(page.url()).pathname).toBe('/admin/casi');
    expect(await page.locator('table caption').textContent()).toContain('Casi: 1');
    expect(await page.locator('table').textContent()).toContain('Contatto dal sito');

    await follow(page, page.getByRole('link', { name: 'Luca Ferri' }));
    expect(await page.locator('h1').textContent()).toBe('Luca Ferri');
    const timeline = page.locator('section[aria-labelledby="timeline"]');
    expect(await timeline.textContent()).toContain('Ha lasciato i suoi riferimenti dal sito');
    expect(await timeline.textContent()).toContain('Infermiere, vorrei trasferirmi in Trentino.');

    await page.locator('#stage').selectOption('in_contact');
    await page.locator('#assigneeId').selectOption(staff.id);
    await follow(page, page.getByRole('button', { name: 'Salva', exact: true }));
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Fase e assegnazione salvate.');
    expect(await timeline.textContent()).toContain('Fase: Interessato → In contatto');

    await page.locator('#kind').selectOption('note');
    await page.locator('#body').fill('Parlato al telefono: disponibile da settembre.');
    await follow(page, page.getByRole('button', { name: 'Aggiungi alla cronologia' }));
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Aggiunto alla cronologia.');
    expect(await timeline.textContent()).toContain('disponibile da settembre');

    await page.locator('#title').fill('Mandare il bando di Cavalese');
    await page.locator('#dueDate').fill('2026-01-15');
    await page.locator('#taskAssigneeId').selectOption(staff.id);
    await follow(page, page.getByRole('button', { name: "Aggiungi l'attività" }));
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Attività aggiunta.');

    await follow(page, page.locator('main').getByRole('link', { name: 'Torna ai casi' }));
    await follow(page, page.getByRole('link', { name: 'Le mie attività' }));
    expect(await page.locator('h1').textContent()).toBe('Le mie attività');
    expect(await page.locator('table').textContent()).toContain('Mandare il bando di Cavalese');
    await follow(page, page.getByRole('button', { name: 'Segna come fatta: Mandare il bando di Cavalese' }));
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Attività completata.');
    expect(await page.locator('main').textContent()).toContain('Non hai attività aperte.');
  });

  it('an admin erases the person at their request: the confirmation says what goes and what stays', async () => {
    const { page, context } = j;
    await context.clearCookies();
    const admin = await createStaff(j.rt, { role: 'admin', name: 'Alba Amministratrice' });
    await visit(page, '/admin/casi');
    await fillSignIn(page, admin);
    await follow(page, page.getByRole('link', { name: 'Luca Ferri' }));
    await follow(page, page.getByRole('link', { name: 'Cancella i dati di questa persona' }));
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/casi\/[0-9a-f-]{36}\/cancella$/);
    expect(await page.locator('h1').textContent()).toBe('Cancellare i dati di Luca Ferri?');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('contatti con lo stesso indirizzo: 1');
    expect(main).toContain('la traccia della cancellazione');
    await follow(page, page.getByRole('button', { name: 'Cancella definitivamente' }));
    expect(new URL(page.url()).pathname).toBe('/admin/casi');
    expect(await page.locator('[role="status"]').first().textContent()).toContain('I dati della persona sono stati cancellati.');
    expect(await page.locator('main').textContent()).not.toContain('Luca Ferri');
  });
});
