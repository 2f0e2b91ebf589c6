// Field helpers like the kit's (src/web/kit/form.tsx), with an id prefix: an embedded lead form
// shares its page with other forms (the /bandi filters, the alert sign-up) whose fields have the
// same names, so its ids must differ while its names stay those the domain reads.
import type { FormState } from '../../kit/form.tsx';
import { oneValue } from '../../kit/post.ts';

const describedBy = (s: FormState, id: string, name: string, hint?: string) =>
  [hint ? `${id}-hint` : null, s.errors[name] ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

function Help({ s, id, name, hint }: { s: FormState; id: string; name: string; hint?: string }) {
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
        </div>
      ) : null}
    </>
  );
}

export interface FieldOpts {
  s: FormState;
  /** The prefix of the field's id (its name stays as given). */
  p: string;
  name: string;
  label: string;
  required?: boolean;
  hint?: string;
}

/** The attributes every control shares: id, name, the invalid state and what describes it. */
const control = ({ s, p, name, hint }: FieldOpts) => ({
  id: p + name,
  name,
  'aria-invalid': s.errors[name] ? 'true' : undefined,
  'aria-describedby': describedBy(s, p + name, name, hint),
});

function Label({ o, active }: { o: FieldOpts; active?: boolean }) {
  return (
    <label for={o.p + o.name} class={active ? 'active' : undefined}>
      {o.label}
      {o.required ? ' *' : ''}
    </label>
  );
}

export function Input(o: FieldOpts & { type?: string; maxLength?: number; autocomplete?: string }) {
  const { s, name, required, type = 'text', maxLength, autocomplete } = o;
  return (
    <div class="form-group mb-4">
      <Label o={o} active />
      <input
        type={type}
        {...control(o)}
        class={s.errors[name] ? 'form-control is-invalid' : 'form-control'}
        value={oneValue(s.values, name)}
        required={required}
        maxlength={maxLength}
        autocomplete={autocomplete}
      />
      <Help s={s} id={o.p + name} name={name} hint={o.hint} />
    </div>
  );
}

export function Select(o: FieldOpts & { options: { value: string; label: string }[]; empty?: string }) {
  const { s, name, required, options, empty } = o;
  const current = oneValue(s.values, name);
  return (
    <div class="select-wrapper mb-4">
      <Label o={o} />
      <select {...control(o)} class={s.errors[name] ? 'is-invalid' : undefined} required={required && empty !== undefined}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((x) => (
          <option value={x.value} selected={current === x.value}>
            {x.label}
          </option>
        ))}
      </select>
      <Help s={s} id={o.p + name} name={name} hint={o.hint} />
    </div>
  );
}

export function Area(o: FieldOpts & { rows: number; maxLength: number }) {
  const { s, name } = o;
  return (
    <div class="form-group mb-4">
      <Label o={{ ...o, required: false }} active />
      <textarea {...control(o)} rows={o.rows} class={s.errors[name] ? 'form-control is-invalid' : 'form-control'} maxlength={o.maxLength}>
        {oneValue(s.values, name)}
      </textarea>
      <Help s={s} id={o.p + name} name={name} hint={o.hint} />
    </div>
  );
}
