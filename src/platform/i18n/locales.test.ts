import { describe, expect, it } from 'vitest';
import { loadCatalog } from './index.ts';

describe('locales', () => {
  it('Italian and English have exactly the same keys, none empty', () => {
    const it_ = loadCatalog('it');
    const en = loadCatalog('en');
    expect([...en.keys()].sort()).toEqual([...it_.keys()].sort());
    for (const [k, v] of [...it_, ...en]) expect(v.trim(), k).not.toBe('');
  });
});
