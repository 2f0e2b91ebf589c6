// Jobs of the leads domain: the daily retention run that erases leads untouched for 24 months.
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { eraseExpiredLeads } from './work-lead.ts';

export const LEAD_RETENTION_JOB = 'leads.retention';

export function registerLeadJobs(deps: DomainDeps): void {
  deps.jobs.register({ name: LEAD_RETENTION_JOB, cron: '41 3 * * *', retryLimit: 2, handler: async () => void (await eraseExpiredLeads(deps)) });
}
