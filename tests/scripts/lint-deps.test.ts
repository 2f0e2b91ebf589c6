// The dependency rules catch each forbidden direction (dependency-cruiser on a small tree built
// here, with the project's own configuration) and the source rules report the right line.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSource, cruise, type Violation } from '../../scripts/lint-deps.ts';

let root: string;
let found: Violation[];

const FILES: Record<string, string> = {
  'src/platform/result.ts': `export const ok = 1;\n`,
  'src/platform/mail/index.ts': `import { calls } from '../../domains/calls/index.ts';\nexport const m = calls;\n`,
  'src/db/client.ts': `export type Db = { x: 1 };\n`,
  'src/domains/calls/index.ts': `export { calls } from './tables.ts';\nexport { makeCall } from './make-call.ts';\n`,
  'src/domains/calls/tables.ts': `export const calls = 'calls';\n`,
  'src/domains/calls/make-call.ts': `import type { AppDeps } from '../../web/context.ts';\nexport const makeCall = (d: AppDeps) => d;\n`,
  'src/domains/leads/index.ts': `export { lead } from './lead.ts';\n`,
  'src/domains/leads/lead.ts': `import { makeCall } from '../calls/make-call.ts';\nimport { calls } from '../calls/index.ts';\nexport const lead = [makeCall, calls];\n`,
  'src/domains/a/index.ts': `import { b } from '../b/index.ts';\nexport const a = b;\n`,
  'src/domains/b/index.ts': `import { a } from '../a/index.ts';\nexport const b = () => a;\n`,
  'src/web/context.ts': `import type { Db } from '../db/client.ts';\nexport type AppDeps = { db: Db };\n`,
  'src/domains/calls/testing.ts': `export const forceClosed = 1;\n`,
  'src/domains/calls/calls.test.ts': `import { forceClosed } from './testing.ts';\nexport const t = forceClosed;\n`,
  'src/domains/calls/close.ts': `import { forceClosed } from './testing.ts';\nexport const c = forceClosed;\n`,
  'src/web/page.ts': `import { eq } from 'drizzle-orm';\nimport { lead } from '../domains/leads/lead.ts';\nexport const p = [eq, lead];\n`,
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'lint-deps-'));
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  copyFileSync(join(process.cwd(), '.dependency-cruiser.cjs'), join(root, '.dependency-cruiser.cjs'));
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', allowImportingTsExtensions: true, noEmit: true }, include: ['src'] }));
  found = cruise(root);
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const has = (rule: string, from: string, to?: string) => found.some((v) => v.rule === rule && v.file === from && (!to || v.specifier.includes(to)));

describe('import rules (dependency-cruiser)', () => {
  it('platform imports no domain, a domain no web', () => {
    expect(has('platform-knows-no-domain', 'src/platform/mail/index.ts')).toBe(true);
    expect(has('domains-below-web', 'src/domains/calls/make-call.ts')).toBe(true);
  });

  it("a domain reads another only through its index.ts", () => {
    expect(has('domain-through-index', 'src/domains/leads/lead.ts', 'src/domains/calls/make-call.ts')).toBe(true);
    expect(found.some((v) => v.file === 'src/domains/leads/lead.ts' && v.specifier === 'src/domains/calls/index.ts')).toBe(false);
  });

  it('no two domains depend on each other', () => {
    expect(found.some((v) => v.rule === 'no-domain-cycles' && v.file.startsWith('src/domains/a/'))).toBe(true);
  });

  it("a domain's testing.ts is imported by tests alone", () => {
    expect(has('testing-only-in-tests', 'src/domains/calls/close.ts', 'src/domains/calls/testing.ts')).toBe(true);
    expect(found.some((v) => v.file === 'src/domains/calls/calls.test.ts')).toBe(false);
  });

  it('the web layer imports neither src/db nor drizzle-orm, and domains only through their index', () => {
    expect(has('web-holds-no-sql', 'src/web/context.ts', 'src/db/client.ts')).toBe(true);
    expect(has('web-holds-no-sql', 'src/web/page.ts', 'drizzle-orm')).toBe(true);
    expect(has('web-through-domain-index', 'src/web/page.ts', 'src/domains/leads/lead.ts')).toBe(true);
  });
});

describe('source rules', () => {
  it('refuses a query run from the web layer, at its line', () => {
    const text = `const x = 1;\nconst rows = await c.var.deps.db\n  .select().from(calls);\n`;
    expect(checkSource('src/web/public/calls/calls.tsx', text).map((v) => `${v.line}:${v.specifier}`)).toEqual(['2:db.select']);
    expect(checkSource('src/web/public/calls/calls.test.ts', text)).toEqual([]);
  });

  it("refuses a write to another domain's table, allows reading it and writing one's own", () => {
    const text = [
      `import { users } from '../accounts/index.ts';`,
      `import { leads } from './tables.ts';`,
      `await tx.select().from(users);`,
      `await tx.update(leads).set({ a: 1 });`,
      `await tx.update(users).set({ name: 'x' });`,
      `await db.delete(users);`,
    ].join('\n');
    expect(checkSource('src/domains/leads/work.ts', text).map((v) => `${v.line}:${v.specifier}`)).toEqual(['5:update(users)', '6:delete(users)']);
  });
});
