// Jobs of the leads domain: the daily retention run that erases leads untouched for 24 months.
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { eraseExpiredLeads } from './work-lead.ts';
import { job, type JobDefinition } from '../../platform/jobs/index.ts';

export const LEAD_RETENTION_JOB = 'leads.retention';

export function leadJobs(deps: DomainDeps): JobDefinition<never>[] {
  return [
    job({ name: LEAD_RETENTION_JOB, cron: '41 3 * * *', retryLimit: 2, handler: async () => void (await eraseExpiredLeads(deps)) }),
  ];
}
