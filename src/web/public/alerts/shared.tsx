// What the /avvisi pages share: the answer to a link that names nothing, the subscriber's link to
// their preferences, and how a POST from a signed link finds its subscriber before its one operation.
import type { Handler } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { PublicPage } from '../../kit/public-page.tsx';
import { formPost, type FormPost } from '../../kit/post.ts';
import { err } from '../../../platform/result.ts';
import { subscriberFromToken, subscriberToken, type LinkPurpose, type Subscriber } from '../../../domains/alerts/index.ts';

export const DAY = 86_400_000;

/** A signed or one-time link that names nothing (expired, used, forged, or the data erased). */
function LinkGone({ c }: { c: Ctx }) {
  const { t, lp } = c.var;
  return (
    <PublicPage c={c} title={t('alerts_public.gone.title')} lead={t('alerts_public.gone.text')} secret>
      <p>
        <a class="btn btn-primary" href={lp('/avvisi')}>
          {t('alerts_public.gone.again')}
        </a>
      </p>
    </PublicPage>
  );
}

export const gone = (c: Ctx) => c.html(<LinkGone c={c} />, 404);

/** What an operation on a link that names nothing answers: the "link expired" page, not the site's 404. */
export const GONE = err({ code: 'gone' });
export const goneOnError = (c: Ctx, e: { code: string }) => (e.code === 'gone' ? gone(c) : null);

/** The link to the subscriber's preferences (signed, valid until their links are renewed). */
export const prefsToken = (c: Ctx, s: Subscriber) => subscriberToken(c.var.deps.links.secret, 'prefs', s.id, s.linkVersion);

/**
 * A form POST from a page reached by a signed link: the subscriber is found from the URL's token
 * (else the "link expired" page), then the form runs as any other, with the subscriber at hand.
 */
export function subscriberPost<T>(purpose: LinkPurpose, def: (sub: Subscriber, token: string) => FormPost<T>): Handler<AppEnv> {
  return async (c, next) => {
    const token = c.req.param('token') ?? '';
    const sub = await subscriberFromToken(c.var.deps, purpose, token);
    if (!sub) return gone(c);
    return formPost(def(sub, token))(c, next);
  };
}
