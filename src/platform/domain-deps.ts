// What a domain operation may use: the database, the clock, jobs, mail and events. Passed in,
// never imported, so tests can set the clock and every entry point shares the same wiring.
import type { Db } from '../db/client.ts';
import type { Jobs } from './jobs/index.ts';
import type { Mailer } from './mail/index.ts';
import type { Events } from './events.ts';

export interface DomainDeps {
  db: Db;
  now: () => Date;
  jobs: Jobs;
  mailer: Mailer;
  events: Events;
  /** Absolute links in mails and HMAC-signed links for people without an account. */
  links: { baseUrl: string; secret: string };
}
