// Finds every capability: the manifest.ts of each folder under src/domains. Nothing lists them by
// hand, so adding a capability edits no shared file (docs/decisions/011-capability-manifests.md).
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DomainManifest } from './platform/manifest.ts';

const DOMAINS = join(dirname(fileURLToPath(import.meta.url)), 'domains');

let cached: Promise<DomainManifest[]> | null = null;

/** Every domain's manifest, sorted by name; each folder's manifest must carry the folder's name. */
export function loadDomainManifests(dir = DOMAINS): Promise<DomainManifest[]> {
  if (dir === DOMAINS && cached) return cached;
  const load = (async () => {
    const names = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'manifest.ts')))
      .map((d) => d.name)
      .sort();
    const out: DomainManifest[] = [];
    for (const name of names) {
      const mod = (await import(pathToFileURL(join(dir, name, 'manifest.ts')).href)) as { manifest?: DomainManifest };
      if (!mod.manifest) throw new Error(`src/domains/${name}/manifest.ts exports no \`manifest\``);
      if (mod.manifest.name !== name) throw new Error(`src/domains/${name}/manifest.ts is named ${mod.manifest.name}: a manifest carries its folder's name`);
      out.push(mod.manifest);
    }
    return out;
  })();
  if (dir === DOMAINS) cached = load;
  return load;
}
