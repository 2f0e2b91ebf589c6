// Identity titles in matching: a call in any discipline reaches the holders of the discipline's own
// specialisation (also a call saved before the identity edge existed), and a call whose discipline has
// no known admitted specialisation goes to the whole profession with an alert that says so.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { SmtpPeer } from '../../../tests/support/smtp.ts';
import { ADMIN_ACTOR, buildCall } from '../../../tests/factories/index.ts';
import { prefs, waitForFanout } from '../../../tests/support/alerts.ts';
import { forgetAdmittedSpecialisations } from '../calls/testing.ts';
import { getCallDetail, publishCall } from '../calls/index.ts';
import { deactivateEdge, disciplineGroups, identitySpecialisations, type AdmittedSpecialisation, type Discipline } from '../reference/index.ts';
import { callKeys, countMatches, createConfirmedSubscriber, subscriberKeys } from './index.ts';

/** The disciplines the identity file declares without a title (seeds/reference/README.md). */
const EXCEPTIONS = [113, 117, 118];

let rt: TestRuntime;
let smtp: SmtpPeer;
const clock = new Date('2026-06-01T08:00:00Z');
let disciplines: Discipline[] = [];
const identity = new Map<number, AdmittedSpecialisation[]>();

beforeAll(async () => {
  smtp = await SmtpPeer.start();
  rt = await testRuntime({ now: () => clock, env: { SMTP_URL: smtp.url } });
  disciplines = (await disciplineGroups(rt.deps.db)).flatMap((g) => g.disciplines);
  for (const d of disciplines) identity.set(d.code, await identitySpecialisations(rt.deps.db, d.code));
});
afterAll(async () => {
  await rt.close();
  await smtp.stop();
});
beforeEach(() => smtp.clear());

let n = 0;
const email = (tag: string) => `${tag}-${++n}@example.org`;
const holding = (code: string) => [{ code, inTraining: false, trainingYear: null }];

describe('identity titles in matching', () => {
  it('has identity titles for every discipline of the professions with disciplines but the declared exceptions', () => {
    expect(disciplines.length).toBe(77);
    expect(disciplines.filter((d) => !identity.get(d.code)!.length).map((d) => d.code).sort((a, b) => a - b)).toEqual(EXCEPTIONS);
  });

  it('gives every call in each discipline the holders of its identity titles (keys and the fan-out query)', async () => {
    const d = rt.deps;
    // One subscriber per (profession, identity title), wanting only their own discipline's calls.
    const pairs = new Map<string, { professionCode: string; code: string }>();
    for (const x of disciplines) for (const e of identity.get(x.code)!) pairs.set(`${x.professionCode}:${e.specialisationCode}`, { professionCode: x.professionCode, code: e.specialisationCode });
    for (const p of pairs.values())
      await createConfirmedSubscriber(d, email(`holder-${p.code}`), prefs({ professionCode: p.professionCode, specialisations: holding(p.code), alsoRelated: false }));
    const perProfession = new Map<string, number>();
    for (const p of pairs.values()) perProfession.set(p.professionCode, (perProfession.get(p.professionCode) ?? 0) + 1);

    for (const x of disciplines) {
      const titles = identity.get(x.code)!;
      // The pure path: the call's keys meet a holder's keys.
      for (const e of titles) {
        const keys = new Set(callKeys({ professionCode: x.professionCode, disciplineCode: x.code, admitted: [{ specialisationCode: e.specialisationCode, kind: 'same' }], workplaces: [] }));
        const theirs = subscriberKeys(prefs({ professionCode: x.professionCode, specialisations: holding(e.specialisationCode), alsoRelated: false }));
        expect(theirs.some((k) => keys.has(k)), `${x.code} ${x.name} ← ${e.specialisationName}`).toBe(true);
      }
      const call = await buildCall(d, { professionCode: x.professionCode, disciplineCode: x.code, title: `Dirigente in ${x.name}` });
      const matched = await countMatches(d, call.id);
      // Each title's holder, and nobody else (each holds one title and wants only the same discipline);
      // a declared exception has no title, so its call falls back to the whole profession.
      const expected = titles.length ? titles.length : perProfession.get(x.professionCode) ?? 0;
      expect(matched, `${x.code} ${x.name}`).toBe(expected);
    }
  });

  it('admits the identity titles also to a call saved without them, and lets the cardiologist know it is the same discipline', async () => {
    const d = rt.deps;
    const cardiologist = await createConfirmedSubscriber(d, email('cardiologo'), prefs({ specialisations: holding('malattie-dell-apparato-cardiovascolare'), alsoRelated: false }));
    const english = await createConfirmedSubscriber(d, email('cardiologist'), prefs({ specialisations: holding('cardiologia'), locale: 'en' }));
    const call = await buildCall(d, { disciplineCode: 3, title: 'Dirigente medico di Cardiologia', specialisations: [{ code: 'medicina-d-emergenza-urgenza', kind: 'equipollent' }] });
    // As a call saved before the identity edges existed: only the equipollent title is stored.
    await forgetAdmittedSpecialisations(d.db, call.id, ['malattie-dell-apparato-cardiovascolare', 'cardiologia']);
    const detail = (await getCallDetail(d.db, call.id, clock))!;
    expect(detail.specialisations.map((s) => [s.name, s.kind])).toEqual([
      ['Cardiologia', 'same'],
      ["Malattie dell'apparato cardiovascolare", 'same'],
      ["Medicina d'emergenza-urgenza", 'equipollent'],
    ]);

    const published = await publishCall(d, ADMIN_ACTOR, call.id, null);
    expect(published.ok).toBe(true);
    await waitForFanout(d.db, call.id);
    const mail = await smtp.waitFor((m) => m.to.includes(cardiologist.email));
    expect(mail.text).toContain("la tua specializzazione in Malattie dell'apparato cardiovascolare è quella della disciplina del bando (Cardiologia) — DI 68/2015");
    const en = await smtp.waitFor((m) => m.to.includes(english.email));
    expect(en.text).toContain("your specialisation in Cardiologia is the call's own discipline (Cardiologia)");
  });
});

