// The ranked lists in the back office (/admin/graduatorie): the index of all lists (and of closed
// calls still without one), a closed call's lists, a list with its
// candidates (import, add by hand, publish, open posts) and the desk page of one candidate
// (contact attempts, offer, outcome). Routes parse, call one domain function, render or redirect.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState } from '../../kit/form.tsx';
import { formValues, type FormValues } from '../../../platform/forms/index.ts';
import { can } from '../../../platform/authz/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { addCandidate, CONTACT_CHANNELS, CONTACT_OUTCOMES, createList, getCandidate, getList, LIST_KINDS, listsOfCall, OFFER_OUTCOMES, openPosts, publishList, recordOutcome, makeOffer, logContact, RENUNCIATION_REASONS, type CandidateDetail, type ListDetail, rankingRules, closedCallsWithoutList, LIST_INDEX_STATES, listRankedLists, type ListIndex, type ListIndexState, type CallWithoutList, NO_ANSWER_ATTEMPTS } from '../../../domains/rankings/index.ts';
import { errorResponse, flash, requireRule } from '../../kit/guard.tsx';
import { FilterForm, FilterSearch, pageCaption, ResultTable, StatusTabs } from '../../kit/list-page.tsx';
import { oneOf, queryString, readQuery, searchText } from '../../kit/list-query.ts';
import { pageParam } from '../../kit/pager.tsx';
import { RankingImportForm, rankingImportRoutes } from './rankings-import.tsx';

const FLASH = ['created', 'published', 'imported', 'added', 'opened', 'contacted', 'offered', 'recorded'] as const;
const DAY_MS = 86_400_000;
const st = (c: Ctx, values: FormValues = {}, errors: FieldErrors = {}): FormState => ({ values, errors, t: c.var.t });
const base = '/admin/graduatorie';

function Problem({ c, message }: { c: Ctx; message?: string | null }) {
  return message ? (
    <div class="alert alert-danger" role="alert" id="problem">
      {c.var.t(message)}
    </div>
  ) : null;
}

// ---------- the index of all lists ----------

type IndexFilter = { stato?: ListIndexState; q?: string };

function IndexPage({ c, data, filter }: { c: Ctx; data: ListIndex; filter: IndexFilter }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const now = c.var.deps.now();
  const href = (x: IndexFilter) => `${lp(base)}${queryString(x)}`;
  return (
    <AdminLayout c={c} title={t('rankings_admin.index.title')}>
      <h1>{t('rankings_admin.index.title')}</h1>
      <p>{t('rankings_admin.index.intro')}</p>
      <p class="d-flex flex-wrap gap-3">
        <a href={lp(`${base}/senza-graduatoria`)} id="calls-without-list">
          {t('rankings_admin.index.without_list', { count: f.number.format(data.callsWithoutList) })}
        </a>
        <a href={lp('/admin/graduatorie-cifre')}>{t('rankings_admin.index.figures')}</a>
      </p>
      <StatusTabs
        c={c}
        label={t('rankings_admin.index.tabs_label')}
        tabs={[undefined, ...LIST_INDEX_STATES].map((s) => ({
          label: t(`rankings_admin.index.states.${s ?? 'all'}`),
          count: data.counts[s ?? 'all'],
          href: href({ ...filter, stato: s }),
          current: filter.stato === s,
        }))}
      />
      <FilterForm c={c} action={base} label={t('rankings_admin.index.search_label')} hidden={{ stato: filter.stato }} submit={t('rankings_admin.index.search_submit')}>
        <FilterSearch label={t('rankings_admin.index.search')} value={filter.q} col="col-md-6" />
      </FilterForm>
      <ResultTable
        c={c}
        caption={pageCaption(c, 'rankings_admin.index.caption', data)}
        columns={[
          t('rankings_admin.index.col_call'),
          t('rankings_admin.fields.kind'),
          t('rankings_admin.fields.published'),
          t('rankings.validity.label'),
          t('rankings_admin.list.open_posts'),
          t('rankings_admin.index.col_offered'),
          t('rankings_admin.index.col_accepted'),
          t('rankings_admin.index.col_renounced'),
        ]}
        count={data.items.length}
        empty={t('rankings_admin.index.none')}
        paging={{ page: data.page, pages: data.pages, params: filter }}
      >
        {data.items.map((l) => (
          <tr>
            <th scope="row">
              <a href={lp(`${base}/${l.id}`)}>{l.callTitle}</a>
            </th>
            <td>{t(`rankings.kinds.${l.kind}`)}</td>
            <td>{l.publishedAt ? <time datetime={l.publishedAt.toISOString()}>{f.date.format(l.publishedAt)}</time> : t('rankings_admin.list.not_published')}</td>
            <td>{l.validUntil ? <Countdown c={c} until={l.validUntil} now={now} /> : t('rankings_admin.index.no_validity')}</td>
            <td>{f.number.format(l.openPosts)}</td>
            <td>{f.number.format(l.offered)}</td>
            <td>{f.number.format(l.accepted)}</td>
            <td>{f.number.format(l.renounced)}</td>
          </tr>
        ))}
      </ResultTable>
    </AdminLayout>
  );
}

