// Jobs of the calls domain: the lifecycle tick that opens and closes calls on the clock.
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { advanceLifecycle } from './transitions.ts';
import { job, type JobDefinition } from '../../platform/jobs/index.ts';

export const LIFECYCLE_JOB = 'calls.lifecycle';

export function callJobs(deps: DomainDeps): JobDefinition<never>[] {
  return [
    job({ name: LIFECYCLE_JOB, cron: '* * * * *', retryLimit: 0, handler: async () => void (await advanceLifecycle(deps)) }),
  ];
}
