// Markup of the one-button action form and of the refused-action alert.
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../context.ts';
import { translator, type Locale } from '../../platform/i18n/index.ts';
import { ActionForm, ActionProblem } from './action.tsx';

const ctx = (locale: Locale = 'it') => ({ var: { locale, t: translator(locale), lp: (p: string) => (locale === 'en' ? `/en${p}` : p), csrfToken: 'tok' } }) as unknown as Ctx;
const html = async (el: unknown) => String(await (el as { toString(): string | Promise<string> }).toString());

describe('ActionForm', () => {
  it('POSTs to the local address with the CSRF token and one button', async () => {
    const out = await html(<ActionForm c={ctx('en')} action="/admin/graduatorie/x/pubblica" label="Publish" />);
    expect(out).toBe('<form method="post" action="/en/admin/graduatorie/x/pubblica" class="mb-4"><input type="hidden" name="_csrf" value="tok"/><button type="submit" class="btn btn-primary">Publish</button></form>');
  });

  it('puts what the action does before the button, in the style and spacing asked', async () => {
    const out = await html(
      <ActionForm c={ctx()} action="/a" label="Invia" variant="outline-danger" class="mt-2">
        <p>Parte una mail.</p>
      </ActionForm>,
    );
    expect(out).toContain('class="mt-2"');
    expect(out).toMatch(/<input type="hidden" name="_csrf" value="tok"\/><p>Parte una mail.<\/p><button type="submit" class="btn btn-outline-danger">Invia<\/button>/);
  });
});

describe('ActionProblem', () => {
  it('says the translated reason in an alert, or nothing', async () => {
    expect(await html(<ActionProblem c={ctx()} message="rankings.errors.empty_list" />)).toBe('<div class="alert alert-danger" role="alert" id="problem">Aggiungi almeno un candidato prima di pubblicare.</div>');
    expect(await html(<div>{ActionProblem({ c: ctx(), message: null })}</div>)).toBe('<div></div>');
  });
});
