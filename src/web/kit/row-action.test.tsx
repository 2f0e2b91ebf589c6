// Markup of a row's one-button action and of a person's name linking to their case.
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../context.ts';
import { CaseLink, RowAction } from './row-action.tsx';

const ctx = (en = false) => ({ var: { lp: (p: string) => (en ? `/en${p}` : p), csrfToken: 'tok' } }) as unknown as Ctx;
const html = async (el: unknown) => String(await (el as { toString(): string | Promise<string> }).toString());

describe('RowAction', () => {
  it('POSTs to the local address with the token, its hidden values and a small button named after the row', async () => {
    const out = await html(<RowAction c={ctx(true)} action="/admin/x/1/stato" label="Fatto" name="Fatto: Ada" hidden={{ status: 'done' }} />);
    expect(out).toBe(
      '<form method="post" action="/en/admin/x/1/stato"><input type="hidden" name="_csrf" value="tok"/><input type="hidden" name="status" value="done"/><button type="submit" class="btn btn-outline-primary btn-sm" aria-label="Fatto: Ada">Fatto</button></form>',
    );
  });

  it('has no aria-label when the visible text names the row, and takes the danger style', async () => {
    const out = await html(<RowAction c={ctx()} action="/a" label="Rimuovi la leva Alloggio" variant="outline-danger" />);
    expect(out).toContain('<button type="submit" class="btn btn-outline-danger btn-sm">Rimuovi la leva Alloggio</button>');
  });
});

describe('CaseLink', () => {
  it('links the name to the case when there is one, and escapes it', async () => {
    expect(await html(<CaseLink c={ctx()} name="Ada <R>" caseId="c1" />)).toBe('<a href="/admin/casi/c1">Ada &lt;R&gt;</a>');
    expect(await html(<CaseLink c={ctx()} name="Ada" caseId={null} />)).toBe('Ada');
  });
});
