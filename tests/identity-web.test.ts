// Identity titles and the fallback on the web: the call form shows a discipline's identity titles
// fixed; the public call page (both languages) and the back-office page say when a call's alerts go to
// the whole profession because no admitted specialisation is known.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from './support/runtime.ts';
import { createStaff, postForm, signIn } from './support/http.ts';
import { buildCall, buildOrganisation } from './factories/index.ts';
import { text } from './backoffice/calls-support.ts';

let rt: TestRuntime;
const clock = new Date('2026-06-01T08:00:00Z');
let cookie: string;
let employerId: string;

beforeAll(async () => {
  rt = await testRuntime({ now: () => clock });
  const recruiter = await createStaff(rt, { role: 'recruiter' });
  cookie = await signIn(rt, recruiter.email, recruiter.password);
  employerId = (await buildOrganisation(rt.deps.db, { name: 'Ospedale di prova' })).id;
});
afterAll(() => rt.close());

const page = async (path: string, withCookie = false) => {
  const res = await rt.app.request(path, { headers: withCookie ? { cookie } : {}, redirect: 'manual' });
  return { status: res.status, html: text(await res.text()) };
};

describe('the call form', () => {
  it('shows the identity titles ticked and fixed, the equipollent one as a choice', async () => {
    const res = await postForm(
      rt.app,
      '/admin/bandi/nuovo',
      {
        title: 'Dirigente medico di Cardiologia',
        type: 'concorso_pubblico',
        employerId,
        professionCode: 'medico_chirurgo',
        disciplineCode: '3',
        posts: '1',
        contractTerm: 'indeterminato',
        contractHours: 'full_time',
        action: 'propose',
      },
      { cookie },
    );
    expect(res.status).toBe(200);
    const html = text(await res.text());
    for (const code of ['malattie-dell-apparato-cardiovascolare', 'cardiologia']) {
      expect(html).toMatch(new RegExp(`<input type="checkbox" id="spec-\\d+" value="${code}:same" checked="" disabled="" aria-describedby="spec-\\d+-fixed"/>`));
      expect(html).toContain(`<input type="hidden" name="specialisations" value="${code}:same"/>`);
    }
    expect(html).toContain('Sempre ammessa: è la specializzazione nella disciplina (DPR 483/1997), non si può togliere.');
    expect(html).toMatch(/<input type="checkbox" id="spec-\d+" name="specialisations" value="medicina-d-emergenza-urgenza:equipollent" checked=""\/>/);
  });
});

describe('a call that goes to the whole profession', () => {
  it('says so on the public page, in Italian and in English', async () => {
    const call = await buildCall(rt.deps, { disciplineCode: 113, title: 'Medico per il servizio estivo', type: 'avviso_tempo_determinato' }, { publish: true });
    const it_ = await page(`/bandi/${call.slug}`);
    expect(it_.status).toBe(200);
    expect(it_.html).toContain(
      'id="whole-profession">Per la disciplina Privo di specializzazione non conosciamo ancora le specializzazioni ammesse: gli avvisi di questo bando vanno a tutti gli iscritti della professione Medico chirurgo.',
    );
    const en = await page(`/en/bandi/${call.slug}`);
    expect(en.status).toBe(200);
    expect(en.html).toContain(
      "id=\"whole-profession\">We do not know yet which specialisations the discipline Privo di specializzazione admits: this call's alerts go to everyone subscribed as Physician (medical doctor).",
    );

    const admin = await page(`/admin/bandi/${call.id}`, true);
    expect(admin.status).toBe(200);
    expect(admin.html).toContain('id="whole-profession">Per la disciplina Privo di specializzazione non è nota alcuna specializzazione ammessa');
  });

  it('says nothing of the kind for a call whose discipline has identity titles, listing them as the discipline\'s own', async () => {
    const call = await buildCall(rt.deps, { disciplineCode: 3, title: 'Dirigente medico di Cardiologia', specialisations: [] }, { publish: true });
    const { html } = await page(`/bandi/${call.slug}`);
    expect(html).not.toContain('whole-profession');
    expect(html).toContain("Specializzazione nella disciplina</h3><ul><li>Cardiologia</li><li>Malattie dell'apparato cardiovascolare</li></ul>");
  });
});
