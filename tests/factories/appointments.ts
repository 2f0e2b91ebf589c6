// Test data builders for appointments: an availability rule through addRule, a booking through a
// signed email link and bookAppointment, and the team's view of the appointments.
import type { Actor } from '../../src/platform/authz/index.ts';
import type { DomainDeps } from '../../src/platform/domain-deps.ts';
import { addRule, availableSlots, bookAppointment, bookingToken, teamAppointments, type RuleInput } from '../../src/domains/appointments/index.ts';
import { ADMIN_ACTOR } from './index.ts';

const DAY = 86_400_000;

/** An availability rule as the form sends it: Tuesdays 09:00–10:00 by video, 30-minute slots. */
export const ruleForm = (over: Partial<RuleInput> = {}): RuleInput => ({
  weekday: '2',
  startTime: '09:00',
  endTime: '10:00',
  slotMinutes: '30',
  bufferMinutes: '0',
  mode: 'video',
  location: 'https://meet.example.org/sportello',
  ...over,
});

/** The team member's availability rule (they must be able to host: a recruiter or an admin). */
export async function buildRule(deps: DomainDeps, host: Actor, over: Partial<RuleInput> = {}) {
  const r = await addRule(deps, host, ruleForm(over));
  if (!r.ok) throw new Error(`addRule: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** A signed booking link for an address, valid for a day from the deps' clock unless told. */
export const bookingLinkFor = (deps: Pick<DomainDeps, 'links' | 'now'>, email: string, expiresAt = new Date(deps.now().getTime() + DAY)) =>
  bookingToken(deps.links.secret, { email, expiresAt });

/** Books a slot (the first free one unless given) through an email link; returns the appointment and its manage link. */
export async function bookSlot(deps: DomainDeps, person: { name: string; email: string; slot?: string; topic?: string }, locale: 'it' | 'en' = 'it') {
  const slot = person.slot ?? (await availableSlots(deps.db, deps.now()))[0]?.key;
  if (!slot) throw new Error('bookSlot: no free slot');
  const r = await bookAppointment(deps, bookingLinkFor(deps, person.email), { slot, name: person.name, email: person.email, topic: person.topic }, locale);
  if (!r.ok) throw new Error(`bookAppointment: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** The team's appointments list (booked, done, no-show from a day ago). */
export async function teamList(deps: Pick<DomainDeps, 'db' | 'now'>, actor: Actor = ADMIN_ACTOR) {
  const r = await teamAppointments(deps.db, actor, deps.now());
  if (!r.ok) throw new Error(`teamAppointments: ${JSON.stringify(r.error)}`);
  return r.value;
}
