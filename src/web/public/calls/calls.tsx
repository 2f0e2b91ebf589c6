// Public calls: /bandi list with search and filters, /bandi/:slug, ICS, attachments, outbound click.
import { Hono } from 'hono';
import { raw } from 'hono/html';
import type { AppEnv, Ctx } from '../../context.ts';
import { Layout } from '../../layouts/Layout.tsx';
import { CallCard, Deadline, StateBadge, timeLeft } from './CallCard.tsx';
import { Pagination } from '../../kit/Pagination.tsx';
import { SeoHead, localePath } from '../../kit/SeoHead.tsx';
import { Icon } from '../../kit/Icon.tsx';
import {
  CALL_TYPES,
  getAttachment,
  getPublicCall,
  recordOutboundClick,
  searchPublicCalls,
  type CallDetail,
  type CallListItem,
} from '../../../domains/calls/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { markdownToText, renderMarkdown } from '../../../platform/markdown.ts';
import { cachedPage } from '../../kit/cache.ts';
import { MAX_Q, SORTS, callQueryString, callsHref, canonicalCallQuery, defaultSort, parseCallQuery, type CallQuery } from './calls-query.ts';
import { filterOptions, professionLabel, type FilterOptions } from '../../kit/options.ts';
import { deadlineCalendar, jobPosting } from './job-posting.ts';
import { LeadBlock } from '../leads/block.tsx';
import { isUuid } from '../../../platform/query.ts';

const SLUG = /^[a-z0-9-]{1,120}$/;

/** Drops filter values that name nothing in the reference data. */
function knownOnly(s: CallQuery, o: FilterOptions): CallQuery {
  const out = { ...s };
  if (out.profession && !o.professionByCode.has(out.profession)) delete out.profession;
  if (out.discipline !== undefined && !o.disciplineByCode.has(out.discipline)) delete out.discipline;
  if (out.province && !o.provinceByAbbr.has(out.province)) delete out.province;
  return out;
}

interface ListData {
  s: CallQuery;
  options: FilterOptions;
  items: CallListItem[];
  total: number;
  page: number;
  pages: number;
  now: Date;
}

