// Meetings and webinars in the back office (/admin/incontri): the list (upcoming or past, by kind),
// the form to create or edit one, its page with levers (directors), registrants with attendance and
// their export, inviting a call's ranked candidates or one person by hand, cancelling the meeting,
// and the summary of the levers agreed per discipline.
import { Hono } from 'hono';
import { raw } from 'hono/html';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { CheckboxGroup, CsrfField, ErrorSummary, FormActions, SelectField, TextArea, TextField, type FormState } from '../../kit/form.tsx';
import { sendExport } from '../../kit/export.ts';
import { formValues, type FormValues } from '../../../platform/forms/index.ts';
import { fmt, toRomeLocal } from '../../../platform/i18n/format.ts';
import { renderMarkdown } from '../../../platform/markdown.ts';
import { EXPORT_FORMATS, type ExportColumn, type ExportFormat } from '../../../platform/export/index.ts';
import type { FieldErrors } from '../../../platform/result.ts';
import { addLever, cancelMeeting, createMeeting, inviteCandidates, meetingInvitees, meetingWhen, registerPerson, type Invitee, DESCRIPTION_MAX, getMeeting, LEVER_KINDS, leverSummary, listMeetings, markAttendance, MEETING_KINDS, meetingFormOptions, removeLever, updateMeeting, type MeetingDetail, type MeetingKind, type Registration, meetingRules } from '../../../domains/meetings/index.ts';
import { errorResponse, flash, requireRule } from '../../kit/guard.tsx';
import { pageParam } from '../../kit/pager.tsx';
import { FilterForm, FilterSelect, pageCaption, ResultTable, StatusTabs } from '../../kit/list-page.tsx';
import { listHref } from '../../kit/list-query.ts';

const FLASH = ['created', 'updated', 'lever_added', 'lever_removed', 'attendance', 'cancelled', 'registered', 'already_registered', 'invited'] as const;
const state = (c: Ctx, values: FormValues = {}, errors: FieldErrors = {}): FormState => ({ values, errors, t: c.var.t });
const isKind = (v: string | undefined): v is MeetingKind => !!v && (MEETING_KINDS as readonly string[]).includes(v);
type Options = Awaited<ReturnType<typeof meetingFormOptions>>;

function ListPage({ c, data, when, kind, notice }: { c: Ctx; data: Extract<Awaited<ReturnType<typeof listMeetings>>, { ok: true }>['value']; when: 'upcoming' | 'past'; kind?: MeetingKind; notice: string | null }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  return (
    <AdminLayout c={c} title={t('meetings_admin.title')} flash={notice}>
      <h1>{t('meetings_admin.title')}</h1>
      <p>
        <a class="btn btn-primary me-2" href={lp('/admin/incontri/nuovo')}>
          {t('meetings_admin.new')}
        </a>
        <a class="btn btn-outline-primary" href={lp('/admin/incontri/leve')}>
          {t('meetings_admin.levers_summary')}
        </a>
      </p>
      <StatusTabs
        c={c}
        label={t('meetings_admin.when_label')}
        tabs={(['upcoming', 'past'] as const).map((w) => ({ label: t(`meetings_admin.when.${w}`), href: listHref(c, '/admin/incontri', { quando: w, tipo: kind }), current: when === w }))}
      />
      <FilterForm c={c} action="/admin/incontri" label={t('meetings_admin.filter_label')} hidden={{ quando: when }} submit={t('meetings_admin.filter')}>
        <FilterSelect
          id="tipo"
          label={t('meetings_admin.fields.kind')}
          value={kind}
          all={t('meetings_admin.any_kind')}
          options={MEETING_KINDS.map((k) => ({ value: k, label: t(`meetings_admin.kinds.${k}`) }))}
          col="col-md-6"
        />
      </FilterForm>
      <ResultTable
        c={c}
        caption={pageCaption(c, 'meetings_admin.caption', data)}
        columns={[t('meetings_admin.fields.title'), t('meetings_admin.fields.kind'), t('meetings_admin.starts'), t('meetings_admin.registered')]}
        count={data.items.length}
        empty={t('meetings_admin.none')}
        paging={{ page: data.page, pages: data.pages, params: { quando: when, tipo: kind } }}
      >
        {data.items.map((m) => (
          <tr>
            <th scope="row">
              <a href={lp(`/admin/incontri/${m.id}`)}>{m.title}</a>
            </th>
            <td>{t(`meetings_admin.kinds.${m.kind}`)}</td>
            <td>
              <time datetime={m.startsAt.toISOString()}>{f.dateTime.format(m.startsAt)}</time>
            </td>
            <td>{m.capacity === null ? String(m.registered) : `${m.registered} / ${m.capacity}`}</td>
          </tr>
        ))}
      </ResultTable>
    </AdminLayout>
  );
}

