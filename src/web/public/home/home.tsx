// The home page (/): the promise, a search box, open calls by profession, the latest calls and the
// way to subscribe to alerts. Served from the render cache.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { Layout } from '../../layouts/Layout.tsx';
import { CallCard } from '../calls/CallCard.tsx';
import { SeoHead, localePath } from '../../kit/SeoHead.tsx';
import { Icon } from '../../kit/Icon.tsx';
import { latestOpenCalls, openCountsByProfession, type CallListItem } from '../../../domains/calls/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { cachedPage } from '../../kit/cache.ts';
import { MAX_Q, callsHref } from '../calls/calls-query.ts';
import { professionLabel } from '../../kit/options.ts';

interface HomeData {
  counts: { code: string; name: string; nameEn: string | null; n: number }[];
  latest: CallListItem[];
  now: Date;
}

function SearchBox({ c, id, value }: { c: Ctx; id: string; value?: string }) {
  const { t, lp } = c.var;
  return (
    <form action={lp('/bandi')} method="get" role="search" aria-label={t('public.search.label')}>
      <div class="form-group mt-4 mb-2">
        <label for={id} class="active">
          {t('public.search.field')}
        </label>
        <input type="search" id={id} name="q" class="form-control" value={value ?? ''} maxlength={MAX_Q} aria-describedby={`${id}-hint`} />
        <small id={`${id}-hint`} class="form-text">
          {t('public.search.hint')}
        </small>
      </div>
      <button type="submit" class="btn btn-primary">
        <Icon name="it-search" class="icon icon-white icon-sm me-1" />
        {t('public.search.submit')}
      </button>
    </form>
  );
}

function HomePage({ c, data }: { c: Ctx; data: HomeData }) {
  const { t, lp, locale } = c.var;
  const n = fmt(locale).number;
  return (
    <Layout
      c={c}
      title={t('common.site_name')}
      description={t('public.home.meta_description')}
      switchHref={localePath(locale === 'it' ? 'en' : 'it', '/')}
      head={<SeoHead c={c} title={t('common.site_name')} description={t('public.home.meta_description')} path="/" />}
    >
      <div class="container my-5">
        <div class="row">
          <div class="col-lg-7 mb-4">
            <h1>{t('public.home.title')}</h1>
            <p class="lead">{t('public.home.promise')}</p>
            <ul>
              <li>{t('public.home.point_requirements')}</li>
              <li>{t('public.home.point_deadline')}</li>
              <li>{t('public.home.point_official')}</li>
            </ul>
          </div>
          <div class="col-lg-5 mb-4">
            <div class="card card-bg p-4">
              <SearchBox c={c} id="home-q" />
            </div>
          </div>
        </div>

        <section class="mb-5" aria-labelledby="by-profession">
          <h2 id="by-profession">{t('public.home.by_profession')}</h2>
          {data.counts.length ? (
            <ul class="list-unstyled row">
              {data.counts.map((p) => (
                <li class="col-md-6 col-lg-4 mb-2">
                  <a href={callsHref(lp, { profession: p.code })}>
                    {professionLabel(p, locale)}
                    {': '}
                    {t(p.n === 1 ? 'public.home.open_count_one' : 'public.home.open_count_other', { n: n.format(p.n) })}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('public.home.none_open')}</p>
          )}
        </section>

        <section class="mb-5" aria-labelledby="latest">
          <h2 id="latest">{t('public.home.latest')}</h2>
          {data.latest.length ? (
            <div class="row">
              {data.latest.map((call) => (
                <div class="col-lg-6">
                  <CallCard t={t} lp={lp} locale={locale} call={call} now={data.now} />
                </div>
              ))}
            </div>
          ) : (
            <p>{t('public.home.none_open')}</p>
          )}
          <p>
            <a class="btn btn-outline-primary" href={lp('/bandi')}>
              {t('public.home.all_calls')}
            </a>
          </p>
        </section>

        <section class="mb-5" aria-labelledby="alerts">
          <h2 id="alerts">{t('public.home.alerts_title')}</h2>
          <p>{t('alerts_public.home.text')}</p>
          <p>
            <a class="btn btn-primary" href={`${lp('/avvisi')}?da=home`}>
              {t('alerts_public.home.button')}
            </a>
          </p>
        </section>
      </div>
    </Layout>
  );
}

export function homeRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', cachedPage(), async (c) => {
    const { db, now: clock } = c.var.deps;
    const now = clock();
    const [counts, latest] = await Promise.all([openCountsByProfession(db, now), latestOpenCalls(db, now, 6)]);
    return c.html(<HomePage c={c} data={{ counts, latest, now }} />);
  });
  return app;
}
