// `npm run lint`: the dependency rules of docs/architecture.md. The import rules (web → domains →
// platform/db, a domain reads another only through its index, no cycles between domains, no src/db
// or drizzle in the web layer) are dependency-cruiser's, in .dependency-cruiser.cjs. Two rules no
// import graph can say are checked here on the source: the web layer runs no query, and a domain
// writes (insert/update/delete) only its own tables.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

const isTestFile = (p: string) => /\.test\.tsx?$/.test(p);

function listSources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listSources(p));
    else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const lineOf = (sf: ts.SourceFile, pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;

/** The import rules, as dependency-cruiser reports them (run on `root`, with its config). */
export function cruise(root: string, config = join(root, '.dependency-cruiser.cjs')): Violation[] {
  const bin = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');
  const r = spawnSync(process.execPath, [bin, 'src', '--config', config, '--output-type', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  let report: { summary?: { violations?: { from: string; to: string; rule: { name: string }; cycle?: { name: string }[] }[] } };
  try {
    report = JSON.parse(r.stdout);
  } catch {
    throw new Error(`dependency-cruiser did not report (exit ${r.status}):\n${r.stderr}`);
  }
  return (report.summary?.violations ?? []).map((v) => ({
    file: v.from,
    line: 0,
    specifier: v.cycle?.length ? v.cycle.map((c) => c.name).join(' → ') : v.to,
    rule: v.rule.name,
  }));
}

// Query-builder calls on a database handle: SQL written in the web layer without importing drizzle.
const QUERY_BUILDER = /\b(?:db|tx)\s*\.\s*(?:select|selectDistinct|insert|update|delete|execute|query|transaction|\$count)\b/g;

/** The two source rules for one file (`rel`: project-relative path). */
export function checkSource(rel: string, text: string): Violation[] {
  if (isTestFile(rel) || !rel.startsWith('src/')) return [];
  const out: Violation[] = [];
  const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true, rel.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  if (rel.startsWith('src/web/')) {
    for (const m of text.matchAll(QUERY_BUILDER)) {
      out.push({ file: rel, line: lineOf(sf, m.index ?? 0), specifier: m[0].replace(/\s+/g, ''), rule: 'web-runs-no-query: call a domain function instead of querying the database' });
    }
  }
  const own = /^src\/domains\/([^/]+)\//.exec(rel)?.[1];
  if (!own) return out;
  // Names imported from another domain (its index.ts re-exports the tables it lets others join).
  const foreign = new Map<string, string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const spec = st.moduleSpecifier.text;
    if (!spec.startsWith('.')) continue;
    const target = posix.normalize(posix.join(posix.dirname(rel), spec));
    const dom = /^src\/domains\/([^/]+)\//.exec(target)?.[1];
    if (!dom || dom === own) continue;
    const named = st.importClause?.namedBindings;
    if (named && ts.isNamedImports(named)) for (const el of named.elements) foreign.set(el.name.text, dom);
  }
  if (!foreign.size) return out;
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ['insert', 'update', 'delete'].includes(node.expression.name.text)) {
      const arg = node.arguments[0];
      if (arg && ts.isIdentifier(arg) && foreign.has(arg.text)) {
        out.push({
          file: rel,
          line: lineOf(sf, node.getStart(sf)),
          specifier: `${node.expression.name.text}(${arg.text})`,
          rule: `domain-writes-own-tables: ${arg.text} belongs to ${foreign.get(arg.text)}; ask that domain through an operation`,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Every rule over the project at `root`. */
export function lintDependencies(root: string): Violation[] {
  const sources = listSources(join(root, 'src')).sort();
  const own = sources.flatMap((abs) => checkSource(relative(root, abs).split(sep).join('/'), readFileSync(abs, 'utf8')));
  return [...cruise(root), ...own];
}

export function formatViolation(v: Violation): string {
  return `${v.file}${v.line ? `:${v.line}` : ''}: ${v.rule} [${v.specifier}]`;
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
