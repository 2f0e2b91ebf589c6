// The kit's catalogue in the back office (/admin/componenti): every shared component with its named
// examples, each example's props as documentation and the example itself as the kit renders it.
// Examples that draw a whole page, or carry ids a page can hold once, have a page of their own.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../../context.ts';
import { AdminLayout } from '../../layouts/AdminLayout.tsx';
import { describeProps, examples, type KitExample } from '../../kit/catalogue.tsx';
import { errorResponse, requireRule } from '../../kit/guard.tsx';
import type { Rule } from '../../../platform/authz/index.ts';

const PATH = '/admin/componenti';
const text = (c: Ctx, e: KitExample, part: 'title' | 'description') => c.var.t(`components_admin.examples.${e.id}.${part}`);

/** The components in the order of their first example, each with its examples. */
function byComponent(): { name: string; file: string; examples: KitExample[] }[] {
  const out = new Map<string, { name: string; file: string; examples: KitExample[] }>();
  for (const e of examples) {
    const entry = out.get(e.name) ?? { name: e.name, file: e.file, examples: [] };
    entry.examples.push(e);
    out.set(e.name, entry);
  }
  return [...out.values()];
}

function ExampleBlock({ c, e }: { c: Ctx; e: KitExample }) {
  const { t, lp } = c.var;
  const heading = `ex-${e.id}`;
  return (
    <section id={heading} class="mb-5" aria-labelledby={`${heading}-title`}>
      <h3 id={`${heading}-title`} class="h5">
        {text(c, e, 'title')}
      </h3>
      <p>{text(c, e, 'description')}</p>
      <h4 class="h6">{t('components_admin.props')}</h4>
      {/* Focusable: a long line scrolls sideways, and keyboard users must reach it (WCAG 2.1.1). */}
      <pre class="border rounded p-3 bg-light" tabindex={0}>
        <code>{describeProps(e.props)}</code>
      </pre>
      <h4 class="h6">{t('components_admin.rendered')}</h4>
      {e.alone ? (
        <p>
          {t(`components_admin.alone_${e.alone}`)}{' '}
          <a href={lp(`${PATH}/esempi/${e.id}`)}>{t('components_admin.open_example', { title: text(c, e, 'title') })}</a>
        </p>
      ) : (
        <div class="border rounded p-3" data-example={e.id}>
          {e.render(c)}
        </div>
      )}
    </section>
  );
}

function CataloguePage({ c }: { c: Ctx }) {
  const { t } = c.var;
  const components = byComponent();
  return (
    <AdminLayout c={c} title={t('components_admin.title')}>
      <h1>{t('components_admin.title')}</h1>
      <p>{t('components_admin.intro', { components: components.length, examples: examples.length })}</p>
      <nav aria-label={t('components_admin.index')}>
        <ul class="list-inline">
          {components.map((k) => (
            <li class="list-inline-item">
              <a href={`#comp-${k.name}`}>{k.name}</a>
            </li>
          ))}
        </ul>
      </nav>
      {components.map((k) => (
        <section id={`comp-${k.name}`} class="mt-5 border-top pt-4" aria-labelledby={`comp-${k.name}-title`}>
          <h2 id={`comp-${k.name}-title`}>
            <code>{k.name}</code>
          </h2>
          <p class="small">{t('components_admin.exported_from', { file: `src/web/kit/${k.file}` })}</p>
          {k.examples.map((e) => (
            <ExampleBlock c={c} e={e} />
          ))}
        </section>
      ))}
    </AdminLayout>
  );
}

/** One example alone: a whole-page component as the page itself, any other inside the back office's shell. */
function ExamplePage({ c, e }: { c: Ctx; e: KitExample }) {
  const { t, lp } = c.var;
  if (e.alone === 'page') return <>{e.render(c)}</>;
  return (
    <AdminLayout c={c} title={text(c, e, 'title')}>
      <p>
        <a href={lp(`${PATH}#ex-${e.id}`)}>{t('components_admin.back')}</a>
      </p>
      <h1>{text(c, e, 'title')}</h1>
      <p>{text(c, e, 'description')}</p>
      <div class="border rounded p-3" data-example={e.id}>
        {e.render(c)}
      </div>
    </AdminLayout>
  );
}

export const componentsRoutes = (rule: Rule) => () => {
  const app = new Hono<AppEnv>();
  app.use('*', requireRule(rule));
  app.get('/', (c) => c.html(<CataloguePage c={c} />));
  app.get('/esempi/:id', (c) => {
    const e = examples.find((x) => x.id === c.req.param('id'));
    return e ? c.html(<ExamplePage c={c} e={e} />) : errorResponse(c, { code: 'not_found' });
  });
  return app;
};
