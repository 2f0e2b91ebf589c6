// The one shape of every form POST (docs/architecture.md, "A request, end to end"): read the
// form → call ONE domain operation with the actor → 303 to a page with a flash on success, the
// same page again with the errors at the fields and status 422 when the input is wrong, the error
// page otherwise. Pages say only what differs.
import type { Handler } from 'hono';
import type { AppEnv, Ctx } from '../context.ts';
import { formValues, type FormValues } from '../../platform/forms/index.ts';
import type { FieldErrors, Result } from '../../platform/result.ts';
import type { FormState } from './form.tsx';
import { errorResponse } from './guard.tsx';

/** A domain error as operations return them: the `invalid` ones carry field errors. */
type AnyError = { code: string; fields?: FieldErrors; message?: string };

export interface FormPost<T> {
  /** The operation, given the trimmed form values (files and the CSRF token left out). */
  run: (c: Ctx, values: FormValues) => Promise<Result<T, AnyError>>;
  /**
   * Where to go on success: a path in the site's language, usually with `?esito=<flash>`. Or, for a
   * result shown once and never put in a URL (a booking link made for someone), the page itself.
   */
  done: (c: Ctx, value: T, values: FormValues) => string | Response | Promise<Response>;
  /**
   * The page again, with what was typed and the errors at the fields (the helper sends 422). Without
   * it, a form that has no fields to correct (hidden ids, a confirmation) answers `invalid` with 404.
   */
  invalid?: (c: Ctx, form: FormState, error: AnyError) => Response | Promise<Response>;
  /** Other domain errors the page shows itself (a conflict, a state that forbids the move); `invalid` never reaches it when the page has `invalid`. */
  other?: (c: Ctx, error: AnyError, values: FormValues) => Response | Promise<Response> | null;
}

/** The form's state for re-rendering: values as typed, errors as i18n keys. */
export const formState = (c: Ctx, values: FormValues = {}, errors: FieldErrors = {}): FormState => ({ values, errors, t: c.var.t });

/** Reads a POST body into form values (multi-valued fields as arrays). */
async function readForm(c: Ctx): Promise<FormValues> {
  return formValues(await c.req.parseBody({ all: true }));
}

/** The handler of a form POST. */
export function formPost<T>(def: FormPost<T>): Handler<AppEnv> {
  return async (c) => {
    const values = await readForm(c);
    const r = await def.run(c, values);
    if (r.ok) {
      const done = await def.done(c, r.value, values);
      return typeof done === 'string' ? c.redirect(done, 303) : done;
    }
    if (r.error.code === 'invalid' && def.invalid) {
      const res = await def.invalid(c, formState(c, values, r.error.fields ?? {}), r.error);
      // The page could not be drawn again (its record went meanwhile): that answer stands as it is.
      return res.status === 200 ? new Response(res.body, { status: 422, headers: res.headers }) : res;
    }
    const other = await def.other?.(c, r.error, values);
    if (other) return other;
    return errorResponse(c, r.error);
  };
}

/** One field's value as one string ('' when absent; the first when the field came more than once). */
export const oneValue = (values: FormValues, name: string): string => {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};

/** Every value of a field that may come more than once (ticked checkboxes): [] when none. */
export const allValues = (values: FormValues, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
};

/** A path in the visitor's language with a flash key the page knows (`?esito=`). */
export const withFlash = (c: Ctx, path: string, flashKey: string) => `${c.var.lp(path)}?esito=${encodeURIComponent(flashKey)}`;

/**
 * The same result with its field errors under the page's names: two forms on one page need distinct
 * ids (`{ source: 'deactivateSource' }`), or a field is named differently on the page than in the domain.
 */
export function renameFields<T, E extends AnyError>(r: Result<T, E>, names: Record<string, string>): Result<T, E> {
  if (r.ok || !r.error.fields) return r;
  const fields = Object.fromEntries(Object.entries(r.error.fields).map(([k, v]) => [names[k] ?? k, v]));
  return { ok: false, error: { ...r.error, fields } };
}
