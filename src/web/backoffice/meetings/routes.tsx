// Meetings and webinars in the back office (/admin/incontri): the list (list.tsx), the form to create
// or edit one (forms.tsx), its page with levers (detail.tsx), registrants with attendance and their
// export, inviting a call's ranked candidates or one person by hand (registrants.tsx), cancelling the
// meeting, and the summary of the levers agreed per discipline. Each POST is one domain operation.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../../platform/export/index.ts';
import {
  addLever,
  cancelMeeting,
  createMeeting,
  getMeeting,
  inviteCandidates,
  leverSummary,
  markAttendance,
  meetingFormOptions,
  meetingInvitees,
  meetingRules,
  MEETING_KINDS,
  registerPerson,
  removeLever,
  updateMeeting,
} from '../../../domains/meetings/index.ts';
import { sendExport } from '../../kit/export.ts';
import type { FormState } from '../../kit/form.tsx';
import { errorResponse, flash, requireRule, requireUuid } from '../../kit/guard.tsx';
import { mountList } from '../../kit/list.tsx';
import { oneOf } from '../../kit/list-query.ts';
import { allValues, formPost, formState, oneValue, withFlash } from '../../kit/post.ts';
import { exportColumns } from '../../kit/table.tsx';
import { MeetingPage, type MeetingForms } from './detail.tsx';
import { CancelPage, editValues, MeetingForm } from './forms.tsx';
import { LeversPage, MEETING_FLASH, meetingList } from './list.tsx';
import { InvitePage, registrantColumns } from './registrants.tsx';

const meetingPath = (c: Ctx) => `/admin/incontri/${c.req.param('id')}`;
const meetingId = (c: Ctx) => c.req.param('id') ?? '';
const load = (c: Ctx) => getMeeting(c.var.deps.db, c.var.actor, meetingId(c));
/** A cancelled or past meeting refuses the change: back to its page, which says why. */
const backIfStale = (c: Ctx, e: { code: string }) => (e.code === 'invalid_state' ? c.redirect(c.var.lp(meetingPath(c)), 303) : null);
const kindOf = oneOf(MEETING_KINDS);

async function formPage(c: Ctx, s: FormState, id?: string) {
  return c.html(<MeetingForm c={c} s={s} options={await meetingFormOptions(c.var.deps.db)} id={id} kind={id ? kindOf(oneValue(s.values, 'kind')) : undefined} />);
}

/** The meeting's page: with a flash after a redirect, or with a form's errors (then 422, set by formPost). */
async function meetingPage(c: Ctx, forms: MeetingForms = {}, notice?: string | null) {
  const r = await load(c);
  if (!r.ok) return errorResponse(c, r.error);
  return c.html(<MeetingPage c={c} d={r.value} forms={forms} notice={notice} />);
}

async function invitePage(c: Ctx, error?: string) {
  const [d, inv] = await Promise.all([load(c), meetingInvitees(c.var.deps, c.var.actor, meetingId(c))]);
  if (!d.ok) return errorResponse(c, d.error);
  if (!inv.ok) return errorResponse(c, inv.error);
  return c.html(<InvitePage c={c} d={d.value} invitees={inv.value.invitees} error={error} />);
}