function WithoutListPage({ c, data }: { c: Ctx; data: { items: CallWithoutList[]; total: number; page: number; pages: number } }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  return (
    <AdminLayout c={c} title={t('rankings_admin.without.title')}>
      <p class="mb-1">
        <a href={lp(base)}>{t('rankings_admin.without.back')}</a>
      </p>
      <h1>{t('rankings_admin.without.title')}</h1>
      <p>{t('rankings_admin.without.intro')}</p>
      <ResultTable
        c={c}
        caption={pageCaption(c, 'rankings_admin.without.caption', data)}
        columns={[t('rankings_admin.index.col_call'), t('rankings_admin.without.closed_on')]}
        count={data.items.length}
        empty={t('rankings_admin.without.none')}
        paging={{ page: data.page, pages: data.pages }}
      >
        {data.items.map((x) => {
          const closed = x.closedAt && (!x.deadline || x.closedAt < x.deadline) ? x.closedAt : x.deadline;
          return (
            <tr>
              <th scope="row">
                <a href={lp(`${base}/bando/${x.id}`)}>{t('rankings_admin.without.create', { call: x.title })}</a>
              </th>
              <td>{closed ? <time datetime={closed.toISOString()}>{f.date.format(closed)}</time> : '—'}</td>
            </tr>
          );
        })}
      </ResultTable>
    </AdminLayout>
  );
}

// ---------- a call's lists ----------

