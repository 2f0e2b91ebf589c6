// Jobs of the alerts domain: the fan-out of an opening call, its delivery jobs, the minute sweep
// (crash recovery and lost events), the Monday digest and the daily consent upkeep.
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { DELIVER_JOB, FANOUT_JOB, deliverPending, startFanout, sweepFanouts } from './fanout.ts';
import { DIGEST_JOB, sendDigests } from './digest.ts';
import { consentUpkeep } from './subscriptions.ts';
import { job, type JobDefinition } from '../../platform/jobs/index.ts';

export const SWEEP_JOB = 'alerts.sweep';
export const UPKEEP_JOB = 'alerts.consent-upkeep';

export function alertJobs(deps: DomainDeps): JobDefinition<never>[] {
  return [
    job<{ callId: string }>({ name: FANOUT_JOB, retryLimit: 10, handler: async ({ callId }) => void (await startFanout(deps, callId)) }),
    job<{ fanoutId: string }>({
      name: DELIVER_JOB,
      retryLimit: 10,
      concurrency: 2,
      handler: async ({ fanoutId }) => {
        const run = await deliverPending(deps, fanoutId);
        if (run.sent || run.failed || run.retry || run.skipped) deps.logger.info({ fanoutId, pid: process.pid, ...run }, 'alert deliveries');
      },
    }),
    job({ name: SWEEP_JOB, cron: '* * * * *', retryLimit: 0, handler: async () => void (await sweepFanouts(deps)) }),
    job({ name: DIGEST_JOB, cron: '0 8 * * 1', retryLimit: 3, handler: async () => void (await sendDigests(deps)) }),
    job({ name: UPKEEP_JOB, cron: '40 3 * * *', retryLimit: 3, handler: async () => void (await consentUpkeep(deps)) }),
  ];
}

/** A call opened (event from the calls domain): its fan-out, once. */
export function onCallOpened(deps: DomainDeps, callId: string): Promise<unknown> {
  return deps.jobs.send(FANOUT_JOB, { callId }, { singletonKey: `fanout:${callId}` });
}
