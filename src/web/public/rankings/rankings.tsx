// The published ranked lists of a call (/graduatorie/<callSlug>): only what the law allows to
// publish — rank, name, score, preference and reserve flags; contacts never leave the back office.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { Layout } from '../../layouts/Layout.tsx';
import { localePath } from '../../kit/SeoHead.tsx';
import { ErrorPage } from '../../pages/errors.tsx';
import { fmt } from '../../../platform/i18n/format.ts';
import { publicListsForCall, type PublicList } from '../../../domains/rankings/index.ts';

const DAY_MS = 86_400_000;

function ListSection({ c, l, now }: { c: Ctx; l: PublicList; now: Date }) {
  const { t, locale } = c.var;
  const f = fmt(locale);
  const days = l.validUntil ? Math.ceil((l.validUntil.getTime() - now.getTime()) / DAY_MS) : null;
  const yesNo = (b: boolean) => (b ? t('rankings.public.yes') : t('rankings.public.no'));
  return (
    <section class="mb-5" aria-labelledby={`list-${l.id}`}>
      <h2 id={`list-${l.id}`}>{t(`rankings.kinds.${l.kind}`)}</h2>
      <dl class="row">
        {l.actRef ? (
          <>
            <dt class="col-sm-4">{t('rankings.public.act')}</dt>
            <dd class="col-sm-8">{l.actRef}</dd>
          </>
        ) : null}
        <dt class="col-sm-4">{t('rankings.public.published')}</dt>
        <dd class="col-sm-8">
          <time datetime={l.publishedAt.toISOString()}>{f.date.format(l.publishedAt)}</time>
        </dd>
        {l.validUntil ? (
          <>
            <dt class="col-sm-4">{t('rankings.validity.label')}</dt>
            <dd class="col-sm-8">
              <time datetime={l.validUntil.toISOString()}>{f.date.format(l.validUntil)}</time> (
              {days! > 0 ? t('rankings.validity.days_left', { days: days! }) : t('rankings.validity.expired')})
            </dd>
          </>
        ) : null}
      </dl>
      <div class="table-responsive">
        <table class="table">
          <caption>{t('rankings.public.caption', { kind: t(`rankings.kinds.${l.kind}`), count: l.candidates.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rankings.fields.rank')}</th>
              <th scope="col">{t('rankings.fields.name')}</th>
              <th scope="col">{t('rankings.fields.score')}</th>
              <th scope="col">{t('rankings.fields.preference')}</th>
              <th scope="col">{t('rankings.fields.reserve')}</th>
            </tr>
          </thead>
          <tbody>
            {l.candidates.map((x) => (
              <tr>
                <th scope="row">{x.rank}</th>
                <td>{x.name}</td>
                <td>{x.score ?? '—'}</td>
                <td>{yesNo(x.preference)}</td>
                <td>{yesNo(x.reserve)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function rankingPublicRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/:slug', async (c) => {
    const { t, lp, locale } = c.var;
    const now = c.var.deps.now();
    const slug = c.req.param('slug');
    const d = /^[a-z0-9-]{1,200}$/.test(slug) ? await publicListsForCall(c.var.deps.db, slug, now) : null;
    if (!d) return c.html(<ErrorPage c={c} kind="not_found" />, 404);
    const title = t('rankings.public.title', { call: d.call.title });
    return c.html(
      <Layout c={c} title={title} description={t('rankings.public.description', { call: d.call.title })} switchHref={localePath(locale === 'it' ? 'en' : 'it', `/graduatorie/${d.call.slug}`)}>
        <div class="container my-5">
          <p class="mb-1">
            <a href={lp(`/bandi/${d.call.slug}`)}>{t('rankings.public.back_to_call')}</a>
          </p>
          <h1>{title}</h1>
          <p>{t('rankings.public.intro')}</p>
          {d.lists.length ? d.lists.map((l) => <ListSection c={c} l={l} now={now} />) : <p>{t('rankings.public.none')}</p>}
        </div>
      </Layout>,
    );
  });
  return app;
}
