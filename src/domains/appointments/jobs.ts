// Jobs of the appointments domain: the reminder sweep every 15 minutes.
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { sendReminders } from './bookings.ts';

export const REMINDER_JOB = 'appointments.reminders';

export function registerAppointmentJobs(deps: DomainDeps): void {
  deps.jobs.register({ name: REMINDER_JOB, cron: '*/15 * * * *', retryLimit: 2, handler: async () => void (await sendReminders(deps)) });
}
