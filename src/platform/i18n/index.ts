// Translations: src/locales/<locale>/<namespace>.json, Italian the source. t(locale, 'ns.key', {var}).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LOCALES = ['it', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'it';

type Tree = { [k: string]: string | Tree };
const LOCALES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'locales');

function flatten(tree: Tree, prefix: string, out: Map<string, string>) {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else flatten(v, key, out);
  }
}

export function loadCatalog(locale: Locale, dir = LOCALES_DIR): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(join(dir, locale)).filter((f) => f.endsWith('.json')).sort()) {
    const ns = file.replace(/\.json$/, '');
    flatten(JSON.parse(readFileSync(join(dir, locale, file), 'utf8')) as Tree, ns, out);
  }
  return out;
}

const catalogs: Record<Locale, Map<string, string>> = { it: loadCatalog('it'), en: loadCatalog('en') };

export function isLocale(v: unknown): v is Locale {
  return v === 'it' || v === 'en';
}

/** Translate; a missing key shows itself (and the locale test fails), never crashes a page. */
export function t(locale: Locale, key: string, vars?: Record<string, string | number>): string {
  const s = catalogs[locale].get(key) ?? catalogs.it.get(key) ?? key;
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function hasKey(locale: Locale, key: string): boolean {
  return catalogs[locale].has(key);
}

export type Translator = (key: string, vars?: Record<string, string | number>) => string;
export const translator = (locale: Locale): Translator => (key, vars) => t(locale, key, vars);
