// A record's one-step actions (publish a list, send an offer): a POST form whose only control is its
// button, which works without JavaScript; and the alert that says why such an action was refused
// (the record is in a state that forbids it: the page answers 409 with it at the top).
import type { Child } from 'hono/jsx';
import type { Ctx } from '../context.ts';
import { CsrfField } from './form.tsx';

export interface ActionFormProps {
  c: Ctx;
  /** Where the form POSTs: a path in Italian, made local to the visitor's language here. */
  action: string;
  /** The button's text, saying what it does ("Pubblica la graduatoria"). */
  label: string;
  /** Bootstrap's button style: `primary` (the default), `outline-primary`, `danger`… */
  variant?: string;
  /** The form's classes (its spacing): `mb-4` by default. */
  class?: string;
  /** Before the button: what the action will do, in a sentence. */
  children?: Child;
}

/**
 * Example: `<ActionForm c={c} action={`/admin/graduatorie/${id}/pubblica`} label="Pubblica la graduatoria" />`
 * renders `<form method="post" action="/admin/graduatorie/…/pubblica" class="mb-4"><input type="hidden" name="_csrf" …>
 * <button type="submit" class="btn btn-primary">Pubblica la graduatoria</button></form>`.
 */
export function ActionForm({ c, action, label, variant = 'primary', class: cls = 'mb-4', children }: ActionFormProps) {
  return (
    <form method="post" action={c.var.lp(action)} class={cls}>
      <CsrfField token={c.var.csrfToken} />
      {children}
      <button type="submit" class={`btn btn-${variant}`}>
        {label}
      </button>
    </form>
  );
}

/**
 * Why the last action was refused: the translation key of the domain's message (`invalid_state`),
 * or nothing. Example: `<ActionProblem c={c} message="rankings.errors.empty_list" />` renders
 * `<div class="alert alert-danger" role="alert" id="problem">La graduatoria non ha candidati.</div>`.
 */
export function ActionProblem({ c, message }: { c: Ctx; message?: string | null }) {
  return message ? (
    <div class="alert alert-danger" role="alert" id="problem">
      {c.var.t(message)}
    </div>
  ) : null;
}
