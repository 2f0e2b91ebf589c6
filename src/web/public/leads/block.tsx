// The lead form with its heading, for another capability's page (a search that found nothing, a
// closed call, the alert sign-up).
import type { Ctx } from '../../context.ts';
import { LeadForm, leadFormOptions } from './form.tsx';

/**
 * It loads its own options (an async component), so a page adds it with one line. The page then
 * carries the visitor's CSRF token and the render cache serves it to this visitor only.
 */
export async function LeadBlock({ c, source, callSlug, headingLevel = 2 }: { c: Ctx; source: string; callSlug?: string; headingLevel?: 2 | 3 }) {
  const { t } = c.var;
  const options = await leadFormOptions(c.var.deps.db);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section class="card card-bg p-4 my-4 lead-block" aria-labelledby="lead-block-title">
      <H id="lead-block-title" class="h4">
        {t('leads.block.title')}
      </H>
      <p>{t(callSlug ? 'leads.block.intro_call' : 'leads.block.intro')}</p>
      <LeadForm c={c} options={options} compact idPrefix="lead-" source={source} callSlug={callSlug} />
    </section>
  );
}
