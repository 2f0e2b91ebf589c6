// The dependency lint catches each forbidden direction, reports the right line, and lets the allowed ones pass.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile, lintDependencies } from '../../scripts/lint-deps.ts';

const rules = (file: string, text: string) => checkFile(file, text).map((v) => `${v.line}:${v.specifier}`);

describe('dependency lint', () => {
  it('rejects a domain importing from src/web, type-only imports included', () => {
    const text = `// x\nimport { ok } from '../../platform/result.ts';\nimport type { AppDeps } from '../../web/context.ts';\n`;
    expect(rules('src/domains/calls/jobs.ts', text)).toEqual(['3:../../web/context.ts']);
  });

  it('rejects platform importing domains or web, except the commented allow-list entry', () => {
    expect(rules('src/platform/mail/index.ts', `import { calls } from '../../domains/calls/tables.ts';`)).toEqual([
      '1:../../domains/calls/tables.ts',
    ]);
    expect(rules('src/platform/http/x.ts', `export { y } from '../../web/app.tsx';`)).toEqual(['1:../../web/app.tsx']);
    expect(rules('src/platform/auth/index.ts', `import { users } from '../../domains/accounts/tables.ts';`)).toEqual([]);
    // The allow-list is exact: another accounts file is still refused.
    expect(rules('src/platform/auth/index.ts', `import { x } from '../../domains/accounts/password.ts';`)).toHaveLength(1);
  });

  it('lets a domain read another only through tables.ts, index.ts or queries.ts', () => {
    const text = [
      `import { organisations } from '../organisations/tables.ts';`,
      `import { findOrg } from '../organisations/index.ts';`,
      `import { listOrgs } from '../organisations/queries.ts';`,
      `import { secret } from '../organisations/internal/helpers.ts';`,
      `import { createOrg } from '../organisations/create-organisation.ts';`,
      `import { slug } from './slug.ts';`,
    ].join('\n');
    expect(rules('src/domains/calls/publish-call.ts', text)).toEqual([
      '4:../organisations/internal/helpers.ts',
      '5:../organisations/create-organisation.ts',
    ]);
  });

  it('finds multi-line imports (at the line of the module name), dynamic imports and import() types', () => {
    const text = `import {\n  a,\n  b,\n} from '../../web/context.ts';\nconst m = await import('../../web/app.tsx');\ntype A = import('../../web/context.ts').AppDeps;\n`;
    expect(rules('src/domains/calls/x.ts', text).map((r) => r.split(':')[0])).toEqual(['4', '5', '6']);
  });

  it('rejects SQL in src/web: drizzle-orm imports and query-builder calls', () => {
    const text = `import { eq } from 'drizzle-orm';\nimport { sql } from 'drizzle-orm/sql';\nconst rows = await c.var.deps.db\n  .select().from(calls);\n`;
    expect(rules('src/web/public/calls.tsx', text)).toEqual(['1:drizzle-orm', '2:drizzle-orm/sql', '3:db.select']);
    // Domains may use drizzle; test files beside web code may inspect the database.
    expect(rules('src/domains/calls/queries.ts', `import { eq } from 'drizzle-orm';`)).toEqual([]);
    expect(rules('src/web/public/calls.test.ts', `import { eq } from 'drizzle-orm';`)).toEqual([]);
  });

  it('walks a source tree and reports file and line', () => {
    const root = mkdtempSync(join(tmpdir(), 'lint-deps-'));
    try {
      mkdirSync(join(root, 'src/domains/calls'), { recursive: true });
      mkdirSync(join(root, 'src/web'), { recursive: true });
      writeFileSync(join(root, 'src/web/app.tsx'), `export const app = 1;\n`);
      writeFileSync(join(root, 'src/domains/calls/index.ts'), `// calls\n\nimport { app } from '../../web/app.tsx';\n`);
      const found = lintDependencies(root);
      expect(found.map((v) => `${v.file}:${v.line}`)).toEqual(['src/domains/calls/index.ts:3']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
