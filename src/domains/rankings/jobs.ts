// Jobs of the ranked lists: every 15 minutes, offer reminders that are due and offers past their
// deadline; daily, contact details cleared on lists past their validity.
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { sweepOffers } from './desk.ts';
import { minimiseExpiredLists } from './retention.ts';
import { job, type JobDefinition } from '../../platform/jobs/index.ts';

export const OFFER_SWEEP_JOB = 'rankings.offer-sweep';
export const LIST_MINIMISE_JOB = 'rankings.minimise-expired';

export function rankingJobs(deps: DomainDeps): JobDefinition<never>[] {
  return [
    job({ name: OFFER_SWEEP_JOB, cron: '*/15 * * * *', retryLimit: 2, handler: async () => void (await sweepOffers(deps)) }),
    job({ name: LIST_MINIMISE_JOB, cron: '23 4 * * *', retryLimit: 2, handler: async () => void (await minimiseExpiredLists(deps)) }),
  ];
}