const formLabels = (c: Ctx) => {
  const t = c.var.t;
  return Object.fromEntries(
    ['kind', 'title', 'descriptionMd', 'disciplineCode', 'callId', 'date', 'startTime', 'endDate', 'endTime', 'mode', 'location', 'capacity', 'registrationOpen'].map((k) => [k, t(`meetings_admin.fields.${k}`)]),
  );
};

function MeetingForm({ c, s, options, id, kind }: { c: Ctx; s: FormState; options: Options; id?: string; kind?: MeetingKind }) {
  const { t, lp } = c.var;
  const L = formLabels(c);
  const title = id ? t('meetings_admin.edit') : t('meetings_admin.new');
  return (
    <AdminLayout c={c} title={title}>
      <p>
        <a href={lp(id ? `/admin/incontri/${id}` : '/admin/incontri')}>{t('meetings_admin.back')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary s={s} labels={L} />
      <form method="post" action={lp(id ? `/admin/incontri/${id}/modifica` : '/admin/incontri/nuovo')} novalidate>
        <CsrfField token={c.var.csrfToken} />
        {kind ? (
          <>
            <input type="hidden" name="kind" value={kind} />
            <p>
              <strong>{L.kind}:</strong> {t(`meetings_admin.kinds.${kind}`)}
            </p>
          </>
        ) : (
          <SelectField s={s} name="kind" label={L.kind} required hint={t('meetings_admin.kind_hint')} options={MEETING_KINDS.map((k) => ({ value: k, label: t(`meetings_admin.kinds.${k}`) }))} />
        )}
        <TextField s={s} name="title" label={L.title} required maxLength={200} />
        <TextArea s={s} name="descriptionMd" label={L.descriptionMd} maxLength={DESCRIPTION_MAX} rows={6} hint={t('meetings_admin.markdown_hint')} />
        <SelectField
          s={s}
          name="disciplineCode"
          label={L.disciplineCode}
          empty={t('meetings_admin.choose')}
          hint={t('meetings_admin.discipline_hint')}
          options={options.disciplines.map((d) => ({ value: String(d.code), label: d.name }))}
        />
        <SelectField s={s} name="callId" label={L.callId} empty={t('meetings_admin.choose')} hint={t('meetings_admin.call_hint')} options={options.calls.map((x) => ({ value: x.id, label: x.title }))} />
        <div class="row">
          <div class="col-md-6">
            <TextField s={s} name="date" type="date" label={L.date} required />
          </div>
          <div class="col-md-6">
            <TextField s={s} name="startTime" type="time" label={L.startTime} required hint={t('meetings_admin.rome_hint')} />
          </div>
        </div>
        <div class="row">
          <div class="col-md-6">
            <TextField s={s} name="endDate" type="date" label={L.endDate} hint={t('meetings_admin.end_date_hint')} />
          </div>
          <div class="col-md-6">
            <TextField s={s} name="endTime" type="time" label={L.endTime} required hint={t('meetings_admin.rome_hint')} />
          </div>
        </div>
        <SelectField s={s} name="mode" label={L.mode} options={(['video', 'in_person'] as const).map((m) => ({ value: m, label: t(`meetings_admin.modes.${m}`) }))} />
        <TextField s={s} name="location" label={L.location} required maxLength={500} hint={t('meetings_admin.location_hint')} />
        <TextField s={s} name="capacity" type="number" label={L.capacity} hint={t('meetings_admin.capacity_hint')} />
        <CheckboxGroup s={s} name="registrationOpen" legend={t('meetings_admin.registration_legend')} options={[{ value: 'on', label: L.registrationOpen }]} />
        <FormActions>
          <button type="submit" class="btn btn-primary">
            {t('meetings_admin.save')}
          </button>
        </FormActions>
      </form>
    </AdminLayout>
  );
}

function DetailPage({ c, d, lever, person, notice }: { c: Ctx; d: MeetingDetail; lever?: FormState; person?: FormState; notice?: string | null }) {
  const { t, lp, locale } = c.var;
  const f = fmt(locale);
  const m = d.meeting;
  const base = `/admin/incontri/${m.id}`;
  const lv = lever ?? state(c);
  const ps = person ?? state(c, { locale: 'it' });
  const scheduled = m.status === 'scheduled';
  const personLabels = { name: t('meetings.fields.name'), email: t('meetings.fields.email'), locale: t('meetings.fields.locale') };
  const active = d.registrations.filter((r) => r.status === 'registered');
  const started = m.startsAt <= c.var.deps.now();
  const html = renderMarkdown(m.descriptionMd);
  return (
    <AdminLayout c={c} title={m.title} flash={notice}>
      <p>
        <a href={lp('/admin/incontri')}>{t('meetings_admin.back')}</a>
      </p>
      <h1>{m.title}</h1>
      {m.status === 'cancelled' ? (
        <p class="alert alert-warning" role="note">
          {t('meetings_admin.cancelled_note')}
        </p>
      ) : null}
      <dl class="row">
        <dt class="col-sm-4">{t('meetings_admin.status')}</dt>
        <dd class="col-sm-8">{t(`meetings_admin.meeting_status.${m.status}`)}</dd>
        <dt class="col-sm-4">{t('meetings_admin.fields.kind')}</dt>
        <dd class="col-sm-8">{t(`meetings_admin.kinds.${m.kind}`)}</dd>
        {d.disciplineName ? (
          <>
            <dt class="col-sm-4">{t('meetings_admin.fields.disciplineCode')}</dt>
            <dd class="col-sm-8">{d.disciplineName}</dd>
          </>
        ) : null}
        {d.call ? (
          <>
            <dt class="col-sm-4">{t('meetings_admin.fields.callId')}</dt>
            <dd class="col-sm-8">
              <a href={lp(`/admin/bandi/${d.call.id}`)}>{d.call.title}</a>
            </dd>
          </>
        ) : null}
        <dt class="col-sm-4">{t('meetings_admin.starts')}</dt>
        <dd class="col-sm-8">
          <time datetime={m.startsAt.toISOString()}>{meetingWhen(locale, m)}</time>
        </dd>
        <dt class="col-sm-4">{t(`meetings_admin.modes.${m.mode}`)}</dt>
        <dd class="col-sm-8">{m.mode === 'video' ? <a href={m.location}>{m.location}</a> : m.location}</dd>
        <dt class="col-sm-4">{t('meetings_admin.fields.capacity')}</dt>
        <dd class="col-sm-8">{m.capacity === null ? t('meetings_admin.no_limit') : String(m.capacity)}</dd>
        {m.kind === 'webinar' ? (
          <>
            <dt class="col-sm-4">{t('meetings_admin.public_page')}</dt>
            <dd class="col-sm-8">{m.registrationOpen ? <a href={lp(`/webinar/${m.slug}`)}>{`/webinar/${m.slug}`}</a> : t('meetings_admin.registration_closed')}</dd>
          </>
        ) : null}
      </dl>
      {html ? <div class="markdown mb-4">{raw(html)}</div> : null}
      {scheduled ? (
        <p>
          <a class="btn btn-outline-primary me-2" href={lp(`${base}/modifica`)}>
            {t('meetings_admin.edit')}
          </a>
          {m.kind === 'candidates' && d.call ? (
            <a class="btn btn-outline-primary me-2" href={lp(`${base}/invita`)}>
              {t('meetings_admin.invite.link')}
            </a>
          ) : null}
          <a class="btn btn-outline-danger" href={lp(`${base}/annulla`)}>
            {t('meetings_admin.cancel.link')}
          </a>
        </p>
      ) : null}

      {m.kind === 'directors' ? (
        <section class="mb-5" aria-labelledby="levers">
          <h2 id="levers">{t('meetings_admin.levers')}</h2>
          {d.levers.length ? (
            <div class="table-responsive">
              <table class="table">
                <caption>{t('meetings_admin.levers_caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('meetings_admin.lever.kind')}</th>
                    <th scope="col">{t('meetings_admin.lever.description')}</th>
                    <th scope="col">{t('meetings_admin.lever.owner')}</th>
                    <th scope="col">{t('meetings_admin.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.levers.map((l) => (
                    <tr>
                      <th scope="row">{t(`meetings_admin.lever_kinds.${l.kind}`)}</th>
                      <td>{l.description}</td>
                      <td>{l.owner ?? ''}</td>
                      <td>
                        <form method="post" action={lp(`${base}/leve/${l.id}/elimina`)}>
                          <CsrfField token={c.var.csrfToken} />
                          <button type="submit" class="btn btn-outline-danger btn-sm">
                            {t('meetings_admin.lever.remove', { kind: t(`meetings_admin.lever_kinds.${l.kind}`) })}
                          </button>
                        </form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t('meetings_admin.no_levers')}</p>
          )}
          <h3 class="h5">{t('meetings_admin.lever.add_title')}</h3>
          <ErrorSummary s={lv} labels={{ kind: t('meetings_admin.lever.kind'), description: t('meetings_admin.lever.description'), owner: t('meetings_admin.lever.owner') }} />
          <form method="post" action={lp(`${base}/leve`)} novalidate>
            <CsrfField token={c.var.csrfToken} />
            <SelectField s={lv} name="kind" label={t('meetings_admin.lever.kind')} required options={LEVER_KINDS.map((k) => ({ value: k, label: t(`meetings_admin.lever_kinds.${k}`) }))} />
            <TextField s={lv} name="description" label={t('meetings_admin.lever.description')} required maxLength={1000} />
            <TextField s={lv} name="owner" label={t('meetings_admin.lever.owner')} maxLength={200} hint={t('meetings_admin.lever.owner_hint')} />
            <button type="submit" class="btn btn-primary">
              {t('meetings_admin.lever.add')}
            </button>
          </form>
        </section>
      ) : null}

      {m.kind !== 'directors' || d.registrations.length ? (
        <section class="mb-5" aria-labelledby="registrants">
          <h2 id="registrants">{t('meetings_admin.registrants')}</h2>
          {d.registrations.length ? (
            <>
              <p>
                {EXPORT_FORMATS.map((x) => (
                  <a class="btn btn-outline-primary btn-sm me-2" href={lp(`${base}/iscritti?formato=${x}`)}>
                    {t('meetings_admin.export', { format: x.toUpperCase() })}
                  </a>
                ))}
              </p>
              <form method="post" action={lp(`${base}/presenze`)}>
                <CsrfField token={c.var.csrfToken} />
                <div class="table-responsive">
                  <table class="table">
                    <caption>{t('meetings_admin.registrants_caption', { count: active.length })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('meetings.fields.name')}</th>
                        <th scope="col">{t('meetings.fields.email')}</th>
                        <th scope="col">{t('meetings_admin.status')}</th>
                        <th scope="col">{t('meetings_admin.attended')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.registrations.map((r) => (
                        <tr>
                          <th scope="row">{r.caseId ? <a href={lp(`/admin/casi/${r.caseId}`)}>{r.name}</a> : r.name}</th>
                          <td>{r.email}</td>
                          <td>{t(`meetings_admin.reg_status.${r.status}`)}</td>
                          <td>
                            {r.status === 'registered' && started ? (
                              <div class="form-check my-0">
                                <input type="checkbox" id={`att-${r.id}`} name="present" value={r.id} checked={r.attended === true} />
                                <label for={`att-${r.id}`}>{t('meetings_admin.present', { name: r.name })}</label>
                              </div>
                            ) : r.attended === null ? (
                              t('meetings_admin.not_marked')
                            ) : (
                              t(r.attended ? 'meetings_admin.yes' : 'meetings_admin.no')
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {started && active.length ? (
                  <button type="submit" class="btn btn-primary">
                    {t('meetings_admin.save_attendance')}
                  </button>
                ) : (
                  <p>{t('meetings_admin.attendance_after')}</p>
                )}
              </form>
            </>
          ) : (
            <p>{t('meetings_admin.no_registrants')}</p>
          )}
          {scheduled ? (
            <>
              <h3 class="h5">{t('meetings_admin.person.title')}</h3>
              <p>{t('meetings_admin.person.intro')}</p>
              <ErrorSummary s={ps} labels={personLabels} />
              <form method="post" action={lp(`${base}/iscrivi`)} novalidate>
                <CsrfField token={c.var.csrfToken} />
                <TextField s={ps} name="name" label={personLabels.name} required maxLength={200} />
                <TextField s={ps} name="email" type="email" label={personLabels.email} required maxLength={254} />
                <SelectField s={ps} name="locale" label={personLabels.locale} options={(['it', 'en'] as const).map((l) => ({ value: l, label: t(`meetings.languages.${l}`) }))} />
                <button type="submit" class="btn btn-primary">
                  {t('meetings_admin.person.submit')}
                </button>
              </form>
            </>
          ) : null}
        </section>
      ) : null}
    </AdminLayout>
  );
}

function LeversPage({ c, rows }: { c: Ctx; rows: Extract<Awaited<ReturnType<typeof leverSummary>>, { ok: true }>['value'] }) {
  const { t, lp } = c.var;
  const groups = new Map<number, { name: string; rows: typeof rows }>();
  for (const r of rows) {
    const g = groups.get(r.disciplineCode) ?? { name: r.disciplineName, rows: [] };
    g.rows.push(r);
    groups.set(r.disciplineCode, g);
  }
  return (
    <AdminLayout c={c} title={t('meetings_admin.levers_summary')}>
      <p>
        <a href={lp('/admin/incontri')}>{t('meetings_admin.back')}</a>
      </p>
      <h1>{t('meetings_admin.levers_summary')}</h1>
      <p>{t('meetings_admin.levers_summary_intro')}</p>
      {groups.size ? (
        [...groups.entries()].map(([code, g]) => (
          <section class="mb-4" aria-labelledby={`disc-${code}`}>
            <h2 id={`disc-${code}`} class="h4">
              {g.name}
            </h2>
            <div class="table-responsive">
              <table class="table table-sm">
                <caption>{t('meetings_admin.levers_of', { discipline: g.name, count: g.rows.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('meetings_admin.lever.kind')}</th>
                    <th scope="col">{t('meetings_admin.lever.description')}</th>
                    <th scope="col">{t('meetings_admin.lever.owner')}</th>
                    <th scope="col">{t('meetings_admin.meeting')}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.rows.map((r) => (
                    <tr>
                      <th scope="row">{t(`meetings_admin.lever_kinds.${r.kind}`)}</th>
                      <td>{r.description}</td>
                      <td>{r.owner ?? ''}</td>
                      <td>
                        <a href={lp(`/admin/incontri/${r.meetingId}`)}>{r.meetingTitle}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))
      ) : (
        <p>{t('meetings_admin.no_levers')}</p>
      )}
    </AdminLayout>
  );
}

function InvitePage({ c, d, invitees, error }: { c: Ctx; d: MeetingDetail; invitees: Invitee[]; error?: string }) {
  const { t, lp } = c.var;
  const m = d.meeting;
  const base = `/admin/incontri/${m.id}`;
  const title = t('meetings_admin.invite.title', { title: m.title });
  const open = invitees.filter((i) => i.email && !i.registered);
  const lists = [...new Set(invitees.map((i) => i.listTitle + '\u0000' + i.listKind))];
  return (
    <AdminLayout c={c} title={title}>
      <p>
        <a href={lp(base)}>{t('meetings_admin.invite.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('meetings_admin.invite.intro', { call: d.call?.title ?? '' })}</p>
      {error ? (
        <div class="alert alert-danger" role="alert" id="candidates-error">
          {t(error)}
        </div>
      ) : null}
      {!invitees.length ? (
        <p>{t('meetings_admin.invite.none')}</p>
      ) : (
        <>
          <form method="post" action={lp(`${base}/invita`)} class="mb-4">
            <CsrfField token={c.var.csrfToken} />
            <input type="hidden" name="tutti" value="on" />
            <button type="submit" class="btn btn-primary" disabled={!open.length}>
              {t('meetings_admin.invite.all', { count: open.length })}
            </button>
          </form>
          <form method="post" action={lp(`${base}/invita`)}>
            <CsrfField token={c.var.csrfToken} />
            {lists.map((key) => {
              const [listTitle, listKind] = key.split('\u0000') as [string, string];
              const rows = invitees.filter((i) => i.listTitle === listTitle && i.listKind === listKind);
              return (
                <div class="table-responsive">
                  <table class="table">
                    <caption>{t('meetings_admin.invite.caption', { list: listTitle, kind: t(`meetings_admin.invite.list_kinds.${listKind}`), count: rows.length })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('meetings_admin.invite.rank')}</th>
                        <th scope="col">{t('meetings.fields.name')}</th>
                        <th scope="col">{t('meetings.fields.email')}</th>
                        <th scope="col">{t('meetings_admin.invite.choose')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((i) => (
                        <tr>
                          <td>{String(i.rank)}</td>
                          <th scope="row">{i.name}</th>
                          <td>{i.email ?? t('meetings_admin.invite.no_email')}</td>
                          <td>
                            {i.registered ? (
                              t('meetings_admin.invite.registered')
                            ) : i.email ? (
                              <div class="form-check my-0">
                                <input type="checkbox" id={`cand-${i.candidateId}`} name="candidate" value={i.candidateId} />
                                <label for={`cand-${i.candidateId}`}>{t('meetings_admin.invite.pick', { name: i.name, rank: i.rank })}</label>
                              </div>
                            ) : (
                              t('meetings_admin.invite.cannot')
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              );
            })}
            <button type="submit" class="btn btn-outline-primary" disabled={!open.length}>
              {t('meetings_admin.invite.selected')}
            </button>
          </form>
        </>
      )}
    </AdminLayout>
  );
}

function CancelPage({ c, d }: { c: Ctx; d: MeetingDetail }) {
  const { t, lp, locale } = c.var;
  const m = d.meeting;
  const active = d.registrations.filter((r) => r.status === 'registered').length;
  return (
    <AdminLayout c={c} title={t('meetings_admin.cancel.title')}>
      <p>
        <a href={lp(`/admin/incontri/${m.id}`)}>{t('meetings_admin.invite.back')}</a>
      </p>
      <h1>{t('meetings_admin.cancel.title')}</h1>
      <p>{t('meetings_admin.cancel.text', { title: m.title, when: meetingWhen(locale, m), count: active })}</p>
      <form method="post" action={lp(`/admin/incontri/${m.id}/annulla`)}>
        <CsrfField token={c.var.csrfToken} />
        <button type="submit" class="btn btn-danger">
          {t('meetings_admin.cancel.submit')}
        </button>
      </form>
    </AdminLayout>
  );
}

function editValues(d: MeetingDetail): FormValues {
  const m = d.meeting;
  const s = toRomeLocal(m.startsAt);
  const e = toRomeLocal(m.endsAt);
  return {
    kind: m.kind,
    title: m.title,
    descriptionMd: m.descriptionMd,
    disciplineCode: m.disciplineCode ? String(m.disciplineCode) : '',
    callId: m.callId ?? '',
    date: s.date,
    startTime: s.time,
    endDate: e.date,
    endTime: e.time,
    mode: m.mode,
    location: m.location,
    capacity: m.capacity === null ? '' : String(m.capacity),
    registrationOpen: m.registrationOpen ? 'on' : '',
  };
}

export function meetingAdminRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(meetingRules.manage));

  app.get('/', async (c) => {
    const when = c.req.query('quando') === 'past' ? 'past' : 'upcoming';
    const k = c.req.query('tipo');
    const kind = isKind(k) ? k : undefined;
    const r = await listMeetings(c.var.deps.db, c.var.actor, { when, kind, page: pageParam(c), now: c.var.deps.now() });
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<ListPage c={c} data={r.value} when={when} kind={kind} notice={flash(c, 'meetings_admin.flash', FLASH)} />);
  });

  app.get('/leve', async (c) => {
    const r = await leverSummary(c.var.deps.db, c.var.actor);
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<LeversPage c={c} rows={r.value} />);
  });

  app.get('/nuovo', async (c) => c.html(<MeetingForm c={c} s={state(c, { mode: 'video' })} options={await meetingFormOptions(c.var.deps.db)} />));

  app.post('/nuovo', async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const r = await createMeeting(c.var.deps, c.var.actor, values);
    if (r.ok) return c.redirect(`${c.var.lp(`/admin/incontri/${r.value.id}`)}?esito=created`, 303);
    if (r.error.code === 'invalid') return c.html(<MeetingForm c={c} s={state(c, values, r.error.fields)} options={await meetingFormOptions(c.var.deps.db)} />, 422);
    return errorResponse(c, r.error);
  });

  app.get('/:id', async (c) => {
    const r = await getMeeting(c.var.deps.db, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<DetailPage c={c} d={r.value} notice={flash(c, 'meetings_admin.flash', FLASH)} />);
  });

  app.get('/:id/modifica', async (c) => {
    const r = await getMeeting(c.var.deps.db, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    if (r.value.meeting.status === 'cancelled') return c.redirect(c.var.lp(`/admin/incontri/${r.value.meeting.id}`), 303);
    return c.html(<MeetingForm c={c} s={state(c, editValues(r.value))} options={await meetingFormOptions(c.var.deps.db)} id={r.value.meeting.id} kind={r.value.meeting.kind} />);
  });

  app.post('/:id/modifica', async (c) => {
    const id = c.req.param('id');
    const values = formValues(await c.req.parseBody({ all: true }));
    const r = await updateMeeting(c.var.deps, c.var.actor, id, values);
    if (r.ok) return c.redirect(`${c.var.lp(`/admin/incontri/${id}`)}?esito=updated`, 303);
    if (r.error.code === 'invalid') {
      const kind = isKind(values.kind as string) ? (values.kind as MeetingKind) : undefined;
      return c.html(<MeetingForm c={c} s={state(c, values, r.error.fields)} options={await meetingFormOptions(c.var.deps.db)} id={id} kind={kind} />, 422);
    }
    // A cancelled meeting is not edited: back to its page, which says it is cancelled.
    if (r.error.code === 'invalid_state') return c.redirect(c.var.lp(`/admin/incontri/${id}`), 303);
    return errorResponse(c, r.error);
  });

  app.post('/:id/leve', async (c) => {
    const id = c.req.param('id');
    const values = formValues(await c.req.parseBody({ all: true }));
    const r = await addLever(c.var.deps, c.var.actor, id, values);
    if (r.ok) return c.redirect(`${c.var.lp(`/admin/incontri/${id}`)}?esito=lever_added`, 303);
    if (r.error.code === 'invalid') {
      const d = await getMeeting(c.var.deps.db, c.var.actor, id);
      if (!d.ok) return errorResponse(c, d.error);
      return c.html(<DetailPage c={c} d={d.value} lever={state(c, values, r.error.fields)} />, 422);
    }
    return errorResponse(c, r.error);
  });

  app.post('/:id/leve/:lever/elimina', async (c) => {
    const id = c.req.param('id');
    const r = await removeLever(c.var.deps, c.var.actor, id, c.req.param('lever'));
    if (r.ok) return c.redirect(`${c.var.lp(`/admin/incontri/${id}`)}?esito=lever_removed`, 303);
    return errorResponse(c, r.error);
  });

  app.post('/:id/presenze', async (c) => {
    const id = c.req.param('id');
    const values = formValues(await c.req.parseBody({ all: true }));
    const present = Array.isArray(values.present) ? values.present : values.present ? [values.present] : [];
    const r = await markAttendance(c.var.deps, c.var.actor, id, present);
    if (r.ok) return c.redirect(`${c.var.lp(`/admin/incontri/${id}`)}?esito=attendance`, 303);
    if (r.error.code === 'invalid_state') return c.redirect(c.var.lp(`/admin/incontri/${id}`), 303);
    return errorResponse(c, r.error);
  });

  app.post('/:id/iscrivi', async (c) => {
    const id = c.req.param('id');
    const values = formValues(await c.req.parseBody({ all: true }));
    const r = await registerPerson(c.var.deps, c.var.actor, id, values);
    if (r.ok) return c.redirect(`${c.var.lp(`/admin/incontri/${id}`)}?esito=${r.value.registration ? 'registered' : 'already_registered'}`, 303);
    if (r.error.code === 'invalid') {
      const d = await getMeeting(c.var.deps.db, c.var.actor, id);
      if (!d.ok) return errorResponse(c, d.error);
      return c.html(<DetailPage c={c} d={d.value} person={state(c, values, r.error.fields)} />, 422);
    }
    if (r.error.code === 'invalid_state') return c.redirect(c.var.lp(`/admin/incontri/${id}`), 303);
    return errorResponse(c, r.error);
  });

  app.get('/:id/invita', async (c) => {
    const id = c.req.param('id');
    const [d, inv] = [await getMeeting(c.var.deps.db, c.var.actor, id), await meetingInvitees(c.var.deps, c.var.actor, id)];
    if (!d.ok) return errorResponse(c, d.error);
    if (!inv.ok) return errorResponse(c, inv.error);
    return c.html(<InvitePage c={c} d={d.value} invitees={inv.value.invitees} />);
  });

  app.post('/:id/invita', async (c) => {
    const id = c.req.param('id');
    const values = formValues(await c.req.parseBody({ all: true }));
    const picked = Array.isArray(values.candidate) ? values.candidate : values.candidate ? [values.candidate] : [];
    const r = await inviteCandidates(c.var.deps, c.var.actor, id, { all: values.tutti === 'on', candidateIds: picked });
    if (r.ok) return c.redirect(`${c.var.lp(`/admin/incontri/${id}`)}?esito=invited`, 303);
    if (r.error.code === 'invalid') {
      const [d, inv] = [await getMeeting(c.var.deps.db, c.var.actor, id), await meetingInvitees(c.var.deps, c.var.actor, id)];
      if (!d.ok) return errorResponse(c, d.error);
      if (!inv.ok) return errorResponse(c, inv.error);
      return c.html(<InvitePage c={c} d={d.value} invitees={inv.value.invitees} error={Object.values(r.error.fields)[0]} />, 422);
    }
    if (r.error.code === 'invalid_state') return c.redirect(c.var.lp(`/admin/incontri/${id}`), 303);
    return errorResponse(c, r.error);
  });

  app.get('/:id/annulla', async (c) => {
    const r = await getMeeting(c.var.deps.db, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    if (r.value.meeting.status !== 'scheduled') return c.redirect(c.var.lp(`/admin/incontri/${r.value.meeting.id}`), 303);
    return c.html(<CancelPage c={c} d={r.value} />);
  });

  app.post('/:id/annulla', async (c) => {
    const id = c.req.param('id');
    const r = await cancelMeeting(c.var.deps, c.var.actor, id);
    if (r.ok) return c.redirect(`${c.var.lp(`/admin/incontri/${id}`)}?esito=cancelled`, 303);
    if (r.error.code === 'invalid_state') return c.redirect(c.var.lp(`/admin/incontri/${id}`), 303);
    return errorResponse(c, r.error);
  });

  app.get('/:id/iscritti', async (c) => {
    const { t } = c.var;
    const format = (EXPORT_FORMATS as readonly string[]).includes(c.req.query('formato') ?? '') ? (c.req.query('formato') as ExportFormat) : 'csv';
    const r = await getMeeting(c.var.deps.db, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    const yesNo = (v: boolean | null) => (v === null ? '' : t(v ? 'meetings_admin.yes' : 'meetings_admin.no'));
    const columns: ExportColumn<Registration>[] = [
      { header: t('meetings.fields.name'), value: (x) => x.name, width: 30 },
      { header: t('meetings.fields.email'), value: (x) => x.email, width: 32 },
      { header: t('meetings.fields.locale'), value: (x) => x.locale },
      { header: t('meetings_admin.status'), value: (x) => t(`meetings_admin.reg_status.${x.status}`) },
      { header: t('meetings_admin.attended'), value: (x) => yesNo(x.attended) },
      { header: t('meetings_admin.registered_at'), value: (x) => x.createdAt, width: 20 },
    ];
    return sendExport(c, `iscritti-${r.value.meeting.slug}`, format, columns, r.value.registrations);
  });

  return app;
}
