// The published ranked lists of a call (/graduatorie/<callSlug>): only what the law allows to
// publish — rank, name, score, preference and reserve flags; contacts never leave the back office.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { Layout } from '../../layouts/Layout.tsx';
import { localePath } from '../../kit/SeoHead.tsx';
import { DetailList, Time } from '../../kit/details.tsx';
import { errorResponse } from '../../kit/guard.tsx';
import { DataTable } from '../../kit/table.tsx';
import { publicListsForCall, type PublicList } from '../../../domains/rankings/index.ts';

const DAY_MS = 86_400_000;
/** A call's slug as the site writes them; anything else never reaches a query. */
const SLUG = /^[a-z0-9-]{1,200}$/;

type Candidate = PublicList['candidates'][number];

function ListSection({ c, l, now }: { c: Ctx; l: PublicList; now: Date }) {
  const { t, locale } = c.var;
  const days = l.validUntil ? Math.ceil((l.validUntil.getTime() - now.getTime()) / DAY_MS) : null;
  const yesNo = (b: boolean) => (b ? t('rankings.public.yes') : t('rankings.public.no'));
  const kind = t(`rankings.kinds.${l.kind}`);
  return (
    <section class="mb-5" aria-labelledby={`list-${l.id}`}>
      <h2 id={`list-${l.id}`}>{kind}</h2>
      <DetailList
        rows={[
          l.actRef ? { label: t('rankings.public.act'), value: l.actRef } : null,
          { label: t('rankings.public.published'), value: <Time at={l.publishedAt} locale={locale} format="date" /> },
          l.validUntil && {
            label: t('rankings.validity.label'),
            value: (
              <>
                <Time at={l.validUntil} locale={locale} format="date" /> ({days! > 0 ? t('rankings.validity.days_left', { days: days! }) : t('rankings.validity.expired')})
              </>
            ),
          },
        ]}
      />
      <DataTable<Candidate>
        c={c}
        caption={t('rankings.public.caption', { kind, count: l.candidates.length })}
        columns={[
          { header: t('rankings.fields.rank'), rowHeader: true, value: (x) => x.rank },
          { header: t('rankings.fields.name'), value: (x) => x.name },
          { header: t('rankings.fields.score'), value: (x) => x.score ?? '—' },
          { header: t('rankings.fields.preference'), value: (x) => yesNo(x.preference) },
          { header: t('rankings.fields.reserve'), value: (x) => yesNo(x.reserve) },
        ]}
        rows={l.candidates}
        empty={t('rankings.public.caption', { kind, count: 0 })}
      />
    </section>
  );
}

export function rankingPublicRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/:slug', async (c) => {
    const { t, lp, locale } = c.var;
    const now = c.var.deps.now();
    const slug = c.req.param('slug');
    const d = SLUG.test(slug) ? await publicListsForCall(c.var.deps.db, slug, now) : null;
    if (!d) return errorResponse(c, { code: 'not_found' });
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
