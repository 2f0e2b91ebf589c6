// One candidate at the desk (/admin/graduatorie/candidato/:id): who they are and where their turn
// stands, the offer, the outcome and the contact attempts, and the history of attempts and offers.
import type { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { can } from '../../../platform/authz/index.ts';
import { getCandidate, logContact, makeOffer, rankingRules, recordOutcome, type CandidateDetail, type ContactAttempt, type Offer } from '../../../domains/rankings/index.ts';
import { ActionForm, ActionProblem } from '../../kit/action.tsx';
import { DetailList, Time } from '../../kit/details.tsx';
import type { FormState } from '../../kit/form.tsx';
import { errorResponse, flash, requireUuid } from '../../kit/guard.tsx';
import { formPost, formState, renameFields, withFlash } from '../../kit/post.ts';
import { DataTable, type Column } from '../../kit/table.tsx';
import { ContactForm, OutcomeForm } from './desk-forms.tsx';
import { BASE, FLASH } from './shared.tsx';

interface CandidateForms {
  contact?: FormState;
  outcome?: FormState;
  problem?: string | null;
}

const attemptColumns = (c: Ctx): Column<ContactAttempt>[] => {
  const { t, locale } = c.var;
  return [
    { header: t('rankings_admin.contact.at'), rowHeader: true, value: (a) => a.at, cell: (a) => <Time at={a.at} locale={locale} /> },
    { header: t('rankings_admin.contact.channel'), value: (a) => t(`rankings.channels.${a.channel}`) },
    { header: t('rankings_admin.contact.outcome'), value: (a) => t(`rankings.contact_outcomes.${a.outcome}`) },
    { header: t('rankings_admin.contact.notes'), value: (a) => a.notes ?? '—' },
    { header: t('rankings_admin.contact.by'), value: (a) => a.byLabel },
  ];
};

const offerColumns = (c: Ctx): Column<Offer>[] => {
  const { t, locale } = c.var;
  return [
    { header: t('rankings_admin.candidate.sent'), rowHeader: true, value: (o) => o.sentAt, cell: (o) => <Time at={o.sentAt} locale={locale} /> },
    { header: t('rankings_admin.candidate.deadline'), value: (o) => o.deadline, cell: (o) => <Time at={o.deadline} locale={locale} /> },
    { header: t('rankings_admin.outcome.outcome'), value: (o) => (o.outcome ? t(`rankings.outcomes.${o.outcome}`) : t('rankings_admin.candidate.awaiting')) },
    { header: t('rankings_admin.outcome.reason'), value: (o) => [o.reason ? t(`rankings.reasons.${o.reason}`) : null, o.reasonText].filter(Boolean).join(' — ') || '—' },
  ];
};

function CandidatePage({ c, d, forms }: { c: Ctx; d: CandidateDetail; forms: CandidateForms }) {
  const { t, lp, locale } = c.var;
  const x = d.candidate;
  const canDesk = can(c.var.actor, rankingRules.desk);
  const open = d.offers.find((o) => !o.outcome);
  const inProgress = x.state === 'proposed' || x.state === 'offered';
  return (
    <AdminLayout c={c} title={x.name} flash={flash(c, FLASH.prefix, FLASH.known)}>
      <p class="mb-1">
        <a href={lp(`${BASE}/${d.list.id}`)}>{t('rankings_admin.candidate.back', { call: d.callTitle })}</a>
      </p>
      <h1>{x.name}</h1>
      <ActionProblem c={c} message={forms.problem} />
      <DetailList
        rows={[
          { label: t('rankings.fields.rank'), value: x.rank },
          { label: t('rankings_admin.fields.state'), id: 'state', value: t(`rankings.states.${x.state}`) },
          { label: t('rankings.fields.email'), value: x.email ?? '—' },
          { label: t('rankings.fields.pec'), value: x.pec ?? '—' },
          { label: t('rankings.fields.phone'), value: x.phone ?? '—' },
          { label: t('rankings.fields.language'), value: x.locale === 'en' ? 'English' : 'Italiano' },
          open && { label: t('rankings_admin.candidate.deadline'), id: 'deadline', value: <Time at={open.deadline} locale={locale} /> },
        ]}
      />
      {canDesk && x.state === 'proposed' ? (
        <ActionForm c={c} action={`${BASE}/candidato/${x.id}/offerta`} label={t('rankings_admin.candidate.offer')}>
          <p>{t('rankings_admin.candidate.offer_intro', { days: d.list.answerDays })}</p>
        </ActionForm>
      ) : null}
      {canDesk && inProgress ? <OutcomeForm c={c} x={x} s={forms.outcome ?? formState(c)} /> : null}
      {canDesk && inProgress ? <ContactForm c={c} x={x} s={forms.contact ?? formState(c)} /> : null}
      <h2 class="h4">{t('rankings_admin.candidate.history')}</h2>
      <DataTable c={c} id="attempts" caption={t('rankings_admin.contact.caption', { count: d.attempts.length })} columns={attemptColumns(c)} rows={d.attempts} empty={t('rankings_admin.contact.none')} />
      <DataTable c={c} id="offers" caption={t('rankings_admin.candidate.offers_caption', { count: d.offers.length })} columns={offerColumns(c)} rows={d.offers} empty={t('rankings_admin.candidate.no_offers')} />
    </AdminLayout>
  );
}

async function candidatePage(c: Ctx, forms: CandidateForms, status: 200 | 409 | 422) {
  const d = await getCandidate(c.var.deps, c.var.actor, c.req.param('id')!);
  if (!d.ok) return errorResponse(c, d.error);
  return c.html(<CandidatePage c={c} d={d.value} forms={forms} />, status);
}

/** GET /candidato/:id and the desk's POSTs under /admin/graduatorie. */
export function deskRoutes(app: Hono<AppEnv>) {
  const id = (c: Ctx) => c.req.param('id')!;
  const done = (flashKey: string) => (c: Ctx) => withFlash(c, `${BASE}/candidato/${id(c)}`, flashKey);
  const problem = (c: Ctx, e: { code: string; message?: string }) => (e.code === 'invalid_state' ? candidatePage(c, { problem: e.message }, 409) : null);
  app.get('/candidato/:id', requireUuid('id'), (c) => candidatePage(c, {}, 200));
  app.post(
    '/candidato/:id/contatto',
    requireUuid('id'),
    formPost({
      // Both forms are on one page: the contact's result field has its own id.
      run: async (c, v) => renameFields(await logContact(c.var.deps, c.var.actor, id(c), { channel: v.channel, outcome: v.result, notes: v.notes }), { outcome: 'result' }),
      done: done('contacted'),
      invalid: (c, form) => candidatePage(c, { contact: form }, 422),
      other: problem,
    }),
  );
  app.post('/candidato/:id/offerta', requireUuid('id'), formPost({ run: (c) => makeOffer(c.var.deps, c.var.actor, id(c)), done: done('offered'), other: problem }));
  app.post(
    '/candidato/:id/esito',
    requireUuid('id'),
    formPost({
      run: (c, v) => recordOutcome(c.var.deps, c.var.actor, id(c), v),
      done: done('recorded'),
      invalid: (c, form) => candidatePage(c, { outcome: form }, 422),
      other: problem,
    }),
  );
}
