// The shape of a call as staff write it, shared by the back-office form, the CSV/XLSX import and
// the API, and the checks against reference data that every entry point must pass.
import { z } from 'zod';
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { FieldErrors } from '../../platform/result.ts';
import { CALL_TYPES, CONTRACT_HOURS, CONTRACT_TERMS } from './tables.ts';
import { organisations } from '../organisations/index.ts';
import { comuni, disciplines, professions, specialisations, RELATION_KINDS } from '../reference/index.ts';

const req = 'common.forms.required';
const tooLong = 'common.forms.too_long';
const optional = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().trim().max(max, tooLong).nullable().optional());

export const httpsUrl = z
  .string()
  .trim()
  .max(2000, tooLong)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'https:' && !!u.hostname && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'common.forms.invalid_url');

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const callInputSchema = z.object({
  title: z.string({ error: req }).trim().min(1, req).max(300, tooLong),
  slug: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(120, tooLong).regex(SLUG_RE, 'calls.errors.slug_format').optional(),
  ),
  type: z.enum(CALL_TYPES, { error: 'common.forms.invalid_choice' }),
  employerId: z.uuid({ error: 'common.forms.invalid_choice' }),
  professionCode: z.string({ error: req }).trim().min(1, req).max(100, tooLong),
  disciplineCode: z.number().int().positive().nullable().optional(),
  posts: z.number({ error: 'common.forms.invalid_number' }).int('common.forms.invalid_number').min(1, 'common.forms.invalid_number').max(10000, 'common.forms.invalid_number'),
  contractTerm: z.enum(CONTRACT_TERMS, { error: 'common.forms.invalid_choice' }),
  contractHours: z.enum(CONTRACT_HOURS, { error: 'common.forms.invalid_choice' }),
  workplaces: z.array(z.string().trim().regex(/^\d{6}$/, 'calls.errors.comune_unknown')).max(200, tooLong).default([]),
  /** null: propose from the relation graph (same, equipollent, affine). */
  specialisations: z
    .array(z.object({ code: z.string().trim().min(1).max(120), kind: z.enum(RELATION_KINDS) }))
    .max(300, tooLong)
    .nullable()
    .default(null),
  descriptionMd: z.string().max(20000, tooLong).default(''),
  requirementsMd: z.string().max(20000, tooLong).default(''),
  publishAt: z.date().nullable().default(null),
  deadline: z.date().nullable().default(null),
  officialRef: optional(300),
  applicationUrl: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), httpsUrl.nullable().optional()),
  contactName: optional(200),
  contactEmail: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z.string().trim().max(254, tooLong).pipe(z.email('common.forms.invalid_email')).nullable().optional(),
  ),
  contactPhone: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z.string().trim().max(40, tooLong).regex(/^[+\d][\d\s./-]{3,39}$/, 'calls.errors.phone_format').nullable().optional(),
  ),
});

export type CallInput = z.output<typeof callInputSchema>;
export type CallInputRaw = z.input<typeof callInputSchema>;

export function parseCallInput(raw: unknown): { ok: true; value: CallInput } | { ok: false; fields: FieldErrors } {
  const r = callInputSchema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const fields: FieldErrors = {};
  for (const i of r.error.issues) {
    const k = i.path.length ? String(i.path[0]) : '_form';
    fields[k] ??= i.message.includes('.') ? i.message : 'common.forms.invalid_choice';
  }
  return { ok: false, fields };
}

/** Checks against the database: employer, profession/discipline pairing, comuni, specialisations. */
export async function checkReferences(q: DbOrTx, input: CallInput): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const [emp] = await q.select({ isEmployer: organisations.isEmployer }).from(organisations).where(eq(organisations.id, input.employerId));
  if (!emp || !emp.isEmployer) errors.employerId = 'calls.errors.employer_unknown';
  const [prof] = await q.select({ hasDisciplines: professions.hasDisciplines }).from(professions).where(eq(professions.code, input.professionCode));
  if (!prof) errors.professionCode = 'calls.errors.profession_unknown';
  if (input.disciplineCode != null) {
    const [d] = await q
      .select({ code: disciplines.code })
      .from(disciplines)
      .where(and(eq(disciplines.code, input.disciplineCode), eq(disciplines.professionCode, input.professionCode)));
    if (!d) errors.disciplineCode = 'calls.errors.discipline_mismatch';
  } else if (prof?.hasDisciplines && (input.type === 'concorso_pubblico' || input.type === 'avviso_tempo_determinato')) {
    errors.disciplineCode = 'calls.errors.discipline_required';
  }
  if (input.workplaces.length) {
    const found = await q.select({ code: comuni.code }).from(comuni).where(inArray(comuni.code, input.workplaces));
    if (found.length !== new Set(input.workplaces).size) errors.workplaces = 'calls.errors.comune_unknown';
  }
  if (input.specialisations?.length) {
    const codes = [...new Set(input.specialisations.map((s) => s.code))];
    const found = await q.select({ code: specialisations.code }).from(specialisations).where(inArray(specialisations.code, codes));
    if (found.length !== codes.length) errors.specialisations = 'calls.errors.specialisation_unknown';
  }
  if (input.publishAt && input.deadline && input.deadline <= input.publishAt) errors.deadline = 'calls.errors.deadline_before_publish';
  return errors;
}

/** What publishing needs beyond a valid draft. */
export function publishProblems(c: { deadline: Date | null; applicationUrl: string | null; publishAt: Date | null }, now: Date): FieldErrors {
  const errors: FieldErrors = {};
  if (!c.deadline) errors.deadline = 'calls.errors.deadline_required';
  else if (c.deadline <= (c.publishAt && c.publishAt > now ? c.publishAt : now)) errors.deadline = 'calls.errors.deadline_past';
  if (!c.applicationUrl) errors.applicationUrl = 'calls.errors.application_url_required';
  return errors;
}
