// A page of the public site in one centred column: the heading, an optional lead sentence, and for
// pages reached by a signed link (whose URL carries a secret) the tags that keep it out of search
// engines and out of other sites' Referer headers. With it, the short message at the top of such
// a page ("Subscription confirmed").
import type { Child } from 'hono/jsx';
import type { Ctx } from '../context.ts';
import { Layout } from '../layouts/Layout.tsx';

/** What a page with a secret in its URL sends as its Referrer-Policy: our own forms keep their Origin, other sites get nothing. */
export const SECRET_REFERRER_POLICY = 'same-origin';

const SECRET_URL_HEAD = (
  <>
    <meta name="robots" content="noindex" />
    <meta name="referrer" content={SECRET_REFERRER_POLICY} />
  </>
);

const WIDTHS = { narrow: 'col-12 col-lg-8', medium: 'col-12 col-lg-9', wide: 'col-12 col-lg-10' } as const;

export interface PublicPageProps {
  c: Ctx;
  /** The page's title and its heading. */
  title: string;
  /** The sentence under the heading, in larger type. Without it the heading keeps a margin of its own. */
  lead?: string;
  /** The page's meta description (pages search engines may show). */
  description?: string;
  /** The URL carries a secret (a signed link): `noindex` and a same-origin referrer policy. */
  secret?: boolean;
  /** The column's width on large screens: 8 (`narrow`, the default), 9 (`medium`) or 10 (`wide`) of 12. */
  width?: keyof typeof WIDTHS;
  children?: Child;
}

/**
 * Example: `<PublicPage c={c} title="Conferma l'iscrizione" lead="Stai confermando…" secret>…</PublicPage>`
 * renders, inside the site's layout, `<div class="container my-5"><div class="row justify-content-center">
 * <div class="col-12 col-lg-8"><h1>Conferma l'iscrizione</h1><p class="lead">Stai confermando…</p>…</div></div></div>`.
 */
export function PublicPage({ c, title, lead, description, secret, width = 'narrow', children }: PublicPageProps) {
  return (
    <Layout c={c} title={title} description={description} head={secret ? SECRET_URL_HEAD : undefined}>
      <div class="container my-5">
        <div class="row justify-content-center">
          <div class={WIDTHS[width]}>
            {lead ? (
              <>
                <h1>{title}</h1>
                <p class="lead">{lead}</p>
              </>
            ) : (
              <h1 class="mb-4">{title}</h1>
            )}
            {children}
          </div>
        </div>
      </div>
    </Layout>
  );
}

export interface NoticeProps {
  /** Nothing is rendered without a text. */
  text?: string | null;
  /** `success` (the default) and `info` are announced politely (role status), `danger` at once (role alert). */
  kind?: 'success' | 'danger' | 'info';
}

/**
 * The outcome of what the visitor just did, at the top of the page.
 * Example: `<Notice text="Preferenze salvate." />` renders `<div class="alert alert-success" role="status">Preferenze salvate.</div>`.
 */
export function Notice({ text, kind = 'success' }: NoticeProps) {
  if (!text) return null;
  return (
    <div class={`alert alert-${kind}`} role={kind === 'danger' ? 'alert' : 'status'}>
      {text}
    </div>
  );
}
