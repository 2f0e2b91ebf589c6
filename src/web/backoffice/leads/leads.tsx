// The welcome team's inbox (/admin/contatti): leads by status with counts, assignee and text
// filters; a lead's page with the person's data, the consent record, status, assignee, notes and
// (admins) erasure behind a confirmation step.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextArea, type FormState } from '../../kit/form.tsx';
import { formValues, type FormValues } from '../../../platform/forms/index.ts';
import { can } from '../../../platform/authz/index.ts';
import { fmt } from '../../../platform/i18n/format.ts';
import { hasKey, type Locale, type Translator } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { addLeadNote, assignableStaff, eraseLead, getLead, LEAD_STATUSES, listLeads, NOTE_MAX, updateLead, type LeadDetail, type LeadFilter, type LeadList, type LeadStatus, leadRules } from '../../../domains/leads/index.ts';
import { errorResponse, flash, requireRule } from '../../kit/guard.tsx';
import { caseIdByEmail } from '../../../domains/cases/index.ts';
import { pageParam } from '../../kit/pager.tsx';
import { AssigneeFilter, FilterForm, FilterSearch, pageCaption, ResultTable, StatusTabs } from '../../kit/list-page.tsx';
import { assigneeValue, listHref, oneOf, readQuery, searchText } from '../../kit/list-query.ts';

const FLASH = ['updated', 'noted', 'erased'] as const;
type Staff = { id: string; name: string; email: string };

const state = (c: Ctx, values: FormValues = {}, errors: FieldErrors = {}): FormState => ({ values, errors, t: c.var.t });

/** A known source by its name; another capability's code (or an old one) as it is. */
const sourceLabel = (t: Translator, locale: Locale, source: string) => (hasKey(locale, `leads_admin.sources.${source}`) ? t(`leads_admin.sources.${source}`) : source);

function listFilter(c: Ctx): LeadFilter & { raw: Record<string, string | undefined> } {
  const raw = readQuery(c, { stato: oneOf(LEAD_STATUSES), assegnatario: assigneeValue, q: searchText });
  return { status: raw.stato, assignee: raw.assegnatario, q: raw.q, page: pageParam(c), raw };
}

function ListPage({ c, data, filter, staff, notice }: { c: Ctx; data: LeadList; filter: ReturnType<typeof listFilter>; staff: Staff[]; notice: string | null }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const tabs: (LeadStatus | undefined)[] = [undefined, ...LEAD_STATUSES];
  const assigneeLabel = (id: string | null, name: string | null) => (id ? (name ?? t('leads_admin.unknown_person')) : t('leads_admin.nobody'));
  return (
    <AdminLayout c={c} title={t('leads_admin.title')} flash={notice}>
      <h1>{t('leads_admin.title')}</h1>
      <p>{t('leads_admin.intro')}</p>
      <StatusTabs
        c={c}
        label={t('leads_admin.tabs_label')}
        tabs={tabs.map((s) => ({
          label: s ? t(`leads_admin.tabs.${s}`) : t('leads_admin.tabs.all'),
          count: data.counts[s ?? 'all'],
          href: listHref(c, '/admin/contatti', { ...filter.raw, stato: s }),
          current: filter.status === s,
        }))}
      />
      <FilterForm c={c} action="/admin/contatti" label={t('leads_admin.filters_label')} hidden={{ stato: filter.status }} submit={t('leads_admin.filter')}>
        <AssigneeFilter c={c} ns="leads_admin" value={filter.assignee} staff={staff} col="col-md-5" />
        <FilterSearch label={t('leads_admin.search')} value={filter.q} col="col-md-5" />
      </FilterForm>
      <ResultTable
        c={c}
        caption={pageCaption(c, 'leads_admin.caption', data)}
        columns={[t('leads.fields.name'), t('leads.fields.email'), t('leads.fields.professionCode'), t('leads_admin.status'), t('leads_admin.assignee'), t('leads_admin.received'), t('leads_admin.source')]}
        count={data.items.length}
        empty={t('leads_admin.none')}
        paging={{ page: data.page, pages: data.pages, params: filter.raw }}
      >
        {data.items.map((l) => (
          <tr>
            <th scope="row">
              <a href={lp(`/admin/contatti/${l.id}`)}>{l.name}</a>
            </th>
            <td>{l.email}</td>
            <td>{l.professionName ?? l.professionCode}</td>
            <td>{t(`leads.statuses.${l.status}`)}</td>
            <td>{assigneeLabel(l.assigneeId, l.assigneeName)}</td>
            <td>
              <time datetime={l.createdAt.toISOString()}>{f.dateTime.format(l.createdAt)}</time>
            </td>
            <td>{l.source ? sourceLabel(t, locale, l.source) : ''}</td>
          </tr>
        ))}
      </ResultTable>
    </AdminLayout>
  );
}

