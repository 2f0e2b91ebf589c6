// A public call's page (/bandi/:slug): its facts, texts and admitted specialisations, attachments,
// the side column (deadline, apply, calendar, contacts, sharing) and, once closed, the way to
// leave one's references. Open calls carry JobPosting data for search engines.
import { raw } from 'hono/html';
import type { Ctx } from '../../context.ts';
import { Layout } from '../../layouts/Layout.tsx';
import type { CallDetail } from '../../../domains/calls/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { markdownToText, renderMarkdown } from '../../../platform/markdown.ts';
import { DetailList, Time } from '../../kit/details.tsx';
import { professionLabel } from '../../kit/options.ts';
import { SeoHead, localePath } from '../../kit/SeoHead.tsx';
import { LeadBlock } from '../leads/block.tsx';
import { CallAside, Section } from './aside.tsx';
import { Deadline, StateBadge } from './CallCard.tsx';
import { jobPosting } from './job-posting.ts';

const KINDS = ['same', 'equipollent', 'affine'] as const;

function Breadcrumb({ c, title }: { c: Ctx; title: string }) {
  const { t, lp } = c.var;
  return (
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
          {title}
        </li>
      </ol>
    </nav>
  );
}

/** Who may apply: the specialisations by kind, or a note that the call is open to the whole profession. */
function Specialisations({ c, d, profession }: { c: Ctx; d: CallDetail; profession: string }) {
  const { t } = c.var;
  if (d.specialisations.length)
    return (
      <Section id="specialisations" title={t('calls.fields.specialisations')}>
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
      </Section>
    );
  if (!d.toWholeProfession) return null;
  return (
    <Section id="specialisations" title={t('calls.fields.specialisations')}>
      <div class="alert alert-info" role="note" id="whole-profession">
        {t('public.call.admission_fallback', { discipline: d.disciplineName ?? '', profession })}
      </div>
    </Section>
  );
}

export function CallPage({ c, d, now }: { c: Ctx; d: CallDetail; now: Date }) {
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
        <Breadcrumb c={c} title={call.title} />
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
            <Section id="facts" title={t('public.call.facts')}>
              <DetailList
                rows={[
                  { label: t('calls.fields.type'), value: t(`calls.types.${call.type}`) },
                  { label: t('calls.fields.employerId'), value: d.employer.name },
                  { label: t('calls.fields.professionCode'), value: profession },
                  d.disciplineName ? { label: t('calls.fields.disciplineCode'), value: d.disciplineName } : null,
                  { label: t('calls.fields.posts'), value: f.number.format(call.posts) },
                  { label: t('calls.fields.contractTerm'), value: `${t(`calls.contract_terms.${call.contractTerm}`)}, ${t(`calls.contract_hours.${call.contractHours}`).toLowerCase()}` },
                  d.workplaces.length > 0 && { label: t('calls.fields.workplaces'), value: d.workplaces.map((w) => `${w.name} (${w.province})`).join(', ') },
                  call.publishAt && { label: t('public.call.published'), value: <Time at={call.publishAt} locale={locale} format="date" /> },
                  { label: t('calls.fields.deadline'), value: <Deadline t={t} locale={locale} deadline={call.deadline} now={now} /> },
                  call.officialRef ? { label: t('calls.fields.officialRef'), value: call.officialRef } : null,
                ]}
              />
            </Section>
            {descriptionHtml ? (
              <Section id="description" title={t('calls.fields.descriptionMd')}>
                <div class="markdown">{raw(descriptionHtml)}</div>
              </Section>
            ) : null}
            {requirementsHtml ? (
              <Section id="requirements" title={t('calls.fields.requirementsMd')}>
                <div class="markdown">{raw(requirementsHtml)}</div>
              </Section>
            ) : null}
            <Specialisations c={c} d={d} profession={profession} />
            {d.attachments.length ? (
              <Section id="attachments" title={t('public.call.attachments')}>
                <ul>
                  {d.attachments.map((a) => (
                    <li>
                      <a href={lp(`${path}/allegati/${a.id}`)}>{a.title || a.filename}</a>{' '}
                      <span class="small">({t('public.call.attachment_size', { kb: f.number.format(Math.max(1, Math.round(a.size / 1024))) })})</span>
                    </li>
                  ))}
                </ul>
              </Section>
            ) : null}
            {d.state === 'closed' ? <LeadBlock c={c} source="call-closed" callSlug={call.slug} /> : null}
          </div>
          <div class="col-lg-4">
            <CallAside c={c} d={d} now={now} url={url} />
          </div>
        </div>
      </div>
    </Layout>
  );
}
