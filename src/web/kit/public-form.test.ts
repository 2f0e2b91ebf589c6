import { describe, expect, it } from 'vitest';
import { formLimits, rateLimitWait } from './public-form.ts';

describe('formLimits', () => {
  it('counts per email (whatever its case) and per address, and says how long to wait', () => {
    const limit = formLimits({ perAddress: 3, perEmail: 2, windowMs: 60_000 });
    expect(limit('10.0.0.1', 'Ada@example.test')).toBe(0);
    expect(limit('10.0.0.2', 'ada@example.test')).toBe(0);
    expect(limit('10.0.0.3', 'ADA@example.test')).toBeGreaterThan(0);
    expect(limit('10.0.0.4', 'other@example.test')).toBe(0);
    expect(limit('10.0.0.4', 'third@example.test')).toBe(0);
    expect(limit('10.0.0.4', 'fourth@example.test')).toBe(0);
    expect(limit('10.0.0.4', 'fifth@example.test')).toBeGreaterThan(0);
    // No known address (a request not from a socket): only the email counts.
    expect(limit(null, 'sixth@example.test')).toBe(0);
  });

  it('does not count a form sent without an email against the others without one', () => {
    const limit = formLimits({ perAddress: 100, perEmail: 1, windowMs: 60_000 });
    for (let i = 0; i < 5; i++) expect(limit(`10.0.1.${i}`, '')).toBe(0);
  });
});

describe('rateLimitWait', () => {
  it('reads the wait of a rate_limited error only', () => {
    expect(rateLimitWait({ code: 'rate_limited', wait: 120 } as { code: string })).toBe(120);
    expect(rateLimitWait({ code: 'invalid' })).toBeNull();
    expect(rateLimitWait({ code: 'rate_limited' })).toBeNull();
  });
});