function Row({ label, children }: { label: string; children?: unknown }) {
  return (
    <>
      <dt class="col-sm-4">{label}</dt>
      <dd class="col-sm-8">{children as never}</dd>
    </>
  );
}

interface DetailForms {
  update?: FormState;
  note?: FormState;
}

function DetailPage({ c, d, staff, forms = {}, notice, caseId }: { c: Ctx; d: LeadDetail; staff: Staff[]; forms?: DetailForms; notice?: string | null; caseId?: string | null }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const { lead } = d;
  const none = <em>{t('leads_admin.not_given')}</em>;
  const base = `/admin/contatti/${lead.id}`;
  const update = forms.update ?? state(c, { status: lead.status, assigneeId: lead.assigneeId ?? '' });
  const note = forms.note ?? state(c);
  const canErase = can(c.var.actor, leadRules.erase);
  // A former assignee no longer active still shows as the current value.
  const people = lead.assigneeId && !staff.some((u) => u.id === lead.assigneeId) ? [...staff, { id: lead.assigneeId, name: d.assigneeName ?? t('leads_admin.unknown_person'), email: '' }] : staff;
  const when = (date: Date | null) => (date ? <time datetime={date.toISOString()}>{f.dateTime.format(date)}</time> : none);
  return (
    <AdminLayout c={c} title={lead.name} flash={notice}>
      <p>
        <a href={lp('/admin/contatti')}>{t('leads_admin.back')}</a>
      </p>
      <h1>{lead.name}</h1>
      <p class="lead">
        {t('leads_admin.summary', { status: t(`leads.statuses.${lead.status}`), date: f.dateTime.format(lead.createdAt) })}
      </p>

      <section class="mb-5" aria-labelledby="person">
        <h2 id="person">{t('leads_admin.person')}</h2>
        <dl class="row">
          <Row label={t('leads.fields.email')}>
            <a href={`mailto:${lead.email}`}>{lead.email}</a>
          </Row>
          <Row label={t('leads.fields.phone')}>{lead.phone ? <a href={`tel:${lead.phone.replace(/[^\d+]/g, '')}`}>{lead.phone}</a> : none}</Row>
          <Row label={t('leads.fields.professionCode')}>{d.professionName ?? lead.professionCode}</Row>
          <Row label={t('leads.fields.specialisationCode')}>{d.specialisationName ?? none}</Row>
          <Row label={t('leads.fields.preferredTime')}>{t(`leads.preferred_times.${lead.preferredTime}`)}</Row>
          <Row label={t('leads_admin.language')}>{t(`leads_admin.languages.${lead.locale}`)}</Row>
          <Row label={t('leads_admin.call')}>{d.call ? <a href={lp(`/bandi/${d.call.slug}`)}>{d.call.title}</a> : none}</Row>
          <Row label={t('leads_admin.source')}>{lead.source ? sourceLabel(t, locale, lead.source) : none}</Row>
          <Row label={t('leads_admin.contacted_at')}>{when(lead.contactedAt)}</Row>
          <Row label={t('leads_admin.closed_at')}>{when(lead.closedAt)}</Row>
          <Row label={t('leads_admin.updated_at')}>{when(lead.updatedAt)}</Row>
          <Row label={t('cases_admin.case_link')}>{caseId ? <a href={lp(`/admin/casi/${caseId}`)}>{t('cases_admin.open_case')}</a> : none}</Row>
        </dl>
        <h3 class="h5">{t('leads.fields.message')}</h3>
        {lead.message ? <p class="lead-message">{lead.message}</p> : <p>{none}</p>}
      </section>

      <section class="mb-5" aria-labelledby="work">
        <h2 id="work">{t('leads_admin.work')}</h2>
        <ErrorSummary s={update} labels={{ status: t('leads_admin.status'), assigneeId: t('leads_admin.assignee') }} />
        <form method="post" action={lp(base)} novalidate>
          <CsrfField token={c.var.csrfToken} />
          <div class="row">
            <div class="col-md-6">
              <SelectField s={update} name="status" label={t('leads_admin.status')} options={LEAD_STATUSES.map((s) => ({ value: s, label: t(`leads.statuses.${s}`) }))} />
            </div>
            <div class="col-md-6">
              <SelectField
                s={update}
                name="assigneeId"
                label={t('leads_admin.assignee')}
                empty={t('leads_admin.nobody')}
                options={people.map((u) => ({ value: u.id, label: u.id === c.var.user?.id ? t('leads_admin.me', { name: u.name }) : u.name }))}
              />
            </div>
          </div>
          <FormActions>
            <button type="submit" class="btn btn-primary">
              {t('leads_admin.save')}
            </button>
          </FormActions>
        </form>
      </section>

      <section class="mb-5" aria-labelledby="notes">
        <h2 id="notes">{t('leads_admin.notes')}</h2>
        <ErrorSummary s={note} labels={{ body: t('leads_admin.note') }} />
        <form method="post" action={lp(`${base}/note`)} novalidate>
          <CsrfField token={c.var.csrfToken} />
          <TextArea s={note} name="body" label={t('leads_admin.note')} required maxLength={NOTE_MAX} rows={3} hint={t('leads_admin.note_hint')} />
          <button type="submit" class="btn btn-primary">
            {t('leads_admin.add_note')}
          </button>
        </form>
        {d.notes.length ? (
          <ol class="list-unstyled mt-4">
            {d.notes.map((n) => (
              <li class="border-bottom py-3">
                <p class="small mb-1">
                  <strong>{n.authorLabel}</strong>
                  {' · '}
                  <time datetime={n.createdAt.toISOString()}>{f.dateTime.format(n.createdAt)}</time>
                </p>
                <p class="mb-0 lead-message">{n.body}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p class="mt-4">{t('leads_admin.no_notes')}</p>
        )}
      </section>

      <section class="mb-5" aria-labelledby="consent">
        <h2 id="consent">{t('leads_admin.consent')}</h2>
        {d.consents.length ? (
          <div class="table-responsive">
            <table class="table table-sm">
              <caption>{t('leads_admin.consent_caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('leads_admin.consent_given')}</th>
                  <th scope="col">{t('leads_admin.consent_version')}</th>
                  <th scope="col">{t('leads_admin.source')}</th>
                  <th scope="col">{t('leads_admin.consent_utm')}</th>
                </tr>
              </thead>
              <tbody>
                {d.consents.map((r) => (
                  <tr>
                    <td>
                      <time datetime={r.givenAt.toISOString()}>{f.dateTime.format(r.givenAt)}</time>
                    </td>
                    <td>{r.noticeVersion}</td>
                    <td>{r.source ? sourceLabel(t, locale, r.source) : t('leads_admin.not_given')}</td>
                    <td>
                      {r.utm && Object.keys(r.utm).length
                        ? Object.entries(r.utm)
                            .map(([k, v]) => `${k}=${v}`)
                            .join(', ')
                        : t('leads_admin.not_given')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('leads_admin.no_consent')}</p>
        )}
      </section>

      {canErase ? (
        <section class="mb-5" aria-labelledby="erase">
          <h2 id="erase">{t('leads_admin.erase_title')}</h2>
          <p>{t('leads_admin.erase_intro')}</p>
          <p>
            <a class="btn btn-outline-danger" href={lp(`${base}/cancella`)}>
              {t('leads_admin.erase_start')}
            </a>
          </p>
        </section>
      ) : null}
    </AdminLayout>
  );
}

function ErasePage({ c, d }: { c: Ctx; d: LeadDetail }) {
  const { t, lp } = c.var;
  const base = `/admin/contatti/${d.lead.id}`;
  return (
    <AdminLayout c={c} title={t('leads_admin.erase_confirm_title', { name: d.lead.name })}>
      <h1>{t('leads_admin.erase_confirm_title', { name: d.lead.name })}</h1>
      <p>{t('leads_admin.erase_confirm_text')}</p>
      <ul>
        <li>{t('leads_admin.erase_what_lead')}</li>
        <li>{t('leads_admin.erase_what_notes', { count: d.notes.length })}</li>
        <li>{t('leads_admin.erase_what_consent')}</li>
        <li>{t('leads_admin.erase_what_mails')}</li>
      </ul>
      <p>{t('leads_admin.erase_irreversible')}</p>
      <form method="post" action={lp(`${base}/cancella`)}>
        <CsrfField token={c.var.csrfToken} />
        <FormActions>
          <button type="submit" class="btn btn-danger">
            {t('leads_admin.erase_confirm')}
          </button>
          <a class="btn btn-outline-primary" href={lp(base)}>
            {t('leads_admin.cancel')}
          </a>
        </FormActions>
      </form>
    </AdminLayout>
  );
}

export function leadAdminRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(leadRules.read));

  const detail = async (c: Ctx, forms: DetailForms, status: 422) => {
    const [r, staff] = await Promise.all([getLead(c.var.deps.db, c.var.actor, c.req.param('id') ?? ''), assignableStaff(c.var.deps.db)]);
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<DetailPage c={c} d={r.value} staff={staff} forms={forms} />, status);
  };

  app.get('/', async (c) => {
    const filter = listFilter(c);
    const [r, staff] = await Promise.all([listLeads(c.var.deps.db, c.var.actor, filter), assignableStaff(c.var.deps.db)]);
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<ListPage c={c} data={r.value} filter={filter} staff={staff} notice={flash(c, 'leads_admin.flash', FLASH)} />);
  });

  app.get('/:id', async (c) => {
    const [r, staff] = await Promise.all([getLead(c.var.deps.db, c.var.actor, c.req.param('id')), assignableStaff(c.var.deps.db)]);
    if (!r.ok) return errorResponse(c, r.error);
    const caseId = await caseIdByEmail(c.var.deps.db, c.var.actor, r.value.lead.email);
    return c.html(<DetailPage c={c} d={r.value} staff={staff} notice={flash(c, 'leads_admin.flash', FLASH)} caseId={caseId} />);
  });

  app.post('/:id', requireRule(leadRules.update), async (c) => {
    const id = c.req.param('id');
    const values = formValues(await c.req.parseBody({ all: true }));
    const r = await updateLead(c.var.deps, c.var.actor, id, values);
    if (r.ok) return c.redirect(`${c.var.lp(`/admin/contatti/${id}`)}?esito=updated`, 303);
    if (r.error.code === 'invalid') return detail(c, { update: state(c, values, r.error.fields) }, 422);
    return errorResponse(c, r.error);
  });

  app.post('/:id/note', requireRule(leadRules.update), async (c) => {
    const id = c.req.param('id');
    const values = formValues(await c.req.parseBody({ all: true }));
    const r = await addLeadNote(c.var.deps, c.var.actor, id, values);
    if (r.ok) return c.redirect(`${c.var.lp(`/admin/contatti/${id}`)}?esito=noted`, 303);
    if (r.error.code === 'invalid') return detail(c, { note: state(c, values, r.error.fields) }, 422);
    return errorResponse(c, r.error);
  });

  app.get('/:id/cancella', requireRule(leadRules.erase), async (c) => {
    const r = await getLead(c.var.deps.db, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<ErasePage c={c} d={r.value} />);
  });

  app.post('/:id/cancella', requireRule(leadRules.erase), async (c) => {
    const r = await eraseLead(c.var.deps, c.var.actor, c.req.param('id'));
    if (r.ok) return c.redirect(`${c.var.lp('/admin/contatti')}?esito=erased`, 303);
    return errorResponse(c, r.error);
  });

  return app;
}
