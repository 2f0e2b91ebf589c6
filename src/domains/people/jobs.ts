// Jobs of the people domain: the daily retention run that erases people the team no longer follows.
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { eraseQuietCases } from './erase.ts';
import { job, type JobDefinition } from '../../platform/jobs/index.ts';

export const PEOPLE_RETENTION_JOB = 'people.retention';

export function peopleJobs(deps: DomainDeps): JobDefinition<never>[] {
  return [
    job({ name: PEOPLE_RETENTION_JOB, cron: '41 3 * * *', retryLimit: 2, handler: async () => void (await eraseQuietCases(deps)) }),
  ];
}
