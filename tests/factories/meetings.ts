// Test data builders for meetings and webinars: the meeting form's values, a meeting created
// through createMeeting, a registrant's form and a registration through registerForWebinar.
import type { Actor } from '../../src/platform/authz/index.ts';
import type { DomainDeps } from '../../src/platform/domain-deps.ts';
import { storedMail } from '../../src/platform/mail/index.ts';
import { createMeeting, getMeeting, registerForWebinar, type Meeting } from '../../src/domains/meetings/index.ts';
import { ADMIN_ACTOR } from './index.ts';

let n = 0;

/** The meeting form as the back office sends it: a 90-minute video webinar open to registration. */
export const webinarForm = (over: Record<string, string> = {}): Record<string, string> => ({
  kind: 'webinar',
  title: `Lavorare in Trentino ${++n}`,
  descriptionMd: 'Come funzionano i **concorsi**.',
  date: '2026-07-15',
  startTime: '18:00',
  endTime: '19:30',
  mode: 'video',
  location: 'https://meet.example.org/trentino',
  capacity: '',
  registrationOpen: 'on',
  ...over,
});

/** A meeting made by `actor` (an admin unless told) from the form's values. */
export async function buildMeeting(deps: DomainDeps, over: Record<string, string> = {}, actor: Actor = ADMIN_ACTOR): Promise<Meeting> {
  const r = await createMeeting(deps, actor, webinarForm(over));
  if (!r.ok) throw new Error(`createMeeting: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** The public registration form: a fresh address each time, consent given. */
export const registrant = (over: Record<string, string> = {}): Record<string, string> & { name: string; email: string } => ({
  name: 'Marta Rossi',
  email: `marta.${++n}@example.org`,
  locale: 'it',
  consent: 'on',
  ...over,
});

/** A registration through the webinar's public page. */
export async function registerTo(deps: DomainDeps, slug: string, over: Record<string, string> = {}) {
  const r = await registerForWebinar(deps, slug, registrant(over), {});
  if (!r.ok) throw new Error(`registerForWebinar: ${JSON.stringify(r.error)}`);
  return r.value.registration;
}

/** The meeting's registrations as its back-office page lists them. */
export async function registrationsOf(deps: Pick<DomainDeps, 'db'>, meetingId: string) {
  const r = await getMeeting(deps.db, ADMIN_ACTOR, meetingId);
  if (!r.ok) throw new Error(`getMeeting: ${JSON.stringify(r.error)}`);
  return r.value.registrations;
}

/** The meetings mails of one kind stored in the outbox (e.g. `meeting-invite:`), optionally for one registration. */
export const meetingMails = (deps: Pick<DomainDeps, 'db'>, kind: string, registrationId?: string) =>
  storedMail(deps.db, { owner: 'meetings', keyPrefix: registrationId ? `${kind}:${registrationId}:` : `${kind}:` });
