// What the accounts operations need from the running application (a structural subset of AppDeps).
import type { Db } from '../../db/client.ts';
import type { Auth } from '../../platform/auth/index.ts';
import type { Mailer } from '../../platform/mail/index.ts';

export interface AccountsDeps {
  db: Db;
  auth: Auth;
  config: { baseUrl: string };
  mailer: Mailer;
  now: () => Date;
}
