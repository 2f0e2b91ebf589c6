// Domain operations return values, not exceptions: thrown errors are bugs.
export type Ok<T> = { ok: true; value: T };
export type Err<E> = { ok: false; error: E };
export type Result<T, E = DomainError> = Ok<T> | Err<E>;

/** Field errors carry i18n keys (e.g. "forms.required"), translated by the web layer. */
export type FieldErrors = Record<string, string>;

export type DomainError =
  | { code: 'not_found' }
  | { code: 'forbidden' }
  | { code: 'conflict'; message?: string }
  | { code: 'invalid'; fields: FieldErrors }
  | { code: 'invalid_state'; message: string };

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });
export const notFound = (): Err<DomainError> => err({ code: 'not_found' });
export const forbidden = (): Err<DomainError> => err({ code: 'forbidden' });
export const invalid = (fields: FieldErrors): Err<DomainError> => err({ code: 'invalid', fields });
