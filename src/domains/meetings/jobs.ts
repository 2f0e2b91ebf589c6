// Jobs of the meetings domain: the reminder run every 15 minutes (registrants 24 hours before).
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { sendMeetingReminders } from './registrations.ts';

export const MEETING_REMINDER_JOB = 'meetings.reminders';

export function registerMeetingJobs(deps: DomainDeps): void {
  deps.jobs.register({ name: MEETING_REMINDER_JOB, cron: '*/15 * * * *', retryLimit: 2, handler: async () => void (await sendMeetingReminders(deps)) });
}
