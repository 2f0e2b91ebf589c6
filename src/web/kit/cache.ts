// The render cache as the public pages use it: every page shows calls, so every page carries the
// "calls" tag and expires when the next call opens or closes on the clock.
import { nextClockChange } from '../../domains/calls/index.ts';
import { pageCache } from '../middleware/page-cache.ts';
import type { Ctx } from '../context.ts';

const changesAt = (c: Ctx) => nextClockChange(c.var.deps.db, c.var.deps.now());

export const cachedPage = (query?: (params: URLSearchParams) => string) => pageCache({ tags: ['calls'], changesAt, query });
