// The "leave your references" form as the domain reads it: one zod schema for the public page and
// the embedded forms, then checks against the reference data (profession, specialisation).
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { f } from '../../platform/forms/index.ts';
import { cleanSource, pickUtm } from '../../platform/consent/index.ts';
import type { FieldErrors } from '../../platform/result.ts';
import { professions, specialisations } from '../reference/index.ts';
import { PREFERRED_TIMES } from './tables.ts';

export const MESSAGE_MAX = 2000;

const emptyToUndef = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A loose international number: digits with spaces, dots, dashes, brackets, an optional leading +. */
const PHONE = /^\+?[\d\s().\/-]{6,30}$/;

export const leadSchema = z.object({
  name: f.text(200),
  email: f.email(),
  phone: z.preprocess(
    emptyToUndef,
    z
      .string()
      .trim()
      .max(30, 'common.forms.too_long')
      .refine((v) => PHONE.test(v) && (v.match(/\d/g) ?? []).length >= 6, 'leads.errors.phone')
      .optional(),
  ),
  professionCode: z.string({ error: 'common.forms.required' }).trim().min(1, 'common.forms.required').max(80, 'common.forms.invalid_choice'),
  specialisationCode: z.preprocess(emptyToUndef, z.string().trim().max(120, 'common.forms.invalid_choice').optional()),
  message: z.preprocess((v) => v ?? '', z.string({ error: 'common.forms.invalid_choice' }).trim().max(MESSAGE_MAX, 'leads.errors.message_too_long')),
  preferredTime: z.preprocess((v) => (v === undefined || v === '' ? 'any' : v), f.choice(PREFERRED_TIMES)),
  consent: z.preprocess((v) => v === 'on' || v === 'true' || v === '1' || v === true, z.literal(true, { error: 'leads.errors.consent_required' })),
  /** The closed call whose page the form was on; an unknown slug is dropped, not an error. */
  callSlug: z.preprocess((v) => (typeof v === 'string' && /^[a-z0-9-]{1,120}$/.test(v) ? v : undefined), z.string().optional()),
  source: z.preprocess((v) => cleanSource(v) ?? undefined, z.string().optional()),
});

export type LeadInput = z.output<typeof leadSchema> & { utm: Record<string, string> | null };

/** Parses raw form values (or an object); never throws on user input. */
export function parseLeadInput(raw: unknown): { ok: true; value: LeadInput } | { ok: false; fields: FieldErrors } {
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const r = leadSchema.safeParse(obj);
  if (!r.success) {
    const fields: FieldErrors = {};
    for (const issue of r.error.issues) {
      const key = issue.path.length ? String(issue.path[0]) : '_form';
      if (!fields[key]) fields[key] = issue.message.includes('.') ? issue.message : 'common.forms.invalid_choice';
    }
    return { ok: false, fields };
  }
  const utm = pickUtm((k) => (typeof obj[k] === 'string' ? (obj[k] as string) : undefined));
  return { ok: true, value: { ...r.data, email: r.data.email.toLowerCase(), utm } };
}

/** Profession and specialisation must name rows of the reference data. */
export async function checkLeadReferences(q: DbOrTx, input: Pick<LeadInput, 'professionCode' | 'specialisationCode'>): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const [p] = await q.select({ code: professions.code }).from(professions).where(eq(professions.code, input.professionCode));
  if (!p) errors.professionCode = 'common.forms.invalid_choice';
  if (input.specialisationCode) {
    const [s] = await q.select({ code: specialisations.code }).from(specialisations).where(eq(specialisations.code, input.specialisationCode));
    if (!s) errors.specialisationCode = 'common.forms.invalid_choice';
  }
  return errors;
}
