// What a domain operation may use: the database, the clock, jobs, mail, events, the log and the
// manifests of every capability. Passed in, never imported, so tests can set the clock and every
// entry point shares the same wiring.
import type { Db } from '../db/client.ts';
import type { Jobs } from './jobs/index.ts';
import type { Mailer } from './mail/index.ts';
import type { Events } from './events.ts';
import type { Logger } from './logger.ts';
import type { DomainManifest } from './manifest.ts';

export interface DomainDeps {
  db: Db;
  now: () => Date;
  jobs: Jobs;
  mailer: Mailer;
  events: Events;
  logger: Logger;
  /** Absolute links in mails and HMAC-signed links for people without an account. */
  links: { baseUrl: string; secret: string };
  /** Every capability's manifest (person erasure and export iterate them). */
  manifests: readonly DomainManifest[];
}
