// Jobs of the meetings domain: the reminder run every 15 minutes (registrants 24 hours before).
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { sendMeetingReminders } from './registrations.ts';
import { job, type JobDefinition } from '../../platform/jobs/index.ts';

export const MEETING_REMINDER_JOB = 'meetings.reminders';

export function meetingJobs(deps: DomainDeps): JobDefinition<never>[] {
  return [
    job({ name: MEETING_REMINDER_JOB, cron: '*/15 * * * *', retryLimit: 2, handler: async () => void (await sendMeetingReminders(deps)) }),
  ];
}
