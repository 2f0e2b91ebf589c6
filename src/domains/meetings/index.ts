// The meetings capability (directors' meetings with levers, candidates' meetings, public webinars).
export * from './meetings.ts';
export * from './registrations.ts';
export { meetingCalendar, meetingWhen, cancelToken, type Meeting, type Registration } from './mails.ts';
export { DESCRIPTION_MAX, MAX_SPAN_DAYS, type MeetingInput } from './input.ts';
export { MEETING_REMINDER_JOB } from './jobs.ts';
export { LEVER_KINDS, MEETING_KINDS, type LeverKind, type MeetingKind } from './tables.ts';
export { REGISTRATION_CONSENT } from './person.ts';
export { meetingRules } from './policy.ts';
