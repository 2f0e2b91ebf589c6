// The alert sign-up and preferences form: what a professional tells us, validated against the
// reference data (profession, specialisations, provinces, comuni, call types).
import { z } from 'zod';
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { f } from '../../platform/forms/index.ts';
import { ok, invalid, type Result, type DomainError } from '../../platform/result.ts';
import { CALL_TYPES } from '../calls/index.ts';
import { comuni, professions, provinces, specialisations } from '../reference/index.ts';
import { FREQUENCIES, type SubscriptionPrefs } from './tables.ts';

export const MAX_SPECIALISATIONS = 5;
export const MAX_AREAS = 30;

const code = z.string().trim().max(20, 'common.forms.too_long');

/** A specialisation held ("<code>") or in training in a given year ("<code>@<year>", residents). */
const heldOrTraining = z.string().trim().regex(/^[\w.-]{1,80}(@[1-6])?$/, 'common.forms.invalid_choice');

export const prefsSchema = z.object({
  name: f.text(120),
  professionCode: f.text(20),
  specialisations: f.many(heldOrTraining, MAX_SPECIALISATIONS),
  provinces: f.many(code, MAX_AREAS),
  comuni: f.many(code, MAX_AREAS),
  callTypes: f.many(f.choice(CALL_TYPES), CALL_TYPES.length),
  alsoRelated: f.checkbox(),
  frequency: f.choice(FREQUENCIES),
  locale: f.choice(['it', 'en'] as const),
});

export const signupSchema = prefsSchema.extend({
  email: f.email(),
  consent: f.checkbox().refine((v) => v, 'alerts.errors.consent_required'),
});

export type PrefsForm = z.output<typeof prefsSchema>;

/** Turns the parsed form into stored preferences, checking every code against the reference data. */
export async function resolvePrefs(db: DbOrTx, form: PrefsForm): Promise<Result<SubscriptionPrefs, DomainError>> {
  const errors: Record<string, string> = {};
  const [prof] = await db.select({ code: professions.code }).from(professions).where(eq(professions.code, form.professionCode));
  if (!prof) errors.professionCode = 'common.forms.invalid_choice';
  const held = new Map<string, number | null>();
  for (const v of form.specialisations) {
    const [c, year] = v.split('@');
    if (!held.has(c!) || year) held.set(c!, year ? Number(year) : null);
  }
  const specCodes = [...held.keys()];
  if (specCodes.length) {
    const found = await db.select({ code: specialisations.code }).from(specialisations).where(inArray(specialisations.code, specCodes));
    if (found.length !== specCodes.length) errors.specialisations = 'common.forms.invalid_choice';
  }
  const provCodes = [...new Set(form.provinces)];
  if (provCodes.length) {
    const found = await db.select({ code: provinces.code }).from(provinces).where(inArray(provinces.code, provCodes));
    if (found.length !== provCodes.length) errors.provinces = 'common.forms.invalid_choice';
  }
  const comuneCodes = [...new Set(form.comuni)];
  if (comuneCodes.length) {
    const found = await db.select({ code: comuni.code }).from(comuni).where(inArray(comuni.code, comuneCodes));
    if (found.length !== comuneCodes.length) errors.comuni = 'alerts.errors.comune_unknown';
  }
  if (Object.keys(errors).length) return invalid(errors);
  return ok({
    name: form.name,
    professionCode: form.professionCode,
    specialisations: specCodes.map((c) => ({ code: c, inTraining: held.get(c) != null, trainingYear: held.get(c) ?? null })),
    provinces: provCodes,
    comuni: comuneCodes,
    callTypes: [...new Set(form.callTypes)],
    alsoRelated: form.alsoRelated,
    frequency: form.frequency,
    locale: form.locale,
  });
}