function CallListsPage({ c, d, form, problem }: { c: Ctx; d: Awaited<ReturnType<typeof listsOfCall>> & { ok: true }; form: FormState; problem?: string | null }) {
  const { t, lp, locale } = c.var;
  const { call, lists } = d.value;
  const f = fmt(locale);
  const canManage = can(c.var.actor, rankingRules.manage);
  return (
    <AdminLayout c={c} title={t('rankings_admin.call.title', { call: call.title })} flash={flash(c, 'rankings_admin.flash', FLASH)}>
      <p class="mb-1">
        <a href={lp(`/admin/bandi/${call.id}`)}>{t('rankings_admin.call.back_to_call')}</a>
      </p>
      <h1>{t('rankings_admin.call.title', { call: call.title })}</h1>
      <Problem c={c} message={problem} />
      {lists.length ? (
        <div class="table-responsive">
          <table class="table">
            <caption>{t('rankings_admin.call.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rankings_admin.fields.kind')}</th>
                <th scope="col">{t('rankings_admin.fields.candidates')}</th>
                <th scope="col">{t('rankings_admin.fields.published')}</th>
              </tr>
            </thead>
            <tbody>
              {lists.map((l) => (
                <tr>
                  <th scope="row">
                    <a href={lp(`${base}/${l.id}`)}>{t(`rankings.kinds.${l.kind}`)}</a>
                  </th>
                  <td>{l.candidates}</td>
                  <td>{l.publishedAt ? f.date.format(l.publishedAt) : t('rankings_admin.list.not_published')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('rankings_admin.call.none')}</p>
      )}
      {!call.closed ? <p>{t('rankings.errors.call_not_closed')}</p> : null}
      {canManage && call.closed ? (
        <form method="post" action={lp(`${base}/bando/${call.id}`)} novalidate class="mt-4">
          <h2 class="h4">{t('rankings_admin.call.new')}</h2>
          <ErrorSummary s={form} labels={{ kind: t('rankings_admin.fields.kind'), actRef: t('rankings_admin.fields.actRef'), approvedOn: t('rankings_admin.fields.approvedOn'), answerDays: t('rankings_admin.fields.answerDays'), reminderDays: t('rankings_admin.fields.reminderDays') }} />
          <CsrfField token={c.var.csrfToken} />
          <SelectField s={form} name="kind" label={t('rankings_admin.fields.kind')} required options={LIST_KINDS.map((k) => ({ value: k, label: t(`rankings.kinds.${k}`) }))} />
          <TextField s={form} name="actRef" label={t('rankings_admin.fields.actRef')} maxLength={300} hint={t('rankings_admin.fields.actRef_hint')} />
          <TextField s={form} name="approvedOn" type="date" label={t('rankings_admin.fields.approvedOn')} />
          <TextField s={form} name="answerDays" type="number" label={t('rankings_admin.fields.answerDays')} value={String(form.values.answerDays ?? '7')} />
          <TextField s={form} name="reminderDays" type="number" label={t('rankings_admin.fields.reminderDays')} value={String(form.values.reminderDays ?? '2')} hint={t('rankings_admin.fields.reminderDays_hint')} />
          <button type="submit" class="btn btn-primary">
            {t('rankings_admin.call.create')}
          </button>
        </form>
      ) : null}
    </AdminLayout>
  );
}

// ---------- a list ----------

interface ListForms {
  candidate?: FormState;
  posts?: FormState;
  importError?: string | null;
  problem?: string | null;
}

function Countdown({ c, until, now }: { c: Ctx; until: Date; now: Date }) {
  const { t, locale } = c.var;
  const days = Math.ceil((until.getTime() - now.getTime()) / DAY_MS);
  return (
    <>
      <time datetime={until.toISOString()}>{fmt(locale).date.format(until)}</time> (
      {days > 0 ? t('rankings.validity.days_left', { days }) : t('rankings.validity.expired')})
    </>
  );
}

function ListPage({ c, d, forms }: { c: Ctx; d: ListDetail; forms: ListForms }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const { list, call, candidates } = d;
  const now = c.var.deps.now();
  const canManage = can(c.var.actor, rankingRules.manage);
  const canDesk = can(c.var.actor, rankingRules.desk);
  const title = t('rankings_admin.list.title', { kind: t(`rankings.kinds.${list.kind}`), call: call.title });
  const cand = forms.candidate ?? st(c);
  const posts = forms.posts ?? st(c);
  const holding = candidates.filter((x) => x.state === 'proposed' || x.state === 'offered' || x.state === 'accepted').length;
  return (
    <AdminLayout c={c} title={title} flash={flash(c, 'rankings_admin.flash', FLASH)}>
      <p class="mb-1">
        <a href={lp(`${base}/bando/${call.id}`)}>{t('rankings_admin.list.back')}</a>
      </p>
      <h1>{title}</h1>
      <Problem c={c} message={forms.problem} />
      <dl class="row">
        <dt class="col-sm-4">{t('rankings_admin.fields.actRef')}</dt>
        <dd class="col-sm-8">{list.actRef ?? '—'}</dd>
        <dt class="col-sm-4">{t('rankings_admin.fields.approvedOn')}</dt>
        <dd class="col-sm-8">{list.approvedOn ?? '—'}</dd>
        <dt class="col-sm-4">{t('rankings_admin.fields.published')}</dt>
        <dd class="col-sm-8">{list.publishedAt ? f.dateTime.format(list.publishedAt) : t('rankings_admin.list.not_published')}</dd>
        <dt class="col-sm-4">{t('rankings.validity.label')}</dt>
        <dd class="col-sm-8" id="validity">{list.validUntil ? <Countdown c={c} until={list.validUntil} now={now} /> : t('rankings_admin.list.validity_on_publish')}</dd>
        <dt class="col-sm-4">{t('rankings_admin.fields.answerDays')}</dt>
        <dd class="col-sm-8">{list.answerDays}</dd>
        <dt class="col-sm-4">{t('rankings_admin.fields.reminderDays')}</dt>
        <dd class="col-sm-8">{list.reminderDays}</dd>
        <dt class="col-sm-4">{t('rankings_admin.list.open_posts')}</dt>
        <dd class="col-sm-8" id="open-posts">{t('rankings_admin.list.posts_status', { open: d.openPosts, holding })}</dd>
      </dl>
      {list.publishedAt ? (
        <p>
          <a href={lp(`/graduatorie/${call.slug}`)}>{t('rankings_admin.list.public_page')}</a>
        </p>
      ) : null}
      {!list.publishedAt && canManage && candidates.length ? (
        <form method="post" action={lp(`${base}/${list.id}/pubblica`)} class="mb-4">
          <CsrfField token={c.var.csrfToken} />
          <button type="submit" class="btn btn-primary">
            {t('rankings_admin.list.publish')}
          </button>
        </form>
      ) : null}

      <div class="table-responsive">
        <table class="table" id="candidates">
          <caption>{t('rankings_admin.list.caption', { count: candidates.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rankings.fields.rank')}</th>
              <th scope="col">{t('rankings.fields.name')}</th>
              <th scope="col">{t('rankings.fields.score')}</th>
              <th scope="col">{t('rankings_admin.fields.flags')}</th>
              <th scope="col">{t('rankings_admin.fields.state')}</th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((x) => (
              <tr>
                <th scope="row">{x.rank}</th>
                <td>
                  <a href={lp(`${base}/candidato/${x.id}`)}>{x.name}</a>
                </td>
                <td>{x.score ?? '—'}</td>
                <td>{[x.preference ? t('rankings.fields.preference') : null, x.reserve ? t('rankings.fields.reserve') : null].filter(Boolean).join(', ') || '—'}</td>
                <td>{t(`rankings.states.${x.state}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {canDesk && list.publishedAt ? (
        <form method="post" action={lp(`${base}/${list.id}/posti`)} novalidate class="mt-4">
          <h2 class="h4">{t('rankings_admin.open.title')}</h2>
          <p>{t('rankings_admin.open.intro')}</p>
          <ErrorSummary s={posts} labels={{ posts: t('rankings_admin.open.posts'), note: t('rankings_admin.open.note') }} />
          <CsrfField token={c.var.csrfToken} />
          <TextField s={posts} name="posts" type="number" required label={t('rankings_admin.open.posts')} />
          <TextField s={posts} name="note" label={t('rankings_admin.open.note')} maxLength={500} />
          <button type="submit" class="btn btn-primary">
            {t('rankings_admin.open.submit')}
          </button>
        </form>
      ) : null}

      {canManage ? (
        <>
          <RankingImportForm c={c} listId={list.id} error={forms.importError} />

          <form method="post" action={lp(`${base}/${list.id}/candidati`)} novalidate class="mt-5">
            <h2 class="h4">{t('rankings_admin.add.title')}</h2>
            <ErrorSummary
              s={cand}
              labels={Object.fromEntries(['rank', 'name', 'email', 'pec', 'phone', 'score', 'language'].map((k) => [k, t(`rankings.fields.${k}`)]))}
            />
            <CsrfField token={c.var.csrfToken} />
            <TextField s={cand} name="rank" type="number" required label={t('rankings.fields.rank')} />
            <TextField s={cand} name="name" required label={t('rankings.fields.name')} maxLength={200} />
            <TextField s={cand} name="email" type="email" label={t('rankings.fields.email')} />
            <TextField s={cand} name="pec" type="email" label={t('rankings.fields.pec')} />
            <TextField s={cand} name="phone" type="tel" label={t('rankings.fields.phone')} />
            <TextField s={cand} name="score" label={t('rankings.fields.score')} />
            <SelectField s={cand} name="language" label={t('rankings.fields.language')} options={[{ value: 'it', label: 'Italiano' }, { value: 'en', label: 'English' }]} />
            <fieldset class="mb-4">
              <legend class="h6">{t('rankings_admin.fields.flags')}</legend>
              <div class="form-check">
                <input type="checkbox" id="preference" name="preference" value="1" checked={cand.values.preference === '1'} />
                <label for="preference">{t('rankings.fields.preference')}</label>
              </div>
              <div class="form-check">
                <input type="checkbox" id="reserve" name="reserve" value="1" checked={cand.values.reserve === '1'} />
                <label for="reserve">{t('rankings.fields.reserve')}</label>
              </div>
            </fieldset>
            <button type="submit" class="btn btn-primary">
              {t('rankings_admin.add.submit')}
            </button>
          </form>
        </>
      ) : null}
    </AdminLayout>
  );
}

// ---------- one candidate at the desk ----------

interface CandidateForms {
  contact?: FormState;
  outcome?: FormState;
  problem?: string | null;
}

function CandidatePage({ c, d, forms }: { c: Ctx; d: CandidateDetail; forms: CandidateForms }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const x = d.candidate;
  const canDesk = can(c.var.actor, rankingRules.desk);
  const contact = forms.contact ?? st(c);
  const outcome = forms.outcome ?? st(c);
  const open = d.offers.find((o) => !o.outcome);
  const inProgress = x.state === 'proposed' || x.state === 'offered';
  return (
    <AdminLayout c={c} title={x.name} flash={flash(c, 'rankings_admin.flash', FLASH)}>
      <p class="mb-1">
        <a href={lp(`${base}/${d.list.id}`)}>{t('rankings_admin.candidate.back', { call: d.callTitle })}</a>
      </p>
      <h1>{x.name}</h1>
      <Problem c={c} message={forms.problem} />
      <dl class="row">
        <dt class="col-sm-4">{t('rankings.fields.rank')}</dt>
        <dd class="col-sm-8">{x.rank}</dd>
        <dt class="col-sm-4">{t('rankings_admin.fields.state')}</dt>
        <dd class="col-sm-8" id="state">{t(`rankings.states.${x.state}`)}</dd>
        <dt class="col-sm-4">{t('rankings.fields.email')}</dt>
        <dd class="col-sm-8">{x.email ?? '—'}</dd>
        <dt class="col-sm-4">{t('rankings.fields.pec')}</dt>
        <dd class="col-sm-8">{x.pec ?? '—'}</dd>
        <dt class="col-sm-4">{t('rankings.fields.phone')}</dt>
        <dd class="col-sm-8">{x.phone ?? '—'}</dd>
        <dt class="col-sm-4">{t('rankings.fields.language')}</dt>
        <dd class="col-sm-8">{x.locale === 'en' ? 'English' : 'Italiano'}</dd>
        {open ? (
          <>
            <dt class="col-sm-4">{t('rankings_admin.candidate.deadline')}</dt>
            <dd class="col-sm-8" id="deadline">
              <time datetime={open.deadline.toISOString()}>{f.dateTime.format(open.deadline)}</time>
            </dd>
          </>
        ) : null}
      </dl>

      {canDesk && x.state === 'proposed' ? (
        <form method="post" action={lp(`${base}/candidato/${x.id}/offerta`)} class="mb-4">
          <CsrfField token={c.var.csrfToken} />
          <p>{t('rankings_admin.candidate.offer_intro', { days: d.list.answerDays })}</p>
          <button type="submit" class="btn btn-primary">
            {t('rankings_admin.candidate.offer')}
          </button>
        </form>
      ) : null}

      {canDesk && inProgress ? (
        <form method="post" action={lp(`${base}/candidato/${x.id}/esito`)} novalidate class="mb-5">
          <h2 class="h4">{t('rankings_admin.outcome.title')}</h2>
          {x.state === 'proposed' ? <p>{t('rankings_admin.outcome.before_offer', { attempts: NO_ANSWER_ATTEMPTS })}</p> : null}
          <ErrorSummary s={outcome} labels={{ outcome: t('rankings_admin.outcome.outcome'), reason: t('rankings_admin.outcome.reason'), reasonText: t('rankings_admin.outcome.reasonText') }} />
          <CsrfField token={c.var.csrfToken} />
          <SelectField
            s={outcome}
            name="outcome"
            label={t('rankings_admin.outcome.outcome')}
            required
            empty={t('rankings_admin.outcome.choose')}
            options={(x.state === 'offered' ? OFFER_OUTCOMES : (['renounced', 'not_eligible'] as const)).map((o) => ({ value: o, label: t(`rankings.outcomes.${o}`) }))}
          />
          <SelectField
            s={outcome}
            name="reason"
            label={t('rankings_admin.outcome.reason')}
            empty={t('rankings_admin.outcome.choose')}
            hint={t('rankings_admin.outcome.reason_hint')}
            options={RENUNCIATION_REASONS.map((r) => ({ value: r, label: t(`rankings.reasons.${r}`) }))}
          />
          <TextArea s={outcome} name="reasonText" label={t('rankings_admin.outcome.reasonText')} maxLength={2000} rows={3} />
          <button type="submit" class="btn btn-primary">
            {t('rankings_admin.outcome.submit')}
          </button>
        </form>
      ) : null}

      {canDesk && inProgress ? (
        <form method="post" action={lp(`${base}/candidato/${x.id}/contatto`)} novalidate class="mb-5">
          <h2 class="h4">{t('rankings_admin.contact.title')}</h2>
          <ErrorSummary s={contact} labels={{ channel: t('rankings_admin.contact.channel'), result: t('rankings_admin.contact.outcome'), notes: t('rankings_admin.contact.notes') }} />
          <CsrfField token={c.var.csrfToken} />
          <SelectField s={contact} name="channel" label={t('rankings_admin.contact.channel')} required options={CONTACT_CHANNELS.map((o) => ({ value: o, label: t(`rankings.channels.${o}`) }))} />
          <SelectField s={contact} name="result" label={t('rankings_admin.contact.outcome')} required options={CONTACT_OUTCOMES.map((o) => ({ value: o, label: t(`rankings.contact_outcomes.${o}`) }))} />
          <TextArea s={contact} name="notes" label={t('rankings_admin.contact.notes')} maxLength={2000} rows={3} />
          <button type="submit" class="btn btn-primary">
            {t('rankings_admin.contact.submit')}
          </button>
        </form>
      ) : null}

      <h2 class="h4">{t('rankings_admin.candidate.history')}</h2>
      <div class="table-responsive">
        <table class="table" id="attempts">
          <caption>{t('rankings_admin.contact.caption', { count: d.attempts.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rankings_admin.contact.at')}</th>
              <th scope="col">{t('rankings_admin.contact.channel')}</th>
              <th scope="col">{t('rankings_admin.contact.outcome')}</th>
              <th scope="col">{t('rankings_admin.contact.notes')}</th>
              <th scope="col">{t('rankings_admin.contact.by')}</th>
            </tr>
          </thead>
          <tbody>
            {d.attempts.map((a) => (
              <tr>
                <th scope="row">{f.dateTime.format(a.at)}</th>
                <td>{t(`rankings.channels.${a.channel}`)}</td>
                <td>{t(`rankings.contact_outcomes.${a.outcome}`)}</td>
                <td>{a.notes ?? '—'}</td>
                <td>{a.byLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-responsive">
        <table class="table" id="offers">
          <caption>{t('rankings_admin.candidate.offers_caption', { count: d.offers.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rankings_admin.candidate.sent')}</th>
              <th scope="col">{t('rankings_admin.candidate.deadline')}</th>
              <th scope="col">{t('rankings_admin.outcome.outcome')}</th>
              <th scope="col">{t('rankings_admin.outcome.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {d.offers.map((o) => (
              <tr>
                <th scope="row">{f.dateTime.format(o.sentAt)}</th>
                <td>{f.dateTime.format(o.deadline)}</td>
                <td>{o.outcome ? t(`rankings.outcomes.${o.outcome}`) : t('rankings_admin.candidate.awaiting')}</td>
                <td>{[o.reason ? t(`rankings.reasons.${o.reason}`) : null, o.reasonText].filter(Boolean).join(' — ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}

// ---------- routes ----------

export function rankingAdminRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(rankingRules.read));
  const body = async (c: Ctx) => formValues((await c.req.parseBody({ all: true })) as Record<string, unknown>);
  const one = (v: FormValues[string] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

  app.get('/', async (c) => {
    const filter: IndexFilter = readQuery(c, { stato: oneOf(LIST_INDEX_STATES), q: searchText });
    const r = await listRankedLists(c.var.deps, c.var.actor, { state: filter.stato, q: filter.q, page: pageParam(c) });
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<IndexPage c={c} data={r.value} filter={filter} />);
  });
  app.get('/senza-graduatoria', async (c) => {
    const r = await closedCallsWithoutList(c.var.deps, c.var.actor, pageParam(c));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<WithoutListPage c={c} data={r.value} />);
  });

  app.get('/bando/:callId', async (c) => {
    const r = await listsOfCall(c.var.deps, c.var.actor, c.req.param('callId'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<CallListsPage c={c} d={r} form={st(c)} />);
  });
  app.post('/bando/:callId', async (c) => {
    const v = await body(c);
    const r = await createList(c.var.deps, c.var.actor, c.req.param('callId'), { kind: one(v.kind) as 'main', actRef: one(v.actRef), approvedOn: one(v.approvedOn), answerDays: one(v.answerDays) || undefined, reminderDays: one(v.reminderDays) || undefined });
    if (r.ok) return c.redirect(c.var.lp(`${base}/${r.value.id}?esito=created`), 303);
    const d = await listsOfCall(c.var.deps, c.var.actor, c.req.param('callId'));
    if (!d.ok) return errorResponse(c, d.error);
    if (r.error.code === 'invalid') return c.html(<CallListsPage c={c} d={d} form={st(c, v, r.error.fields)} />, 422);
    if (r.error.code === 'invalid_state') return c.html(<CallListsPage c={c} d={d} form={st(c, v)} problem={r.error.message} />, 409);
    return errorResponse(c, r.error);
  });

  app.get('/candidato/:id', async (c) => {
    const r = await getCandidate(c.var.deps, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<CandidatePage c={c} d={r.value} forms={{}} />);
  });
  const candidateAction = (path: string, run: (c: Ctx, v: FormValues) => ReturnType<typeof logContact | typeof makeOffer | typeof recordOutcome>, esito: string, formName: 'contact' | 'outcome' | null) =>
    app.post(`/candidato/:id/${path}`, async (c) => {
      const v = await body(c);
      const r = await run(c, v);
      if (r.ok) return c.redirect(c.var.lp(`${base}/candidato/${c.req.param('id')}?esito=${esito}`), 303);
      const d = await getCandidate(c.var.deps, c.var.actor, c.req.param('id'));
      if (!d.ok) return errorResponse(c, d.error);
      if (r.error.code === 'invalid' && formName) {
        // Both forms are on one page: the contact's result field has its own id.
        const fields = formName === 'contact' && r.error.fields.outcome ? { ...r.error.fields, result: r.error.fields.outcome } : r.error.fields;
        if (formName === 'contact') delete fields.outcome;
        return c.html(<CandidatePage c={c} d={d.value} forms={{ [formName]: st(c, v, fields) }} />, 422);
      }
      if (r.error.code === 'invalid_state') return c.html(<CandidatePage c={c} d={d.value} forms={{ problem: r.error.message }} />, 409);
      return errorResponse(c, r.error);
    });
  candidateAction('contatto', (c, v) => logContact(c.var.deps, c.var.actor, c.req.param('id')!, { channel: v.channel, outcome: v.result, notes: v.notes }), 'contacted', 'contact');
  candidateAction('offerta', (c) => makeOffer(c.var.deps, c.var.actor, c.req.param('id')!), 'offered', null);
  candidateAction('esito', (c, v) => recordOutcome(c.var.deps, c.var.actor, c.req.param('id')!, v), 'recorded', 'outcome');

  app.get('/:id', async (c) => {
    const r = await getList(c.var.deps, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<ListPage c={c} d={r.value} forms={{}} />);
  });
  const listPage = async (c: Ctx, forms: ListForms, status: 409 | 422) => {
    const d = await getList(c.var.deps, c.var.actor, c.req.param('id')!);
    if (!d.ok) return errorResponse(c, d.error);
    return c.html(<ListPage c={c} d={d.value} forms={forms} />, status);
  };
  app.post('/:id/pubblica', async (c) => {
    const r = await publishList(c.var.deps, c.var.actor, c.req.param('id'));
    if (r.ok) return c.redirect(c.var.lp(`${base}/${r.value.id}?esito=published`), 303);
    if (r.error.code === 'invalid_state') return listPage(c, { problem: r.error.message }, 409);
    return errorResponse(c, r.error);
  });
  app.post('/:id/candidati', async (c) => {
    const v = await body(c);
    const r = await addCandidate(c.var.deps, c.var.actor, c.req.param('id'), Object.fromEntries(Object.entries(v).map(([k, x]) => [k, one(x)])));
    if (r.ok) return c.redirect(c.var.lp(`${base}/${c.req.param('id')}?esito=added`), 303);
    if (r.error.code === 'invalid') return listPage(c, { candidate: st(c, v, r.error.fields) }, 422);
    return errorResponse(c, r.error);
  });
  app.post('/:id/posti', async (c) => {
    const v = await body(c);
    const r = await openPosts(c.var.deps, c.var.actor, c.req.param('id'), { posts: one(v.posts), note: one(v.note) });
    if (r.ok) return c.redirect(c.var.lp(`${base}/${c.req.param('id')}?esito=opened`), 303);
    if (r.error.code === 'invalid') return listPage(c, { posts: st(c, v, r.error.fields) }, 422);
    if (r.error.code === 'invalid_state') return listPage(c, { problem: r.error.message }, 409);
    return errorResponse(c, r.error);
  });
  app.route('/', rankingImportRoutes(listPage));
  return app;
}
