// Jobs of the appointments domain: the reminder sweep every 15 minutes, and daily the deletion of
// calendar cancellations an erasure queued, once they are sent.
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { job, type JobDefinition } from '../../platform/jobs/index.ts';
import { sendReminders } from './bookings.ts';
import { purgeSentCancellationsOfErased } from './person.ts';

export const REMINDER_JOB = 'appointments.reminders';
export const CANCELLATION_PURGE_JOB = 'appointments.purge-sent-cancellations';

export function appointmentJobs(deps: DomainDeps): JobDefinition<never>[] {
  return [
    job({ name: REMINDER_JOB, cron: '*/15 * * * *', retryLimit: 2, handler: async () => void (await sendReminders(deps)) }),
    job({ name: CANCELLATION_PURGE_JOB, cron: '47 3 * * *', retryLimit: 2, handler: async () => void (await purgeSentCancellationsOfErased(deps.db)) }),
  ];
}
