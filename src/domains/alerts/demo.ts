// The demo's talent pool: four subscribers with demo names at demo.approdo.example, confirmed
// without the mail round trip (createConfirmedSubscriber, labelled demo). They exist before the
// demo calls open (the calls seed runs after this one), so the outbox shows real alerts with their
// reasons. A second run finds them by address and adds nothing.
import { inArray } from 'drizzle-orm';
import type { DemoContext } from '../../platform/manifest.ts';
import { createConfirmedSubscriber } from './subscriptions.ts';
import { alertSubscribers, type SubscriptionPrefs } from './tables.ts';

export const DEMO_SUBSCRIBERS: readonly { email: string; prefs: SubscriptionPrefs }[] = [
  {
    email: 'geriatra.demo@demo.approdo.example',
    prefs: { name: 'Paola Demo (geriatra)', professionCode: 'medico_chirurgo', specialisations: [{ code: 'geriatria', inTraining: false, trainingYear: null }], provinces: ['022'], comuni: [], callTypes: [], alsoRelated: true, frequency: 'immediate', locale: 'it' },
  },
  {
    email: 'mau.specializzando.demo@demo.approdo.example',
    prefs: { name: 'Luca Demo (specializzando)', professionCode: 'medico_chirurgo', specialisations: [{ code: 'medicina-d-emergenza-urgenza', inTraining: true, trainingYear: 4 }], provinces: [], comuni: [], callTypes: [], alsoRelated: true, frequency: 'weekly', locale: 'it' },
  },
  {
    email: 'nurse.demo@demo.approdo.example',
    prefs: { name: 'Anna Demo (nurse)', professionCode: 'infermiere', specialisations: [], provinces: [], comuni: ['022205', '022161'], callTypes: [], alsoRelated: true, frequency: 'immediate', locale: 'en' },
  },
  {
    email: 'ostetrica.demo@demo.approdo.example',
    prefs: { name: 'Sara Demo (ostetrica)', professionCode: 'ostetrica', specialisations: [], provinces: [], comuni: [], callTypes: ['concorso_pubblico'], alsoRelated: true, frequency: 'immediate', locale: 'it' },
  },
];

export async function seedAlertsDemo(ctx: DemoContext): Promise<void> {
  const { deps } = ctx;
  const there = await deps.db
    .select({ email: alertSubscribers.email })
    .from(alertSubscribers)
    .where(inArray(alertSubscribers.email, DEMO_SUBSCRIBERS.map((d) => d.email)));
  const known = new Set(there.map((r) => r.email));
  for (const d of DEMO_SUBSCRIBERS) {
    if (!known.has(d.email)) await createConfirmedSubscriber(deps, d.email, d.prefs, { isDemo: true, source: 'demo' });
  }
}