function Filters({ c, d }: { c: Ctx; d: ListData }) {
  const { t, lp, locale } = c.var;
  const { s, options } = d;
  const sort = s.sort ?? defaultSort(s);
  const state = s.state ?? 'open';
  return (
    <form action={lp('/bandi')} method="get" role="search" aria-label={t('public.search.label')} class="filters">
      <div class="form-group mt-5 mb-4">
        <label for="q" class="active">
          {t('public.search.field')}
        </label>
        <input type="search" id="q" name="q" class="form-control" value={s.q ?? ''} maxlength={MAX_Q} aria-describedby="q-hint" />
        <small id="q-hint" class="form-text">
          {t('public.search.hint')}
        </small>
      </div>
      <div class="select-wrapper mb-4">
        <label for="profession">{t('public.filters.profession')}</label>
        <select id="profession" name="profession">
          <option value="">{t('public.filters.any_profession')}</option>
          {options.professions.map((p) => (
            <option value={p.code} selected={s.profession === p.code}>
              {professionLabel(p, locale)}
            </option>
          ))}
        </select>
      </div>
      <div class="select-wrapper mb-4">
        <label for="discipline">{t('public.filters.discipline')}</label>
        <select id="discipline" name="discipline">
          <option value="">{t('public.filters.any_discipline')}</option>
          {options.disciplineGroups.map((g) => {
            const p = options.professionByCode.get(g.professionCode);
            return (
              <optgroup label={p ? professionLabel(p, locale) : g.professionCode}>
                {g.disciplines.map((x) => (
                  <option value={String(x.code)} selected={s.discipline === x.code}>
                    {x.name}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </select>
      </div>
      <div class="select-wrapper mb-4">
        <label for="province">{t('public.filters.province')}</label>
        <select id="province" name="province">
          <option value="">{t('public.filters.any_province')}</option>
          {options.provinces.map((p) => (
            <option value={p.abbreviation} selected={s.province === p.abbreviation}>
              {`${p.name} (${p.abbreviation})`}
            </option>
          ))}
        </select>
      </div>
      <div class="select-wrapper mb-4">
        <label for="type">{t('public.filters.type')}</label>
        <select id="type" name="type">
          <option value="">{t('public.filters.any_type')}</option>
          {CALL_TYPES.map((ty) => (
            <option value={ty} selected={s.type === ty}>
              {t(`calls.types.${ty}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset class="mb-4">
        <legend class="h6">{t('public.filters.state')}</legend>
        {(['open', 'closed'] as const).map((v) => (
          <div class="form-check">
            <input type="radio" id={`state-${v}`} name="state" value={v} checked={state === v} />
            <label for={`state-${v}`}>{t(`public.filters.state_${v}`)}</label>
          </div>
        ))}
      </fieldset>
      <div class="select-wrapper mb-4">
        <label for="sort">{t('public.filters.sort')}</label>
        <select id="sort" name="sort" aria-describedby="sort-hint">
          {SORTS.map((v) => (
            <option value={v} selected={sort === v}>
              {t(`public.filters.sort_${v}`)}
            </option>
          ))}
        </select>
        <small id="sort-hint" class="form-text">
          {t('public.filters.sort_hint')}
        </small>
      </div>
      <div class="d-flex flex-wrap gap-2">
        <button type="submit" class="btn btn-primary">
          {t('public.filters.apply')}
        </button>
        <a class="btn btn-outline-primary" href={lp('/bandi')}>
          {t('public.filters.reset')}
        </a>
      </div>
    </form>
  );
}

function ListPage({ c, d }: { c: Ctx; d: ListData }) {
  const { t, lp, locale } = c.var;
  const n = fmt(locale).number;
  const qs = callQueryString(d.s);
  const closed = d.s.state === 'closed';
  const title = t(closed ? 'public.list.title_closed' : 'public.list.title');
  const pageTitle = d.page > 1 ? t('public.list.title_page', { title, page: d.page }) : title;
  const other = locale === 'it' ? 'en' : 'it';
  return (
    <Layout
      c={c}
      title={pageTitle}
      description={t('public.list.meta_description')}
      switchHref={localePath(other, '/bandi') + (qs ? `?${qs}` : '')}
      head={<SeoHead c={c} title={pageTitle} description={t('public.list.meta_description')} path="/bandi" query={qs} />}
    >
      <div class="container my-4">
        <h1>{title}</h1>
        <div class="row">
          <div class="col-lg-4 mb-4">
            <h2 class="h4">{t('public.filters.title')}</h2>
            <Filters c={c} d={d} />
          </div>
          <div class="col-lg-8">
            <h2 class="h4" id="results">
              {d.total === 0
                ? t('public.list.found_none')
                : t(d.total === 1 ? 'public.list.found_one' : 'public.list.found_other', { n: n.format(d.total) })}
              {d.pages > 1 ? <span class="fw-normal">{` — ${t('public.list.page_of', { page: d.page, pages: d.pages })}`}</span> : null}
            </h2>
            {d.items.length ? (
              <ul class="list-unstyled" aria-labelledby="results">
                {d.items.map((call) => (
                  <li>
                    <CallCard t={t} lp={lp} locale={locale} call={call} now={d.now} />
                  </li>
                ))}
              </ul>
            ) : (
              <div class="callout">
                <p>{t('public.list.empty_intro')}</p>
                <ul>
                  <li>{t('public.list.empty_fewer_filters')}</li>
                  <li>{t('public.list.empty_other_words')}</li>
                  {closed ? null : (
                    <li>
                      <a href={callsHref(lp, d.s, { state: 'closed', page: undefined })}>{t('public.list.empty_see_closed')}</a>
                    </li>
                  )}
                </ul>
                <p>
                  <a href={lp('/bandi')}>{t('public.list.empty_all_open')}</a>
                </p>
                <p class="mb-0">
                  <a href={lp('/avvisi?da=bandi-empty')}>{t('public.list.empty_alerts')}</a>
                </p>
              </div>
            )}
            {d.total === 0 ? <LeadBlock c={c} source="bandi-empty" headingLevel={3} /> : null}
            <Pagination t={t} page={d.page} pages={d.pages} href={(p) => callsHref(lp, d.s, { page: p })} />
          </div>
        </div>
      </div>
    </Layout>
  );
}

const KINDS = ['same', 'equipollent', 'affine'] as const;

function Fact({ label, children }: { label: string; children?: unknown }) {
  return (
    <div class="row mb-2">
      <dt class="col-sm-4">{label}</dt>
      <dd class="col-sm-8 mb-0">{children as never}</dd>
    </div>
  );
}

function shareLinks(url: string, title: string, t: Ctx['var']['t']) {
  const e = encodeURIComponent;
  return [
    { label: t('public.call.share_email'), href: `mailto:?subject=${e(title)}&body=${e(`${title}\n${url}`)}` },
    { label: t('public.call.share_on', { site: 'LinkedIn' }), href: `https://www.linkedin.com/sharing/share-offsite/?url=${e(url)}` },
    { label: t('public.call.share_on', { site: 'Facebook' }), href: `https://www.facebook.com/sharer/sharer.php?u=${e(url)}` },
    { label: t('public.call.share_on', { site: 'X' }), href: `https://x.com/intent/post?url=${e(url)}&text=${e(title)}` },
    { label: t('public.call.share_on', { site: 'WhatsApp' }), href: `https://wa.me/?text=${e(`${title} ${url}`)}` },
  ];
}

const hostOf = (u: string) => {
  try {
    return new URL(u).host;
  } catch {
    return '';
  }
};

function CallPage({ c, d, now }: { c: Ctx; d: CallDetail; now: Date }) {
  const { t, lp, locale, deps } = c.var;
  const f = fmt(locale);
  const call = d.call;
  const path = `/bandi/${call.slug}`;
  const url = deps.config.baseUrl + localePath(locale, path);
  const open = d.state === 'open';
  const profession = professionLabel({ name: d.professionName, nameEn: d.professionNameEn }, locale);
  const description = markdownToText(call.descriptionMd, 160) || t('public.call.meta_description', { type: t(`calls.types.${call.type}`), employer: d.employer.name });
  const descriptionHtml = renderMarkdown(call.descriptionMd);
  const requirementsHtml = renderMarkdown(call.requirementsMd);
  const applyUrl = open && call.applicationUrl?.startsWith('https://') ? call.applicationUrl : null;
  const other = locale === 'it' ? 'en' : 'it';
  return (
    <Layout
      c={c}
      title={call.title}
      description={description}
      switchHref={localePath(other, path)}
      head={<SeoHead c={c} title={call.title} description={description} path={path} type="article" jsonLd={open ? jobPosting(d, url) : undefined} />}
    >
      <div class="container my-4">
        <nav class="breadcrumb-container" aria-label={t('public.breadcrumb')}>
          <ol class="breadcrumb">
            <li class="breadcrumb-item">
              <a href={lp('/')}>{t('common.nav.home')}</a>
              <span class="separator">/</span>
            </li>
            <li class="breadcrumb-item">
              <a href={lp('/bandi')}>{t('common.nav.calls')}</a>
              <span class="separator">/</span>
            </li>
            <li class="breadcrumb-item active" aria-current="page">
              {call.title}
            </li>
          </ol>
        </nav>
        <p class="d-flex flex-wrap gap-2 align-items-center mb-2">
          <StateBadge t={t} state={d.state} />
          <span class="fw-semibold">{t(`calls.types.${call.type}`)}</span>
        </p>
        <h1>{call.title}</h1>
        <p class="lead">{d.employer.name}</p>
        {open ? null : (
          <div class="alert alert-warning" role="note">
            {t('public.call.closed_notice')}
          </div>
        )}
        <div class="row">
          <div class="col-lg-8">
            <section class="mb-4" aria-labelledby="facts">
              <h2 id="facts" class="h4">
                {t('public.call.facts')}
              </h2>
              <dl>
                <Fact label={t('calls.fields.type')}>{t(`calls.types.${call.type}`)}</Fact>
                <Fact label={t('calls.fields.employerId')}>{d.employer.name}</Fact>
                <Fact label={t('calls.fields.professionCode')}>{profession}</Fact>
                {d.disciplineName ? <Fact label={t('calls.fields.disciplineCode')}>{d.disciplineName}</Fact> : null}
                <Fact label={t('calls.fields.posts')}>{f.number.format(call.posts)}</Fact>
                <Fact label={t('calls.fields.contractTerm')}>
                  {`${t(`calls.contract_terms.${call.contractTerm}`)}, ${t(`calls.contract_hours.${call.contractHours}`).toLowerCase()}`}
                </Fact>
                {d.workplaces.length ? (
                  <Fact label={t('calls.fields.workplaces')}>{d.workplaces.map((w) => `${w.name} (${w.province})`).join(', ')}</Fact>
                ) : null}
                {call.publishAt ? (
                  <Fact label={t('public.call.published')}>
                    <time datetime={call.publishAt.toISOString()}>{f.date.format(call.publishAt)}</time>
                  </Fact>
                ) : null}
                <Fact label={t('calls.fields.deadline')}>
                  <Deadline t={t} locale={locale} deadline={call.deadline} now={now} />
                </Fact>
                {call.officialRef ? <Fact label={t('calls.fields.officialRef')}>{call.officialRef}</Fact> : null}
              </dl>
            </section>
            {descriptionHtml ? (
              <section class="mb-4" aria-labelledby="description">
                <h2 id="description" class="h4">
                  {t('calls.fields.descriptionMd')}
                </h2>
                <div class="markdown">{raw(descriptionHtml)}</div>
              </section>
            ) : null}
            {requirementsHtml ? (
              <section class="mb-4" aria-labelledby="requirements">
                <h2 id="requirements" class="h4">
                  {t('calls.fields.requirementsMd')}
                </h2>
                <div class="markdown">{raw(requirementsHtml)}</div>
              </section>
            ) : null}
            {d.specialisations.length ? (
              <section class="mb-4" aria-labelledby="specialisations">
                <h2 id="specialisations" class="h4">
                  {t('calls.fields.specialisations')}
                </h2>
                {KINDS.map((kind) => {
                  const list = d.specialisations.filter((s) => s.kind === kind);
                  return list.length ? (
                    <>
                      <h3 class="h5">{t(`public.call.spec_${kind}`)}</h3>
                      <ul>
                        {list.map((s) => (
                          <li>{s.name}</li>
                        ))}
                      </ul>
                    </>
                  ) : null;
                })}
                <p class="small">{t('public.call.spec_note')}</p>
              </section>
            ) : d.toWholeProfession ? (
              <section class="mb-4" aria-labelledby="specialisations">
                <h2 id="specialisations" class="h4">
                  {t('calls.fields.specialisations')}
                </h2>
                <div class="alert alert-info" role="note" id="whole-profession">
                  {t('public.call.admission_fallback', { discipline: d.disciplineName ?? '', profession })}
                </div>
              </section>
            ) : null}
            {d.attachments.length ? (
              <section class="mb-4" aria-labelledby="attachments">
                <h2 id="attachments" class="h4">
                  {t('public.call.attachments')}
                </h2>
                <ul>
                  {d.attachments.map((a) => (
                    <li>
                      <a href={lp(`${path}/allegati/${a.id}`)}>{a.title || a.filename}</a>{' '}
                      <span class="small">({t('public.call.attachment_size', { kb: f.number.format(Math.max(1, Math.round(a.size / 1024))) })})</span>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {d.state === 'closed' ? <LeadBlock c={c} source="call-closed" callSlug={call.slug} /> : null}
          </div>
          <div class="col-lg-4">
            <section class="card card-bg p-4 mb-4" aria-labelledby="deadline">
              <h2 id="deadline" class="h4">
                {t('calls.fields.deadline')}
              </h2>
              {call.deadline ? (
                <p>
                  <time datetime={call.deadline.toISOString()}>{f.dateTime.format(call.deadline)}</time>
                  <br />
                  <span class="deadline-left">{timeLeft(t, locale, call.deadline, now)}</span>
                </p>
              ) : null}
              {applyUrl ? (
                <>
                  <p>
                    <a class="btn btn-primary" href={lp(`${path}/candidati`)} rel="nofollow">
                      {t('public.call.apply')}
                    </a>
                  </p>
                  <p class="small">{t('public.call.apply_note', { host: hostOf(applyUrl) })}</p>
                </>
              ) : null}
              {open && call.deadline ? (
                <p class="mb-0">
                  <a href={lp(`${path}/scadenza.ics`)} rel="nofollow">
                    <Icon name="it-calendar" class="icon icon-sm icon-primary me-1" />
                    {t('public.call.add_to_calendar')}
                  </a>
                </p>
              ) : null}
            </section>
            {call.contactName || call.contactEmail || call.contactPhone ? (
              <section class="mb-4" aria-labelledby="contact">
                <h2 id="contact" class="h4">
                  {t('public.call.contact')}
                </h2>
                <ul class="list-unstyled">
                  {call.contactName ? <li>{call.contactName}</li> : null}
                  {call.contactEmail ? (
                    <li>
                      <a href={`mailto:${call.contactEmail}`}>{call.contactEmail}</a>
                    </li>
                  ) : null}
                  {call.contactPhone ? (
                    <li>
                      <a href={`tel:${call.contactPhone.replace(/[^\d+]/g, '')}`}>{call.contactPhone}</a>
                    </li>
                  ) : null}
                </ul>
              </section>
            ) : null}
            <section class="mb-4" aria-labelledby="share">
              <h2 id="share" class="h4">
                {t('public.call.share')}
              </h2>
              <ul class="list-unstyled">
                {shareLinks(url, call.title, t).map((l) => (
                  <li class="mb-1">
                    <a href={l.href}>{l.label}</a>
                  </li>
                ))}
              </ul>
            </section>
          </div>
        </div>
      </div>
    </Layout>
  );
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266). */
function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function publicCallRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', cachedPage(canonicalCallQuery), async (c) => {
    const { db, now: clock } = c.var.deps;
    const now = clock();
    const options = await filterOptions(db);
    const s = knownOnly(parseCallQuery(new URL(c.req.url).searchParams), options);
    const search = {
      q: s.q,
      profession: s.profession,
      discipline: s.discipline,
      province: s.province ? options.provinceByAbbr.get(s.province)?.code : undefined,
      type: s.type,
      state: s.state,
      sort: s.sort,
    };
    let r = await searchPublicCalls(db, { ...search, page: s.page }, now);
    // Past the last page (an old link): show the last page rather than an empty one.
    if (r.total > 0 && r.page > r.pages) r = await searchPublicCalls(db, { ...search, page: r.pages }, now);
    const shown = { ...s, page: r.page > 1 ? r.page : undefined };
    return c.html(<ListPage c={c} d={{ s: shown, options, items: r.items, total: r.total, page: r.page, pages: r.pages, now }} />);
  });

  app.get('/:slug', cachedPage(), async (c) => {
    const slug = c.req.param('slug');
    if (!SLUG.test(slug)) return c.notFound();
    const now = c.var.deps.now();
    const d = await getPublicCall(c.var.deps.db, slug, now);
    if (!d) return c.notFound();
    return c.html(<CallPage c={c} d={d} now={now} />);
  });

  // The apply button: count the click, then go to the call's own stored https URL (never a URL
  // taken from the request, so this is no open redirect).
  app.get('/:slug/candidati', async (c) => {
    const slug = c.req.param('slug');
    if (!SLUG.test(slug)) return c.notFound();
    const { db, now: clock } = c.var.deps;
    const now = clock();
    const d = await getPublicCall(db, slug, now);
    if (!d) return c.notFound();
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
    const target = d.call.applicationUrl;
    if (d.state !== 'open' || !target?.startsWith('https://')) return c.redirect(c.var.lp(`/bandi/${slug}`), 303);
    await recordOutboundClick(db, d.call.id, now);
    return c.redirect(target, 303);
  });

  app.get('/:slug/scadenza.ics', async (c) => {
    const slug = c.req.param('slug');
    if (!SLUG.test(slug)) return c.notFound();
    const { t, locale, deps } = c.var;
    const d = await getPublicCall(deps.db, slug, deps.now());
    const deadline = d?.call.deadline;
    if (!d || !deadline) return c.notFound();
    const call = d.call;
    const url = deps.config.baseUrl + localePath(locale, `/bandi/${slug}`);
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
        'Content-Disposition': attachmentDisposition(`scadenza-${slug}.ics`),
        'Cache-Control': 'public, max-age=300',
      },
    });
  });

  app.get('/:slug/allegati/:id', async (c) => {
    const slug = c.req.param('slug');
    const id = c.req.param('id');
    if (!SLUG.test(slug) || !isUuid(id)) return c.notFound();
    const { db, now } = c.var.deps;
    const d = await getPublicCall(db, slug, now());
    if (!d) return c.notFound();
    const a = await getAttachment(db, d.call.id, id);
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
