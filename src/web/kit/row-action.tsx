// The small buttons in a table row that act on that row (remove a lever, delete an availability
// rule, mark a talk done): a POST form of one button, with hidden values when one form serves several
// actions, and an accessible name that says which row it acts on when the visible text cannot.
import type { Ctx } from '../context.ts';
import { CsrfField } from './form.tsx';

export interface RowActionProps {
  c: Ctx;
  /** Where the form POSTs: a path in Italian, made local to the visitor's language here. */
  action: string;
  /** The button's visible text ("Elimina"). */
  label: string;
  /** The button's accessible name when the visible text does not name the row ("Elimina: Lunedì 09:00–12:00"). */
  name?: string;
  /** Hidden fields sent with the button (`{ status: 'done' }`). */
  hidden?: Record<string, string>;
  /** Bootstrap's button style: `outline-primary` (the default) or `outline-danger`. */
  variant?: 'outline-primary' | 'outline-danger';
}

/**
 * Example: `<RowAction c={c} action={`/admin/appuntamenti/regole/${id}/elimina`} label="Elimina" name="Elimina: Lunedì 09:00–12:00" variant="outline-danger" />`
 * renders `<form method="post" action="/admin/appuntamenti/regole/…/elimina"><input type="hidden" name="_csrf" …>
 * <button type="submit" class="btn btn-outline-danger btn-sm" aria-label="Elimina: Lunedì 09:00–12:00">Elimina</button></form>`.
 */
export function RowAction({ c, action, label, name, hidden = {}, variant = 'outline-primary' }: RowActionProps) {
  return (
    <form method="post" action={c.var.lp(action)}>
      <CsrfField token={c.var.csrfToken} />
      {Object.entries(hidden).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={`btn btn-${variant} btn-sm`} aria-label={name}>
        {label}
      </button>
    </form>
  );
}

/** A person's name in a back-office table: a link to their case when the team follows them, the name alone otherwise. */
export function CaseLink({ c, name, caseId }: { c: Ctx; name: string; caseId: string | null }) {
  return caseId ? <a href={c.var.lp(`/admin/casi/${caseId}`)}>{name}</a> : <>{name}</>;
}
