// Choosing places in a form without JavaScript: provinces as checkboxes grouped by region (each
// region a <details> that opens when one of its provinces is ticked), and comuni typed by name or
// ISTAT code in one text field whose error lists each entry that was not understood.
import type { FormState } from './form.tsx';
import { TextField } from './form.tsx';

export interface Region {
  code: string;
  name: string;
  provinces: { code: string; name: string; abbreviation: string }[];
}

const chosenOf = (s: FormState, name: string) => {
  const v = s.values[name];
  return new Set(Array.isArray(v) ? v : v ? [v] : []);
};

export interface ProvincePickerProps {
  s: FormState;
  /** The field (and the fieldset's id, which the error summary links to). */
  name: string;
  legend: string;
  hint?: string;
  regions: Region[];
  /** A region's summary when some of its provinces are ticked ("Lombardia (scelte: 2)"). */
  chosen: (region: string, n: number) => string;
  /** Each checkbox's id is `<idPrefix>-<province code>`. */
  idPrefix?: string;
}

/**
 * Example: `<ProvincePicker s={s} name="provinces" legend="Province" regions={[{ code: '04', name: 'Trentino-Alto Adige',
 * provinces: [{ code: '022', name: 'Trento', abbreviation: 'TN' }] }]} chosen={(r, n) => `${r} (${n})`} />` renders
 * `<fieldset id="provinces" class="mb-4"><legend class="h6">Province</legend><details class="region mb-2"><summary>Trentino-Alto Adige</summary>
 * <div class="ps-3 pt-2"><div class="form-check"><input type="checkbox" id="prov-022" name="provinces" value="022"/><label for="prov-022">Trento (TN)</label></div></div></details></fieldset>`.
 */
export function ProvincePicker({ s, name, legend, hint, regions, chosen, idPrefix = 'prov' }: ProvincePickerProps) {
  const ticked = chosenOf(s, name);
  const error = s.errors[name];
  const describedBy = [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset id={name} class="mb-4" aria-describedby={describedBy}>
      <legend class="h6">{legend}</legend>
      {hint ? (
        <p id={`${name}-hint`} class="form-text small">
          {hint}
        </p>
      ) : null}
      {error ? (
        <div id={`${name}-error`} class="field-error mt-1">
          {s.t(error)}
        </div>
      ) : null}
      {regions.map((r) => {
        const n = r.provinces.filter((p) => ticked.has(p.code)).length;
        return (
          <details class="region mb-2" open={n > 0}>
            <summary>{n ? chosen(r.name, n) : r.name}</summary>
            <div class="ps-3 pt-2">
              {r.provinces.map((p) => (
                <div class="form-check">
                  <input type="checkbox" id={`${idPrefix}-${p.code}`} name={name} value={p.code} checked={ticked.has(p.code)} />
                  <label for={`${idPrefix}-${p.code}`}>{`${p.name} (${p.abbreviation})`}</label>
                </div>
              ))}
            </div>
          </details>
        );
      })}
    </fieldset>
  );
}

export interface ComuniFieldProps {
  s: FormState;
  name: string;
  label: string;
  hint?: string;
  /** One translated sentence per entry not understood («Paperopoli»: no such comune), listed inside the field's error. */
  problems: string[];
  maxLength?: number;
  /** The wrapper's margin classes. */
  spacing?: string;
}

/**
 * Example: `<ComuniField s={s} name="comuni" label="Comuni" problems={['«Paperopoli»: non esiste un comune con questo nome.']} />`
 * renders the text field (`autocomplete="off"`) and, when the field has an error, `<ul class="mb-0"><li>«Paperopoli»: …</li></ul>` inside it.
 */
export function ComuniField({ s, name, label, hint, problems, maxLength = 2000, spacing }: ComuniFieldProps) {
  return (
    <TextField
      s={s}
      name={name}
      label={label}
      hint={hint}
      maxLength={maxLength}
      autocomplete="off"
      spacing={spacing}
      errorDetail={
        problems.length ? (
          <ul class="mb-0">
            {problems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        ) : null
      }
    />
  );
}
