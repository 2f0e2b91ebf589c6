// Jobs of the cases domain: the daily run that asks the team to check on people who arrived a year ago.
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { createRetentionChecks } from './work.ts';
import { job, type JobDefinition } from '../../platform/jobs/index.ts';

export const CASE_RETENTION_CHECK_JOB = 'cases.retention-check';

export function caseJobs(deps: DomainDeps): JobDefinition<never>[] {
  return [
    job({ name: CASE_RETENTION_CHECK_JOB, cron: '17 6 * * *', retryLimit: 2, handler: async () => void (await createRetentionChecks(deps)) }),
  ];
}
