// The appointments capability: availability rules, free slots, booking from signed links, reminders.
export * from './rules.ts';
export * from './bookings.ts';
export { freeSlots, slotKey, slotWeek, BOOKING_DAYS, BOOKING_WEEKS, type Slot, type RuleLike, type SlotWeek } from './slots.ts';
export { bookingToken, readBookingToken, checkBookingToken, BOOKING_LINK_DAYS, manageToken, readManageToken, APPOINTMENT_PATHS, leadBookingUrl } from './links.ts';
export { appointmentUid } from './ics.ts';
export { REMINDER_JOB } from './jobs.ts';
export { APPOINTMENT_MODES, type AppointmentMode } from './tables.ts';
export { purgeSentCancellationsOfErased } from './person.ts';
export { appointmentRules } from './policy.ts';
