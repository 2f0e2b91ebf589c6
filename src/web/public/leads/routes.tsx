// "No call open for you? Leave your references": /contatti, where every lead form posts (its own
// page, or embedded where a search finds nothing and on a closed call's page), and its thanks page.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import type { FormState } from '../../kit/form.tsx';
import { formPost, formState } from '../../kit/post.ts';
import { formLimits, privatePages, rateLimitWait, type RateLimited } from '../../kit/public-form.ts';
import type { FormValues } from '../../../platform/forms/index.ts';
import { isBot, UTM_KEYS } from '../../../platform/consent/index.ts';
import { err, ok, type DomainError, type Result } from '../../../platform/result.ts';
import { createLead, parseLeadInput } from '../../../domains/leads/index.ts';
import { clientIp } from '../auth/auth.tsx';
import { leadFormOptions } from './form.tsx';
import { LeadPage, ThanksPage } from './pages.tsx';

type LeadPostError = DomainError | RateLimited;

/** What a re-render keeps: everything typed, except the honeypot. */
function kept(values: FormValues): FormValues {
  const out: FormValues = {};
  for (const k of ['name', 'email', 'phone', 'professionCode', 'specialisationCode', 'preferredTime', 'message', 'consent', 'callSlug', 'source', ...UTM_KEYS]) {
    if (values[k] !== undefined) out[k] = values[k];
  }
  return out;
}

const leadPage = async (c: Ctx, s: FormState, alert?: string, status: 200 | 429 = 200): Promise<Response> =>
  c.html(<LeadPage c={c} options={await leadFormOptions(c.var.deps.db)} s={s} alert={alert} />, status);

export function leadRoutes() {
  const app = new Hono<AppEnv>();
  const limit = formLimits();
  app.use('*', privatePages);

  app.get('/', (c) => leadPage(c, formState(c)));

  app.post(
    '/',
    formPost({
      run: async (c, values): Promise<Result<null, LeadPostError>> => {
        if (isBot(values)) {
          // The same answer as a real submission: a bot learns nothing, and nothing is stored.
          c.var.log.info({ event: 'lead_honeypot' }, 'lead form honeypot filled');
          return ok(null);
        }
        const parsed = parseLeadInput(values);
        if (!parsed.ok) return err({ code: 'invalid', fields: parsed.fields });
        const wait = limit(clientIp(c), parsed.value.email);
        if (wait > 0) return err({ code: 'rate_limited', wait });
        const r = await createLead(c.var.deps, values, { locale: c.var.locale, actor: c.var.actor });
        return r.ok ? ok(null) : r;
      },
      done: (c) => c.var.lp('/contatti/grazie'),
      invalid: (c, s) => leadPage(c, formState(c, kept(s.values), s.errors)),
      other: (c, e, values) => {
        const wait = rateLimitWait(e);
        if (wait === null) return null;
        c.header('Retry-After', String(wait));
        return leadPage(c, formState(c, kept(values)), c.var.t('leads.errors.rate_limited', { minutes: Math.ceil(wait / 60) }), 429);
      },
    }),
  );

  app.get('/grazie', (c) => c.html(<ThanksPage c={c} />));

  return app;
}
