// A record's facts as label/value rows: the definition list at the top of a detail page (a lead,
// a case, a meeting), in Bootstrap's grid so labels line up in a column on wider screens.
import type { Child } from 'hono/jsx';
import type { Locale } from '../../platform/i18n/index.ts';
import { fmt } from '../../platform/i18n/format.ts';

export interface Detail {
  /** The term, already translated. */
  label: string;
  /** The description: text, a link, a <Time>… (an empty value is for the page to say, e.g. "not given"). */
  value: Child;
  /** The description's id, when a link or a test points at it. */
  id?: string;
}

export interface DetailListProps {
  /** The rows in order; a `null`, `false` or `undefined` entry is left out, so a row can be conditional inline. */
  rows: (Detail | null | false | undefined)[];
}

/**
 * Example: `<DetailList rows={[{ label: 'Email', value: <a href="mailto:a@b.it">a@b.it</a> }, lost && { label: 'Motivo', value: reason }]} />`
 * renders `<dl class="row"><dt class="col-sm-4">Email</dt><dd class="col-sm-8"><a …>a@b.it</a></dd></dl>`.
 */
export function DetailList({ rows }: DetailListProps) {
  return (
    <dl class="row">
      {rows
        .filter((r): r is Detail => !!r)
        .map((r) => (
          <>
            <dt class="col-sm-4">{r.label}</dt>
            <dd class="col-sm-8" id={r.id}>
              {r.value}
            </dd>
          </>
        ))}
    </dl>
  );
}

export interface TimeProps {
  at: Date;
  locale: Locale;
  /** `dateTime` (default: "3 marzo 2026, 10:00"), `date` ("3 marzo 2026"), `dateShort` ("03/03/2026") or `time` ("10:00"), in Europe/Rome. */
  format?: 'dateTime' | 'date' | 'dateShort' | 'time';
}

/** An instant for people (Europe/Rome, the visitor's language) and for machines (ISO in `datetime`). */
export function Time({ at, locale, format = 'dateTime' }: TimeProps) {
  return <time datetime={at.toISOString()}>{fmt(locale)[format].format(at)}</time>;
}
