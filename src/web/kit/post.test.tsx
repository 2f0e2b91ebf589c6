// formPost, the one POST skeleton: success → 303 to the flash path (or the page itself), a form
// problem → the page again with 422 and the values kept, another domain error → the page's own answer,
// anything else → the 403/404 page. Mounted as a throw-away public module through the manifests.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../../../tests/support/runtime.ts';
import { postForm } from '../../../tests/support/http.ts';
import { err, ok } from '../../platform/result.ts';
import type { AppEnv } from '../context.ts';
import { defineWebModule } from '../modules.ts';
import { formPost, oneValue } from './post.ts';

const seen: string[] = [];

function routes() {
  const app = new Hono<AppEnv>();
  app.post(
    '/',
    formPost({
      run: async (_c, v) => {
        const what = oneValue(v, 'what');
        if (what === 'ok') return ok({ id: 'x1' });
        if (what === 'invalid') return err({ code: 'invalid', fields: { name: 'common.forms.required' } });
        if (what === 'conflict') return err({ code: 'conflict' });
        return err({ code: what });
      },
      done: (c, value) => `${c.var.lp('/prova-modulo')}?esito=${value.id}`,
      invalid: (c, form) => c.html(<p id="again">{`${oneValue(form.values, 'name')}|${Object.keys(form.errors).join(',')}`}</p>),
      other: (c, e) => {
        seen.push(e.code);
        return e.code === 'conflict' ? c.html(<p id="conflict">conflict</p>, 409) : null;
      },
    }),
  );
  return app;
}

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime({ extra: { web: [defineWebModule({ name: 'post-probe', area: 'public', mounts: [{ path: '/prova-modulo', routes }] })] } });
});
afterAll(() => rt.close());

const send = (fields: Record<string, string>, path = '/prova-modulo') => postForm(rt.app, path, fields);

describe('formPost', () => {
  it('answers success with a 303 to the path done gives, in the visitor language', async () => {
    const res = await send({ what: 'ok' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/prova-modulo?esito=x1');
    expect((await send({ what: 'ok' }, '/en/prova-modulo')).headers.get('location')).toBe('/en/prova-modulo?esito=x1');
  });

  it('draws the page again with 422, what was typed and the errors, without asking `other`', async () => {
    seen.length = 0;
    const res = await send({ what: 'invalid', name: '<Ada>' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('<p id="again">&lt;Ada&gt;|name</p>');
    expect(seen).toEqual([]);
  });

  it("lets the page answer its own domain errors, and gives the error page for the rest", async () => {
    seen.length = 0;
    const conflict = await send({ what: 'conflict' });
    expect(conflict.status).toBe(409);
    expect(await conflict.text()).toContain('<p id="conflict">conflict</p>');
    const missing = await send({ what: 'not_found' });
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('not_found');
    expect((await send({ what: 'forbidden' })).status).toBe(403);
    expect(seen).toEqual(['conflict', 'not_found', 'forbidden']);
  });

  it('refuses a POST without the CSRF token before running anything', async () => {
    const res = await postForm(rt.app, '/prova-modulo', { what: 'ok', _csrf: 'forged' });
    expect(res.status).toBe(403);
  });
});
