// The appointments capability: availability rules, free slots, booking from signed links, reminders.
import './policy.ts';
export * from './rules.ts';
export * from './bookings.ts';
export { freeSlots, slotKey, BOOKING_DAYS, type Slot, type RuleLike } from './slots.ts';
export { bookingToken, readBookingToken, manageToken, readManageToken, APPOINTMENT_PATHS, leadBookingUrl } from './links.ts';
export { appointmentUid } from './ics.ts';
export { REMINDER_JOB, registerAppointmentJobs } from './jobs.ts';
export { APPOINTMENT_MODES, type AppointmentMode } from './tables.ts';
