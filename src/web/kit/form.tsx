// Accessible form fields in the Bootstrap Italia style: label, hint, error tied by aria-describedby.
import type { Child } from 'hono/jsx';
import type { Translator } from '../../platform/i18n/index.ts';
import type { FieldErrors } from '../../platform/result.ts';
import type { FormValues } from '../../platform/forms/index.ts';

export interface FormState {
  values: FormValues;
  errors: FieldErrors;
  t: Translator;
}

const val = (s: FormState, name: string) => {
  const v = s.values[name];
  return Array.isArray(v) ? v[0] ?? '' : v ?? '';
};
/** The ids of the hint and of the error, after the control's id (its name unless given). */
const describedBy = (s: FormState, name: string, hint?: string, id = name) =>
  [hint ? `${id}-hint` : null, s.errors[name] ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

function Message({ s, name, hint, detail, id = name }: { s: FormState; name: string; hint?: string; detail?: Child; id?: string }) {
  return (
    <>
      {hint ? (
        <small id={`${id}-hint`} class="form-text">
          {hint}
        </small>
      ) : null}
      {s.errors[name] ? (
        <div id={`${id}-error`} class="field-error mt-1">
          {s.t(s.errors[name])}
          {detail}
        </div>
      ) : null}
    </>
  );
}

export interface FieldProps {
  s: FormState;
  name: string;
  label: string;
  type?: string;
  required?: boolean;
  hint?: string;
  maxLength?: number;
  autocomplete?: string;
  value?: string;
  /** More about the error (e.g. the list of entries not understood), inside the error message. */
  errorDetail?: Child;
  /** The wrapper's margin classes, when the default spacing does not suit the form. */
  spacing?: string;
  /**
   * The control's id when it must differ from its name: a form embedded in a page that has other
   * forms with the same field names (`id="lead-email"`, name `email`). Hint and error ids follow it.
   */
  id?: string;
}

export function TextField({ s, name, label, type = 'text', required, hint, maxLength, autocomplete, value, errorDetail, spacing = 'mb-4', id = name }: FieldProps) {
  const invalid = !!s.errors[name];
  return (
    <div class={`form-group ${spacing}`}>
      <label for={id} class="active">
        {label}
        {required ? ' *' : ''}
      </label>
      <input
        type={type}
        id={id}
        name={name}
        class={invalid ? 'form-control is-invalid' : 'form-control'}
        value={value ?? val(s, name)}
        required={required}
        maxlength={maxLength}
        autocomplete={autocomplete}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(s, name, hint, id)}
      />
      <Message s={s} name={name} hint={hint} detail={errorDetail} id={id} />
    </div>
  );
}

export function TextArea({ s, name, label, required, hint, maxLength, rows = 6, id = name }: FieldProps & { rows?: number }) {
  const invalid = !!s.errors[name];
  return (
    <div class="form-group mb-4">
      <label for={id} class="active">
        {label}
        {required ? ' *' : ''}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        class={invalid ? 'form-control is-invalid' : 'form-control'}
        required={required}
        maxlength={maxLength}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(s, name, hint, id)}
      >
        {val(s, name)}
      </textarea>
      <Message s={s} name={name} hint={hint} id={id} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** Options under a heading (an `<optgroup>`): the disciplines of each profession. */
export interface OptionGroup {
  label: string;
  options: Option[];
}

/** The `<option>`s of a select: the empty one, the plain ones, then each group (also an htmx fragment). */
export function selectOptions({ options, groups = [], empty, selected }: { options: Option[]; groups?: OptionGroup[]; empty?: string; selected: ReadonlySet<string> }) {
  const one = (o: Option) => (
    <option value={o.value} selected={selected.has(o.value)}>
      {o.label}
    </option>
  );
  return (
    <>
      {empty !== undefined ? <option value="">{empty}</option> : null}
      {options.map(one)}
      {groups.map((g) => (
        <optgroup label={g.label}>{g.options.map(one)}</optgroup>
      ))}
    </>
  );
}

export function SelectField({
  s,
  name,
  label,
  options,
  required,
  hint,
  empty,
  multiple,
  id = name,
  groups = [],
  attrs,
}: FieldProps & {
  options: Option[];
  empty?: string;
  multiple?: boolean;
  /** Options under a heading each (`<optgroup>`), after the plain ones. */
  groups?: OptionGroup[];
  /** Further attributes of the select (htmx: `data-hx-get`, `data-hx-target`…). */
  attrs?: Record<string, string>;
}) {
  const invalid = !!s.errors[name];
  const current = s.values[name];
  const selected = new Set(Array.isArray(current) ? current : current ? [current] : []);
  return (
    <div class="select-wrapper mb-4">
      <label for={id}>
        {label}
        {required ? ' *' : ''}
      </label>
      <select
        id={id}
        name={name}
        class={invalid ? 'is-invalid' : undefined}
        // A select without an empty first option always has a value; HTML forbids `required` there.
        required={required && (multiple || empty !== undefined)}
        multiple={multiple}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(s, name, hint, id)}
        {...attrs}
      >
        {selectOptions({ options, groups, empty: multiple ? undefined : empty, selected })}
      </select>
      <Message s={s} name={name} hint={hint} id={id} />
    </div>
  );
}

