// Asking before an action that cannot be undone (erasing a person's data, cancelling a meeting):
// the section of a record's page that leads to the question, and the page that asks it — what will
// happen, then one POST button (which works without JavaScript) and a way back that does nothing.
import type { Child } from 'hono/jsx';
import type { Ctx } from '../context.ts';
import { AdminLayout, type AdminLayoutProps } from '../layouts/AdminLayout.tsx';
import { CsrfField, FormActions } from './form.tsx';

/** A link shown as a page element: a path in Italian (made local to the visitor's language) and its text. */
export interface PageLink {
  href: string;
  label: string;
}

export interface ConfirmPageProps {
  c: Ctx;
  /** The page's title and heading, as a question ("Erase the data of Ada Rossi?"). */
  title: string;
  /** A link above the heading, back to the record. */
  back?: PageLink;
  /** What will happen: paragraphs, lists, sections. */
  children?: Child;
  /** Where the confirmation POSTs. */
  action: string;
  /** Inside the form, before the warning: choices that shape the action (checkboxes). */
  fields?: Child;
  /** Said in bold just above the button ("This cannot be undone."). */
  warning?: string;
  /** The button's text, saying what it does ("Yes, erase for good"). */
  submit: string;
  /** A button-looking link beside it that leaves without doing anything. */
  cancel?: PageLink;
  /** The area's shell: the back office's by default. */
  layout?: (props: AdminLayoutProps) => unknown;
}

/**
 * Example: `<ConfirmPage c={c} title="Erase Ada's data?" action="/admin/contatti/…/cancella" warning="It cannot be undone."
 * submit="Yes, erase" cancel={{ href: '/admin/contatti/…', label: 'Cancel' }}><p>What goes…</p></ConfirmPage>`.
 */
export function ConfirmPage({ c, title, back, children, action, fields, warning, submit, cancel, layout }: ConfirmPageProps) {
  const { lp } = c.var;
  const Shell = (layout ?? AdminLayout) as typeof AdminLayout;
  return (
    <Shell c={c} title={title}>
      {back ? (
        <p>
          <a href={lp(back.href)}>{back.label}</a>
        </p>
      ) : null}
      <h1>{title}</h1>
      {children}
      <form method="post" action={lp(action)}>
        <CsrfField token={c.var.csrfToken} />
        {fields}
        {warning ? (
          <p>
            <strong>{warning}</strong>
          </p>
        ) : null}
        <FormActions>
          <button type="submit" class="btn btn-danger">
            {submit}
          </button>
          {cancel ? (
            <a class="btn btn-outline-primary" href={lp(cancel.href)}>
              {cancel.label}
            </a>
          ) : null}
        </FormActions>
      </form>
    </Shell>
  );
}

export interface DangerSectionProps {
  c: Ctx;
  /** The heading's id (the section is labelled by it). */
  id: string;
  title: string;
  /** What the action does and why one would take it. */
  intro: string;
  /** The link to the confirmation page (a GET: the action itself is the page's POST). */
  link: PageLink;
}

/** The last section of a record's page: a heading, a sentence and the link to the confirmation page. */
export function DangerSection({ c, id, title, intro, link }: DangerSectionProps) {
  return (
    <section class="mb-5" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p>{intro}</p>
      <p>
        <a class="btn btn-outline-danger" href={c.var.lp(link.href)}>
          {link.label}
        </a>
      </p>
    </section>
  );
}
