import { describe, expect, it } from 'vitest';
import { fromRomeLocal, toRomeLocal } from './format.ts';

describe('Europe/Rome wall time', () => {
  it('reads summer and winter times with the right offset', () => {
    expect(fromRomeLocal('2026-07-15', '12:00')!.toISOString()).toBe('2026-07-15T10:00:00.000Z');
    expect(fromRomeLocal('2026-01-15', '12:00')!.toISOString()).toBe('2026-01-15T11:00:00.000Z');
    expect(fromRomeLocal('2026-03-29', '12:00')!.toISOString()).toBe('2026-03-29T10:00:00.000Z');
  });
  it('round-trips and rejects impossible dates', () => {
    expect(toRomeLocal(new Date('2026-10-25T09:30:00Z'))).toEqual({ date: '2026-10-25', time: '10:30' });
    expect(fromRomeLocal('2026-02-30', '10:00')).toBeNull();
    expect(fromRomeLocal('2026-13-01')).toBeNull();
    expect(fromRomeLocal('nope')).toBeNull();
  });
});
