// Form parsing with zod: messages are i18n keys ("forms.required"), translated where shown.
// Parsing never throws on user input: over-long or malformed values become field errors.
import { z } from 'zod';
import type { FieldErrors } from '../result.ts';

export type FormValues = Record<string, string | string[]>;

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: FormValues };

/** Normalises a parsed body (Hono parseBody({ all: true })): trims strings, drops files and _csrf. */
export function formValues(body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string').map((x) => x.trim());
    else if (typeof v === 'string') out[k] = v.trim();
  }
  return out;
}

export function parseForm<S extends z.ZodType>(schema: S, values: FormValues): Parsed<z.output<S>> {
  const r = schema.safeParse(values);
  if (r.success) return { ok: true, data: r.data };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_form';
    if (!errors[key]) errors[key] = issue.message.includes('.') ? issue.message : 'common.forms.invalid_choice';
  }
  return { ok: false, errors, values };
}

// Reusable field schemas. Empty strings from forms mean "not given".
const emptyToUndef = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const f = {
  text: (max = 200) => z.string({ error: 'common.forms.required' }).trim().min(1, 'common.forms.required').max(max, 'common.forms.too_long'),
  optionalText: (max = 200) => z.preprocess(emptyToUndef, z.string().trim().max(max, 'common.forms.too_long').optional()),
  email: () => z.string({ error: 'common.forms.required' }).trim().min(1, 'common.forms.required').max(254, 'common.forms.too_long').pipe(z.email('common.forms.invalid_email')),
  optionalEmail: () => z.preprocess(emptyToUndef, z.string().trim().max(254, 'common.forms.too_long').pipe(z.email('common.forms.invalid_email')).optional()),
  /** https only: hono/jsx escapes attributes but not javascript: URLs. */
  httpsUrl: () =>
    z.preprocess(
      emptyToUndef,
      z
        .string()
        .trim()
        .max(2000, 'common.forms.too_long')
        .refine((v) => {
          try {
            const u = new URL(v);
            return u.protocol === 'https:' && !!u.hostname;
          } catch {
            return false;
          }
        }, 'common.forms.invalid_url')
        .optional(),
    ),
  int: (min: number, max: number) =>
    z.preprocess(
      (v) => (typeof v === 'string' && /^-?\d{1,9}$/.test(v.trim()) ? Number(v) : v === '' || v === undefined ? undefined : NaN),
      z.number({ error: 'common.forms.invalid_number' }).int('common.forms.invalid_number').min(min, 'common.forms.invalid_number').max(max, 'common.forms.invalid_number'),
    ),
  date: () => z.string({ error: 'common.forms.required' }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'common.forms.invalid_date'),
  time: () => z.string({ error: 'common.forms.required' }).trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'common.forms.invalid_time'),
  choice: <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: 'common.forms.invalid_choice' }),
  optionalChoice: <T extends readonly [string, ...string[]]>(values: T) => z.preprocess(emptyToUndef, z.enum(values, { error: 'common.forms.invalid_choice' }).optional()),
  /** A multi-value field (checkboxes, multi-select) as an array. */
  many: (item: z.ZodType<string> = z.string().max(200, 'common.forms.too_long'), max = 200) =>
    z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : v === '' ? [] : [v]), z.array(item).max(max, 'common.forms.too_long')),
  checkbox: () => z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean()),
};
