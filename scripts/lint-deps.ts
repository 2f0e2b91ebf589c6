// `npm run lint`: enforces the dependency rule web → domains → platform/db (ARCHITECTURE.md §1)
// on every source file under src/, printing each offending import as file:line.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export interface Violation {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

/**
 * Known, accepted exceptions to the rule, each with its reason. Keep this list short: every entry is
 * a place where a lower layer knows a word of a higher one.
 */
export const ALLOWED: { from: string; to: string; why: string }[] = [
  {
    // better-auth's Drizzle adapter needs the table objects of the accounts it authenticates; the
    // tables are plain schema definitions with no domain logic, so platform/auth reads only those.
    from: 'src/platform/auth/index.ts',
    to: 'src/domains/accounts/tables.ts',
    why: 'better-auth adapter needs the accounts tables',
  },
];

/** What a domain may import from another domain: its schema and its public entry points. */
const PUBLIC_DOMAIN_FILES = new Set(['tables.ts', 'index.ts', 'queries.ts']);

// Query-builder calls on a database handle: SQL written in the web layer without importing drizzle.
const QUERY_BUILDER = /\b(?:db|tx)\s*\.\s*(?:select|selectDistinct|insert|update|delete|execute|query|transaction|\$count)\b/g;

const isTestFile = (p: string) => /\.test\.tsx?$/.test(p) || p.includes('/__tests__/');

function listSources(dir: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listSources(p));
    else if (/\.(ts|tsx|mts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The layer of a project-relative path: web, platform, domain:<name>, or other. */
function layerOf(rel: string): { layer: 'web' | 'platform' | 'domain' | 'other'; domain?: string; rest?: string } {
  const parts = rel.split('/');
  if (parts[0] !== 'src') return { layer: 'other' };
  if (parts[1] === 'web') return { layer: 'web' };
  if (parts[1] === 'platform') return { layer: 'platform' };
  if (parts[1] === 'domains' && parts.length >= 4) return { layer: 'domain', domain: parts[2], rest: parts.slice(3).join('/') };
  if (parts[1] === 'domains') return { layer: 'domain', domain: '', rest: parts.slice(2).join('/') };
  return { layer: 'other' };
}

/** Checks one file's imports; `rel` is its project-relative path, `text` its source. */
export function checkFile(rel: string, text: string): Violation[] {
  const from = layerOf(rel);
  if (from.layer === 'other' || isTestFile(rel)) return [];
  const out: Violation[] = [];
  // preProcessFile sees static imports (type-only included), re-exports, import() and require().
  const info = ts.preProcessFile(text, true, true);
  for (const ref of info.importedFiles) {
    const spec = ref.fileName;
    const line = lineOf(text, ref.pos);
    const add = (rule: string) => out.push({ file: rel, line, specifier: spec, rule });
    if (!spec.startsWith('.')) {
      if (from.layer === 'web' && (spec === 'drizzle-orm' || spec.startsWith('drizzle-orm/'))) {
        add('src/web must not contain SQL: call a domain function instead of importing drizzle-orm');
      }
      continue;
    }
    const target = posix.normalize(posix.join(posix.dirname(rel), spec));
    const to = layerOf(target);
    if (from.layer === 'domain' && to.layer === 'web') {
      add('a domain must not import from src/web (dependency rule: web → domains → platform)');
    } else if (from.layer === 'platform' && (to.layer === 'domain' || to.layer === 'web')) {
      if (!ALLOWED.some((a) => a.from === rel && a.to === target)) {
        add(`src/platform must not import from src/${to.layer === 'web' ? 'web' : 'domains'} (platform knows no domain words)`);
      }
    } else if (from.layer === 'domain' && to.layer === 'domain' && to.domain && to.domain !== from.domain) {
      if (!PUBLIC_DOMAIN_FILES.has(to.rest ?? '')) {
        add(`a domain reads another domain only through its tables.ts, index.ts or queries.ts (not ${to.domain}/${to.rest})`);
      }
    }
  }
  if (from.layer === 'web') {
    for (const m of text.matchAll(QUERY_BUILDER)) {
      out.push({
        file: rel,
        line: lineOf(text, m.index ?? 0),
        specifier: m[0].replace(/\s+/g, ''),
        rule: 'src/web must not contain SQL: query-builder call on a database handle; call a domain function',
      });
    }
  }
  return out;
}

/** Lints every source file under <root>/src. */
export function lintDependencies(root: string): Violation[] {
  const files = listSources(join(root, 'src')).sort();
  return files.flatMap((abs) => checkFile(relative(root, abs).split(sep).join('/'), readFileSync(abs, 'utf8')));
}

export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line}: ${v.rule} [${v.specifier}]`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const violations = lintDependencies(root);
  if (violations.length) {
    for (const v of violations) console.error(formatViolation(v));
    console.error(`\nDependency lint: ${violations.length} violation(s).`);
    process.exit(1);
  }
  console.log('Dependency lint: no violations.');
}
