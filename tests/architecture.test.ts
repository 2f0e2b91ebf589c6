// The shape docs/architecture.md promises: every capability a domain folder with its manifest and
// README, found by the loaders; the schema barrel (static, for drizzle-kit) listing every tables.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDomainManifests } from '../src/manifests.ts';
import { loadWebModules, WEB_AREAS } from '../src/web/modules.ts';

const ROOT = process.cwd();
const dirs = (p: string) => readdirSync(p, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

function tablesFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...tablesFiles(p));
    else if (e.name === 'tables.ts') out.push(relative(join(ROOT, 'src', 'db'), p).split('\\').join('/'));
  }
  return out;
}

describe('capabilities', () => {
  it('every domain folder has a manifest (found by the loader) and a README', async () => {
    const manifests = await loadDomainManifests();
    for (const d of dirs(join(ROOT, 'src', 'domains'))) {
      expect(existsSync(join(ROOT, 'src', 'domains', d, 'manifest.ts')), `src/domains/${d}/manifest.ts`).toBe(true);
      expect(existsSync(join(ROOT, 'src', 'domains', d, 'README.md')), `src/domains/${d}/README.md`).toBe(true);
      expect(manifests.map((m) => m.name)).toContain(d);
    }
  });

  it('every web folder of an area has a module (found by the loader)', async () => {
    const modules = await loadWebModules();
    for (const area of WEB_AREAS) {
      const base = join(ROOT, 'src', 'web', area);
      if (!existsSync(base)) continue;
      for (const d of dirs(base)) {
        expect(modules.some((m) => m.area === area && m.name === d), `src/web/${area}/${d}/module.tsx`).toBe(true);
      }
    }
  });

  it('the schema barrel exports every tables.ts (drizzle-kit reads only the barrel)', () => {
    const barrel = readFileSync(join(ROOT, 'src', 'db', 'schema.ts'), 'utf8');
    const listed = [...barrel.matchAll(/export \* from '([^']+)';/g)].map((m) => m[1]);
    const present = [...tablesFiles(join(ROOT, 'src', 'domains')), ...tablesFiles(join(ROOT, 'src', 'platform'))];
    expect(listed.sort()).toEqual(present.sort());
  });
});
