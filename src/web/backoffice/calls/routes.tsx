// Calls in the back office (/admin/bandi): the list (a list definition), the form (create, edit),
// a call's page with its lifecycle moves (publish, schedule, back to draft, close, archive),
// attachments, and the import. Recruiters and admins manage; editors read. Each POST is one
// domain operation through formPost.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import type { FormValues } from '../../../platform/forms/index.ts';
import { invalid, type FieldErrors, type Result } from '../../../platform/result.ts';
import {
  addAttachment,
  archiveCall,
  callFormOptions,
  callRules,
  closeCall,
  disciplineOptions,
  employerOptions,
  findComuni,
  getAttachment,
  getCallForStaff,
  publishCall,
  removeAttachment,
  unpublishCall,
} from '../../../domains/calls/index.ts';
import { attachmentDisposition } from '../../kit/export.ts';
import { errorResponse, flash, requireRule, requireUuid } from '../../kit/guard.tsx';
import { mountList } from '../../kit/list.tsx';
import { formPost, formState, oneValue as str, withFlash } from '../../kit/post.ts';
import { CALL_FLASH, callPath, type CallFlash } from './calls-shared.tsx';
import { callFormPage, callFormPost } from './calls-form.tsx';
import { formFromCall, readRomeInstant } from './form-read.ts';
import { ComuniResults, DisciplineOptions } from './form-fields.tsx';
import { mountImport } from './import.tsx';
import { callList } from './list.tsx';
import { CallPage, type CallPageProps } from './page.tsx';

type PageExtras = Omit<CallPageProps, 'c' | 'data'>;

/** A call's page: with a flash after a redirect, or with what stopped a move (formPost sets 422; 409 here). */
async function callPage(c: Ctx, extras: PageExtras = {}, status: 200 | 409 = 200) {
  const r = await getCallForStaff(c.var.deps, c.var.actor, c.req.param('id') ?? '');
  if (!r.ok) return errorResponse(c, r.error);
  return c.html(<CallPage c={c} data={r.value} {...extras} />, status);
}

// Fields that name the form's own controls, not what keeps the call from moving.
const OWN_FIELDS = ['file', 'title', 'scheduleDate', 'scheduleTime'];

/**
 * A lifecycle move: back to the page with a flash, or the page again with what stopped it — the
 * fields the call still lacks (422), or the state that forbids the move (409). `form` names the
 * page's form the move came from, which keeps what was typed and its errors.
 */
function movePost(run: (c: Ctx, id: string, values: FormValues) => Promise<Result<unknown, { code: string; fields?: FieldErrors; message?: string }>>, done: CallFlash, form?: 'schedule' | 'upload') {
  return formPost({
    run: (c, values) => run(c, c.req.param('id') ?? '', values),
    done: (c) => withFlash(c, callPath(c.req.param('id') ?? ''), done),
    invalid: (c, s, e) => {
      const own = form ? { [form]: formState(c, s.values, Object.fromEntries(Object.entries(s.errors).filter(([k]) => OWN_FIELDS.includes(k)))) } : {};
      const refused = Object.keys(e.fields ?? {}).some((k) => !OWN_FIELDS.includes(k));
      return callPage(c, refused ? { problem: c.var.t('calls_admin.page.refused'), problemFields: e.fields, ...own } : own);
    },
    other: (c, e, values) =>
      e.code === 'invalid_state' || e.code === 'conflict' ? callPage(c, { problem: c.var.t(e.message ?? 'calls.errors.edited_meanwhile'), ...(form ? { [form]: formState(c, values) } : {}) }, 409) : null,
  });
}

