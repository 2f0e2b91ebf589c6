// Error pages in the site's look: they show the request id, never a stack trace.
import type { Ctx } from '../context.ts';
import { Layout } from '../layouts/Layout.tsx';

export function ErrorPage({ c, kind }: { c: Ctx; kind: 'not_found' | 'server' | 'forbidden' }) {
  const { t, lp } = c.var;
  return (
    <Layout c={c} title={t(`common.errors.${kind}_title`)}>
      <div class="container my-5">
        <h1>{t(`common.errors.${kind}_title`)}</h1>
        <p class="lead">{t(`common.errors.${kind}_text`)}</p>
        <p>
          <small>{t('common.errors.request_id', { id: c.var.requestId ?? '-' })}</small>
        </p>
        <p>
          <a class="btn btn-primary" href={lp('/')}>
            {t('common.errors.back_home')}
          </a>
        </p>
      </div>
    </Layout>
  );
}
