// What every request handler can reach: the app's dependencies and the per-request values.
import type { Context } from 'hono';
import type { Actor } from '../platform/authz/index.ts';
import type { Config } from '../config/env.ts';
import type { Jobs } from '../platform/jobs/index.ts';
import type { Mailer } from '../platform/mail/index.ts';
import type { Logger } from '../platform/logger.ts';
import type { Locale, Translator } from '../platform/i18n/index.ts';
import type { RenderCache } from '../platform/http/render-cache.ts';
import type { DomainDeps } from '../platform/domain-deps.ts';
import type { Membership, StaffRole } from '../platform/authz/index.ts';
import type { NavEntry } from './modules.ts';

/** The signed-in person: staff (with a role) or someone of the network (role null, memberships). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole | null;
  locale: string;
}

/** An organisation or group whose pages the request is on (/partner/<slug>), with the actor's membership. */
export interface ScopeContext {
  id: string;
  slug: string;
  name: string;
  membership: Membership;
}

export interface AppDeps extends DomainDeps {
  config: Config;
  /** Whether the database answers (for /healthz). */
  ping: () => Promise<boolean>;
  jobs: Jobs;
  mailer: Mailer;
  logger: Logger;
  cache: RenderCache;
  /** better-auth instance (src/platform/auth). */
  auth: import('../platform/auth/index.ts').Auth;
  now: () => Date;
  /** demo: the database holds the demo dataset (the site then shows a banner). */
  flags: { demo: boolean };
}

export interface AppEnv {
  Bindings: { locale?: Locale };
  Variables: {
    deps: AppDeps;
    requestId: string;
    log: Logger;
    locale: Locale;
    t: Translator;
    /** Prefixes a site path with the current locale (/en/…). */
    lp: (path: string) => string;
    user: SessionUser | null;
    /** Set on /partner/<org> pages by requireMembership. */
    scope: ScopeContext | null;
    nav: { backoffice: NavEntry[]; partner: NavEntry[] };
    actor: Actor;
    csrfToken: string;
  };
}

export type Ctx = Context<AppEnv>;