export function meetingAdminRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(meetingRules.manage));
  mountList(app, meetingList);

  app.get('/leve', async (c) => {
    const r = await leverSummary(c.var.deps.db, c.var.actor);
    if (!r.ok) return errorResponse(c, r.error);
    return c.html(<LeversPage c={c} rows={r.value} />);
  });

  app.get('/nuovo', (c) => formPage(c, formState(c, { mode: 'video' })));
  app.post(
    '/nuovo',
    formPost({
      run: (c, values) => createMeeting(c.var.deps, c.var.actor, values),
      done: (c, m) => withFlash(c, `/admin/incontri/${m.id}`, 'created'),
      invalid: (c, s) => formPage(c, s),
    }),
  );

  // One meeting's pages: a mistyped id is a 404 before any query.
  const meeting = new Hono<AppEnv>();
  meeting.use('*', requireUuid('id'));
  meeting.get('/', (c) => meetingPage(c, {}, flash(c, 'meetings_admin.flash', MEETING_FLASH)));

  meeting.get('/modifica', async (c) => {
    const r = await load(c);
    if (!r.ok) return errorResponse(c, r.error);
    if (r.value.meeting.status === 'cancelled') return c.redirect(c.var.lp(meetingPath(c)), 303);
    return formPage(c, formState(c, editValues(r.value)), r.value.meeting.id);
  });
  meeting.post(
    '/modifica',
    formPost({
      run: (c, values) => updateMeeting(c.var.deps, c.var.actor, meetingId(c), values),
      done: (c) => withFlash(c, meetingPath(c), 'updated'),
      invalid: (c, s) => formPage(c, s, meetingId(c)),
      // A cancelled meeting is not edited: back to its page, which says it is cancelled.
      other: backIfStale,
    }),
  );

  meeting.post(
    '/leve',
    formPost({
      run: (c, values) => addLever(c.var.deps, c.var.actor, meetingId(c), values),
      done: (c) => withFlash(c, meetingPath(c), 'lever_added'),
      invalid: (c, lever) => meetingPage(c, { lever }),
    }),
  );
  meeting.post(
    '/leve/:lever/elimina',
    requireUuid('lever'),
    formPost({
      run: (c) => removeLever(c.var.deps, c.var.actor, meetingId(c), c.req.param('lever') ?? ''),
      done: (c) => withFlash(c, meetingPath(c), 'lever_removed'),
    }),
  );

  meeting.post(
    '/presenze',
    formPost({
      run: (c, values) => markAttendance(c.var.deps, c.var.actor, meetingId(c), allValues(values, 'present')),
      done: (c) => withFlash(c, meetingPath(c), 'attendance'),
      other: backIfStale,
    }),
  );

  meeting.post(
    '/iscrivi',
    formPost({
      run: (c, values) => registerPerson(c.var.deps, c.var.actor, meetingId(c), values),
      done: (c, r) => withFlash(c, meetingPath(c), r.registration ? 'registered' : 'already_registered'),
      invalid: (c, person) => meetingPage(c, { person }),
      other: backIfStale,
    }),
  );

  meeting.get('/invita', (c) => invitePage(c));
  meeting.post(
    '/invita',
    formPost({
      run: (c, values) => inviteCandidates(c.var.deps, c.var.actor, meetingId(c), { all: values.tutti === 'on', candidateIds: allValues(values, 'candidate') }),
      done: (c) => withFlash(c, meetingPath(c), 'invited'),
      invalid: (c, s) => invitePage(c, Object.values(s.errors)[0]),
      other: backIfStale,
    }),
  );

  meeting.get('/annulla', async (c) => {
    const r = await load(c);
    if (!r.ok) return errorResponse(c, r.error);
    if (r.value.meeting.status !== 'scheduled') return c.redirect(c.var.lp(meetingPath(c)), 303);
    return c.html(<CancelPage c={c} d={r.value} />);
  });
  meeting.post(
    '/annulla',
    formPost({
      run: (c) => cancelMeeting(c.var.deps, c.var.actor, meetingId(c)),
      done: (c) => withFlash(c, meetingPath(c), 'cancelled'),
      other: backIfStale,
    }),
  );

  meeting.get('/iscritti', async (c) => {
    const format: ExportFormat = oneOf(EXPORT_FORMATS)(c.req.query('formato')) ?? 'csv';
    const r = await load(c);
    if (!r.ok) return errorResponse(c, r.error);
    return sendExport(c, `iscritti-${r.value.meeting.slug}`, format, exportColumns(registrantColumns(c)), r.value.registrations);
  });

  app.route('/:id', meeting);

  return app;
}