describe('the fallback to the whole profession', () => {
  it('sends a call in a discipline without titles to every doctor, and the alert says why', async () => {
    const d = rt.deps;
    const it_ = await createConfirmedSubscriber(d, email('senza-spec'), prefs());
    const en = await createConfirmedSubscriber(d, email('no-spec'), prefs({ locale: 'en' }));
    const nurse = await createConfirmedSubscriber(d, email('infermiere'), prefs({ professionCode: 'infermiere' }));
    const call = await buildCall(d, { disciplineCode: 113, title: 'Medico per il servizio estivo', type: 'avviso_tempo_determinato' }, { publish: true });
    expect((await getCallDetail(d.db, call.id, clock))!.toWholeProfession).toBe(true);
    await waitForFanout(d.db, call.id);
    const mail = await smtp.waitFor((m) => m.to.includes(it_.email));
    expect(mail.text).toContain(
      'Perché ti scriviamo: per la disciplina Privo di specializzazione non conosciamo ancora le specializzazioni ammesse: lo inviamo a tutti gli iscritti della professione Medico chirurgo.',
    );
    const english = await smtp.waitFor((m) => m.to.includes(en.email));
    expect(english.text).toContain('we do not know yet which specialisations the discipline Privo di specializzazione admits: we send it to everyone subscribed as Physician (medical doctor)');
    expect(smtp.messages.some((m) => m.to.includes(nurse.email))).toBe(false);
  });

  it('falls back too when an administrator deactivated every edge of the discipline', async () => {
    const d = rt.deps;
    const [only] = identity.get(17)!; // Medicina aeronautica e spaziale: one (older) school
    expect((await deactivateEdge(d, { id: 'admin-1', label: 'admin', role: 'admin', memberships: [] }, only!.id, { source: 'Verifica interna 3/2026' })).ok).toBe(true);
    const call = await buildCall(d, { disciplineCode: 17, title: 'Dirigente medico di Medicina aeronautica' });
    const detail = (await getCallDetail(d.db, call.id, clock))!;
    expect(detail.specialisations).toEqual([]);
    expect(detail.toWholeProfession).toBe(true);
    const doctors = await countMatches(d, (await buildCall(d, { disciplineCode: null, title: 'Medico', type: 'continuita_assistenziale' })).id);
    expect(await countMatches(d, call.id)).toBe(doctors);
    expect(doctors).toBeGreaterThan(0);
  });
});
