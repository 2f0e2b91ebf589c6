// Jobs of the people domain: the daily retention run that erases people the team no longer follows.
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { eraseQuietCases } from './erase.ts';

export const PEOPLE_RETENTION_JOB = 'people.retention';

export function registerPeopleJobs(deps: DomainDeps): void {
  deps.jobs.register({ name: PEOPLE_RETENTION_JOB, cron: '41 3 * * *', retryLimit: 2, handler: async () => void (await eraseQuietCases(deps)) });
}