export function callAdminRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(callRules.readAdmin));
  const manage = requireRule(callRules.create);
  mountList(app, callList);

  // Fragments for htmx (progressive enhancement of the form).
  app.get('/discipline', manage, async (c) => {
    const db = c.var.deps.db;
    const prof = (c.req.query('professionCode') ?? '').slice(0, 100);
    const [opts, ds] = await Promise.all([callFormOptions(db), disciplineOptions(db, prof)]);
    return c.html(<DisciplineOptions c={c} opts={{ ...opts, disciplines: ds }} current="" only={prof || undefined} />);
  });
  app.get('/comuni', manage, async (c) => {
    const results = await findComuni(c.var.deps.db, (c.req.query('comune_q') ?? '').slice(0, 100));
    return c.html(<ComuniResults c={c} results={results} />);
  });

  app.get('/nuovo', manage, async (c) => {
    const employers = await employerOptions(c.var.deps.db);
    return callFormPage(c, 'new', formState(c, { contractHours: 'full_time', posts: '1', employerId: employers.length === 1 ? employers[0]!.id : '' }));
  });
  app.post('/nuovo', manage, callFormPost('new'));

  mountImport(app);

  app.get('/:id', requireUuid('id'), (c) => callPage(c, { notice: flash(c, 'calls_admin.flash', CALL_FLASH) }));

  const update = requireRule(callRules.update);
  app.get('/:id/modifica', update, requireUuid('id'), async (c) => {
    const r = await getCallForStaff(c.var.deps, c.var.actor, c.req.param('id'));
    if (!r.ok) return errorResponse(c, r.error);
    const d = r.value.detail;
    if (d.state === 'archived') return callPage(c, { problem: c.var.t('calls.errors.archived_readonly') }, 409);
    return callFormPage(c, 'edit', formState(c, formFromCall(d)), { callId: d.call.id, callTitle: d.call.title });
  });
  app.post('/:id/modifica', update, requireUuid('id'), callFormPost('edit'));

  const publish = requireRule(callRules.publish);
  app.post('/:id/pubblica', publish, requireUuid('id'), movePost((c, id) => publishCall(c.var.deps, c.var.actor, id, null), 'published'));
  app.post('/:id/bozza', publish, requireUuid('id'), movePost((c, id) => unpublishCall(c.var.deps, c.var.actor, id), 'unpublished'));
  app.post('/:id/chiudi', requireRule(callRules.close), requireUuid('id'), movePost((c, id) => closeCall(c.var.deps, c.var.actor, id), 'closed'));
  app.post('/:id/archivia', requireRule(callRules.archive), requireUuid('id'), movePost((c, id) => archiveCall(c.var.deps, c.var.actor, id), 'archived'));
  app.post(
    '/:id/programma',
    publish,
    requireUuid('id'),
    movePost(
      async (c, id, values) => {
        const errors: FieldErrors = {};
        const when = readRomeInstant(values, 'schedule', errors);
        if (!when && !Object.keys(errors).length) Object.assign(errors, { scheduleDate: 'common.forms.required', scheduleTime: 'common.forms.required' });
        else if (when && when <= c.var.deps.now()) errors.scheduleDate = 'calls_admin.errors.schedule_past';
        return Object.keys(errors).length ? invalid(errors) : publishCall(c.var.deps, c.var.actor, id, when);
      },
      'scheduled',
      'schedule',
    ),
  );

  const attachments = requireRule(callRules.attachments);
  app.post(
    '/:id/allegati',
    attachments,
    requireUuid('id'),
    movePost(
      async (c, id, values) => {
        // The form values leave files out: the file is read from the same (already parsed) body.
        const file = (await c.req.parseBody({ all: true })).file;
        if (!(file instanceof File) || !file.name) return invalid({ file: 'calls_admin.errors.file_required' });
        return addAttachment(c.var.deps, c.var.actor, id, { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }, str(values, 'title') || null);
      },
      'attachment_added',
      'upload',
    ),
  );
  app.post('/:id/allegati/:attachmentId/elimina', attachments, requireUuid('id', 'attachmentId'), movePost((c, id) => removeAttachment(c.var.deps, c.var.actor, id, c.req.param('attachmentId') ?? ''), 'attachment_removed'));
  app.get('/:id/allegati/:attachmentId', requireUuid('id', 'attachmentId'), async (c) => {
    const a = await getAttachment(c.var.deps.db, c.req.param('id'), c.req.param('attachmentId'));
    if (!a) return errorResponse(c, { code: 'not_found' });
    return c.body(new Uint8Array(a.data), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': attachmentDisposition(a.filename),
    });
  });

  return app;
}
