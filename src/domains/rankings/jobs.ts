// Jobs of the ranked lists: every 15 minutes, offer reminders that are due and offers past their deadline.
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { sweepOffers } from './desk.ts';

export const OFFER_SWEEP_JOB = 'rankings.offer-sweep';

export function registerRankingJobs(deps: DomainDeps): void {
  deps.jobs.register({ name: OFFER_SWEEP_JOB, cron: '*/15 * * * *', retryLimit: 2, handler: async () => void (await sweepOffers(deps)) });
}