/**
 * Several choices among a few, as checkboxes in a fieldset: legend, each box with its label (id `<name>-<index>`),
 * the hint and the error tied to the fieldset. Example: src/web/kit/catalogue.tsx (`checkbox-group`).
 */
export function CheckboxGroup({ s, name, legend, options, hint }: { s: FormState; name: string; legend: string; options: Option[]; hint?: string }) {
  const current = s.values[name];
  const selected = new Set(Array.isArray(current) ? current : current ? [current] : []);
  return (
    <fieldset class="mb-4" aria-describedby={describedBy(s, name, hint)}>
      <legend class="h6">{legend}</legend>
      {options.map((o, i) => (
        <div class="form-check">
          <input type="checkbox" id={`${name}-${i}`} name={name} value={o.value} checked={selected.has(o.value)} />
          <label for={`${name}-${i}`}>{o.label}</label>
        </div>
      ))}
      <Message s={s} name={name} hint={hint} />
    </fieldset>
  );
}

export interface RadioGroupProps {
  s: FormState;
  /** The field's name; each radio's id is `<name>-<value>` (the error summary links to the first). */
  name: string;
  legend: string;
  /** The choices; `lang` marks a label written in another language (a language's own name). */
  options: (Option & { lang?: string })[];
  /** Under the legend, tied to the group by aria-describedby. */
  hint?: string;
}

/**
 * One choice among a few, as radios in a fieldset: legend, hint, the radios, the error.
 * Example: `<RadioGroup s={s} name="frequency" legend="Frequenza" options={[{ value: 'weekly', label: 'Ogni settimana' }]} />`
 * renders `<fieldset class="mb-4"><legend class="h6">Frequenza</legend><div class="form-check"><input type="radio"
 * id="frequency-weekly" name="frequency" value="weekly"/><label for="frequency-weekly">Ogni settimana</label></div></fieldset>`.
 */
export function RadioGroup({ s, name, legend, options, hint }: RadioGroupProps) {
  const current = val(s, name);
  return (
    <fieldset class="mb-4" aria-describedby={describedBy(s, name, hint)}>
      <legend class="h6">{legend}</legend>
      {hint ? (
        <p id={`${name}-hint`} class="form-text small">
          {hint}
        </p>
      ) : null}
      {options.map((o) => (
        <div class="form-check">
          <input type="radio" id={`${name}-${o.value}`} name={name} value={o.value} checked={current === o.value} />
          <label for={`${name}-${o.value}`} lang={o.lang}>
            {o.label}
          </label>
        </div>
      ))}
      <Message s={s} name={name} />
    </fieldset>
  );
}

/**
 * The list of errors at the top of a form, linking to each field (WCAG 3.3.1): `labels` names the fields
 * (by their ids); the form's own error (`_form`) is said without a link. Example: src/web/kit/catalogue.tsx (`error-summary`).
 */
export function ErrorSummary({ s, labels }: { s: FormState; labels: Record<string, string> }) {
  const entries = Object.entries(s.errors);
  if (!entries.length) return null;
  return (
    <div class="alert alert-danger" role="alert" tabindex={-1} id="error-summary">
      <p class="fw-semibold mb-1">{s.t('common.forms.errors_summary', { count: entries.length })}</p>
      <ul class="mb-0">
        {entries.map(([k, v]) => (
          <li>
            {k === '_form' ? s.t(v) : <a href={`#${k}`}>{`${labels[k] ?? k}: ${s.t(v)}`}</a>}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function FormActions({ children }: { children?: Child }) {
  return <div class="d-flex gap-2 flex-wrap mt-4">{children}</div>;
}

/** A required file input with its limits as hint and a (translated) error tied to it by id. */
export function FileField({ label, accept, hint, error }: { label: string; accept: string; hint: string; error?: string | null }) {
  return (
    <div class="form-group mb-4">
      <label for="file" class="active">
        {label} *
      </label>
      <input
        type="file"
        id="file"
        name="file"
        accept={accept}
        class={error ? 'form-control is-invalid' : 'form-control'}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'file-hint file-error' : 'file-hint'}
      />
      <small id="file-hint" class="form-text">
        {hint}
      </small>
      {error ? (
        <div id="file-error" class="field-error mt-1">
          {error}
        </div>
      ) : null}
    </div>
  );
}
