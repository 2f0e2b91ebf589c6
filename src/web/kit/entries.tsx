// A list of entries about a record — the notes on a lead, a case's timeline, a case's tasks: each
// with an optional bold title, a small line of facts (a badge, who, when, in what state), a sentence,
// the text someone typed and a control (a "done" button). Without entries it says so instead.
import type { Child } from 'hono/jsx';

export interface Entry {
  /** Bold first line (a task's title). */
  title?: Child;
  /** A short label at the start of the facts (the kind of a timeline event). */
  badge?: string;
  /** The facts, joined by " · " on one small line (an author in <strong>, a <Time>, a state…). */
  meta?: Child[];
  /** A sentence under the facts (what a timeline event was). */
  text?: Child;
  /** What someone typed (a note, a logged call): shown as written, line breaks kept. */
  body?: string | null;
  /** After the rest: a form with its button. */
  after?: Child;
}

export interface EntryListProps {
  entries: Entry[];
  /** Said instead of the list when there is no entry. */
  empty: string;
  /** `ol` (the default) for entries in order of time, `ul` for entries in no meaningful order. */
  ordered?: boolean;
  /** Extra classes of the list and of the empty message (spacing such as `mt-4`). */
  class?: string;
}

function join(parts: Child[]): Child[] {
  return parts.flatMap((p, i) => (i ? [' · ', p] : [p]));
}

function Item({ e }: { e: Entry }) {
  return (
    <li class="border-bottom py-3">
      {e.title ? (
        <p class="mb-1">
          <strong>{e.title}</strong>
        </p>
      ) : null}
      {e.badge || e.meta?.length ? (
        <p class="small mb-1">
          {e.badge ? <span class="badge bg-secondary me-2">{e.badge}</span> : null}
          {join(e.meta ?? [])}
        </p>
      ) : null}
      {e.text ? <p class="mb-1">{e.text}</p> : null}
      {e.body ? <p class="mb-0 entry-body">{e.body}</p> : null}
      {e.after}
    </li>
  );
}

/**
 * Example: `<EntryList empty="No notes yet." class="mt-4" entries={notes.map((n) => ({ meta: [<strong>{n.author}</strong>, <Time at={n.at} locale={locale} />], body: n.body }))} />`
 * renders `<ol class="list-unstyled mt-4"><li class="border-bottom py-3"><p class="small mb-1"><strong>Ada</strong> · <time …>…</time></p><p class="mb-0 entry-body">…</p></li></ol>`.
 */
export function EntryList({ entries, empty, ordered = true, class: cls }: EntryListProps) {
  if (!entries.length) return <p class={cls}>{empty}</p>;
  const listClass = cls ? `list-unstyled ${cls}` : 'list-unstyled';
  const items = entries.map((e) => <Item e={e} />);
  return ordered ? <ol class={listClass}>{items}</ol> : <ul class={listClass}>{items}</ul>;
}
