// The list query readers: known values pass, anything else is dropped, links keep only what is set.
import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import type { Ctx } from '../context.ts';
import { assigneeValue, oneOf, queryString, readQuery, searchText, upTo } from './list-query.ts';

const spec = { stato: oneOf(['new', 'closed'] as const), assegnatario: assigneeValue, q: searchText, tipo: upTo(5) };

async function read(qs: string) {
  const app = new Hono();
  app.get('/', (c) => c.json(readQuery(c as unknown as Ctx, spec)));
  return (await app.request(`/${qs}`)).json();
}

describe('readQuery', () => {
  it('keeps known values and trims the search text', async () => {
    expect(await read('?stato=closed&assegnatario=mine&q=%20Rossi%20&tipo=lead')).toEqual({ stato: 'closed', assegnatario: 'mine', q: 'Rossi', tipo: 'lead' });
  });

  it('drops unknown, malformed, too long and empty values', async () => {
    expect(await read(`?stato=bogus&assegnatario=%3Cx%3E&q=%20%20&tipo=toolong`)).toEqual({});
  });

  it('cuts the search text at 200 characters', async () => {
    const r = await read(`?q=${'a'.repeat(250)}`);
    expect(r.q).toHaveLength(200);
  });
});

describe('queryString', () => {
  it('leaves out unset values and says nothing when none is set', () => {
    expect(queryString({ a: 'x y', b: undefined, c: '' })).toBe('?a=x+y');
    expect(queryString({ a: undefined })).toBe('');
  });
});
