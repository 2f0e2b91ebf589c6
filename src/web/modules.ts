// The web side of a capability: each folder under src/web/<area>/ has a module.ts(x) saying what it
// mounts where and what it adds to the navigation. The app (src/web/app.tsx) mounts every module it
// finds; adding a capability's pages edits no shared file (docs/decisions/011-capability-manifests.md).
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Hono } from 'hono';
import type { Rule } from '../platform/authz/index.ts';
import type { Listeners } from '../platform/events.ts';
import type { DomainDeps } from '../platform/domain-deps.ts';
import type { AppEnv } from './context.ts';

/**
 * Where a module's routes live: `backoffice` under /admin (staff only), `partner` under
 * /partner/:org (members of that organisation), `public` at the site's root, `api` under /api.
 */
export const WEB_AREAS = ['backoffice', 'partner', 'public', 'api'] as const;
export type WebArea = (typeof WEB_AREAS)[number];

export interface NavEntry {
  /** Inside the area (`/contatti` → /admin/contatti; in the partner area, under /partner/<org>). */
  path: string;
  /** Translation key of the label. */
  label: string;
  /** Shown only to actors the rule allows (for the partner area: a role in the organisation). */
  rule?: Rule;
  roles?: readonly string[];
  /** Position in the menu (lower first). */
  order: number;
}

export interface Mount {
  /** Inside the area; `/` for routes at the area's root. */
  path: string;
  routes: () => Hono<AppEnv>;
}

export interface WebModule {
  /** The capability's name (its folder). */
  name: string;
  area: WebArea;
  mounts: Mount[];
  nav?: NavEntry[];
  /** Reactions of the web layer to domain events (dropping cached pages). */
  listeners?: (deps: DomainDeps & { cache: { invalidate(tag: string): void } }) => Listeners;
  /** Mount order inside the area (lower first): catch-all paths go last. */
  order?: number;
  /**
   * Rules of pages no domain owns (a page about the code itself), listed in docs/permissions.md with
   * the domains' own. A capability's rules belong in its domain's policy.ts, not here.
   */
  policies?: object[];
}

export const defineWebModule = <M extends WebModule>(m: M): M => m;

const WEB = dirname(fileURLToPath(import.meta.url));

let cached: Promise<WebModule[]> | null = null;

/** Every module under src/web/<area>/<capability>/module.ts(x), each checked against its folder. */
export function loadWebModules(): Promise<WebModule[]> {
  cached ??= (async () => {
    const out: WebModule[] = [];
    for (const area of WEB_AREAS) {
      const dir = join(WEB, area);
      if (!existsSync(dir)) continue;
      for (const d of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
        const file = ['module.tsx', 'module.ts'].map((f) => join(dir, d.name, f)).find((f) => existsSync(f));
        if (!file) continue;
        const mod = (await import(pathToFileURL(file).href)) as { module?: WebModule };
        const m = mod.module;
        if (!m) throw new Error(`src/web/${area}/${d.name}/module exports no \`module\``);
        if (m.area !== area || m.name !== d.name) throw new Error(`src/web/${area}/${d.name}/module says ${m.area}/${m.name}: a module carries its area and folder`);
        out.push(m);
      }
    }
    return out;
  })();
  return cached;
}

/** The modules of one area, in mount order. */
export const modulesOf = (modules: readonly WebModule[], area: WebArea) =>
  modules.filter((m) => m.area === area).sort((a, b) => (a.order ?? 50) - (b.order ?? 50) || a.name.localeCompare(b.name));

/** The navigation of an area, in menu order. */
export const navOf = (modules: readonly WebModule[], area: WebArea): NavEntry[] =>
  modulesOf(modules, area)
    .flatMap((m) => m.nav ?? [])
    .sort((a, b) => a.order - b.order);
