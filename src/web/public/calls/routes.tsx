// Public calls: /bandi (search and filters), /bandi/:slug, its deadline as ICS, its attachments and
// the apply redirect. The list and the call's page come from the render cache for anonymous visitors.
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { getAttachment, getPublicCall, recordOutboundClick } from '../../../domains/calls/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { cachedPage } from '../../kit/cache.ts';
import { attachmentDisposition } from '../../kit/export.ts';
import { requireUuid } from '../../kit/guard.tsx';
import { localePath } from '../../kit/SeoHead.tsx';
import { canonicalCallQuery } from './calls-query.ts';
import { CallPage } from './detail.tsx';
import { deadlineCalendar } from './job-posting.ts';
import { searchPage } from './search.tsx';

const SLUG = /^[a-z0-9-]{1,120}$/;

/** 404 unless `:slug` could be a call's address: a forged one never reaches a query. */
const requireSlug: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SLUG.test(c.req.param('slug') ?? '')) return c.notFound();
  await next();
};

/** The call published at `:slug` (open or closed) as of now. */
const publicCall = (c: Ctx) => getPublicCall(c.var.deps.db, c.req.param('slug') ?? '', c.var.deps.now());

export function publicCallRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', cachedPage(canonicalCallQuery), searchPage);

  app.get('/:slug', requireSlug, cachedPage(), async (c) => {
    const now = c.var.deps.now();
    const d = await getPublicCall(c.var.deps.db, c.req.param('slug'), now);
    if (!d) return c.notFound();
    return c.html(<CallPage c={c} d={d} now={now} />);
  });

  // The apply button: count the click, then go to the call's own stored https URL (never a URL
  // taken from the request, so this is no open redirect).
  app.get('/:slug/candidati', requireSlug, async (c) => {
    const d = await publicCall(c);
    if (!d) return c.notFound();
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
    const target = d.call.applicationUrl;
    if (d.state !== 'open' || !target?.startsWith('https://')) return c.redirect(c.var.lp(`/bandi/${c.req.param('slug')}`), 303);
    await recordOutboundClick(c.var.deps.db, d.call.id, c.var.deps.now());
    return c.redirect(target, 303);
  });

  app.get('/:slug/scadenza.ics', requireSlug, async (c) => {
    const { t, locale, deps } = c.var;
    const d = await publicCall(c);
    const deadline = d?.call.deadline;
    if (!d || !deadline) return c.notFound();
    const call = d.call;
    const url = deps.config.baseUrl + localePath(locale, `/bandi/${c.req.param('slug')}`);
    const body = deadlineCalendar({
      uid: `call-${call.id}@${new URL(deps.config.baseUrl).host}`,
      title: call.title,
      summary: t('public.ics.summary', { title: call.title }),
      description: t('public.ics.description', { employer: d.employer.name, deadline: fmt(locale).dateTime.format(deadline), url }),
      url,
      deadline,
      stamp: call.updatedAt,
    });
    return new Response(body, {
      headers: {
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': attachmentDisposition(`scadenza-${c.req.param('slug')}.ics`),
        'Cache-Control': 'public, max-age=300',
      },
    });
  });

  app.get('/:slug/allegati/:id', requireSlug, requireUuid('id'), async (c) => {
    const d = await publicCall(c);
    if (!d) return c.notFound();
    const a = await getAttachment(c.var.deps.db, d.call.id, c.req.param('id'));
    if (!a) return c.notFound();
    const etag = `"${a.sha256}"`;
    const headers = {
      'Content-Type': 'application/pdf',
      'Content-Disposition': attachmentDisposition(a.filename),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'public, max-age=300',
      ETag: etag,
    };
    if (c.req.header('if-none-match') === etag) return new Response(null, { status: 304, headers });
    return new Response(new Uint8Array(a.data), { headers: { ...headers, 'Content-Length': String(a.size) } });
  });

  return app;
}
