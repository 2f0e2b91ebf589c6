// docs/permissions.md must match the policy registry: a new or changed action fails this test
// until the document is regenerated with `npx tsx scripts/permissions-doc.ts`.
import { readFileSync } from 'node:fs';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC_PATH, loadAllPolicies, renderPermissionsDoc } from '../scripts/permissions-doc.ts';
import { registeredActions } from '../src/platform/authz/index.ts';

describe('docs/permissions.md', () => {
  it('is generated from every domain policy and up to date', async () => {
    const expected = await renderPermissionsDoc();
    const actual = existsSync(DOC_PATH) ? readFileSync(DOC_PATH, 'utf8') : '';
    expect(actual, 'docs/permissions.md is out of date: run `npx tsx scripts/permissions-doc.ts`').toBe(expected);
  });

  it('loads the policy.ts of every domain folder', async () => {
    const loaded = await loadAllPolicies();
    const domains = join(process.cwd(), 'src', 'domains');
    const present = readdirSync(domains).filter((d) => existsSync(join(domains, d, 'policy.ts')));
    expect(loaded).toHaveLength(present.length);
    expect(present).toContain('accounts');
    expect(registeredActions()).toEqual(expect.arrayContaining(['users.manage', 'audit.read', 'outbox.read', 'api_tokens.manage']));
  });

  it('shows the accounts actions as admin-only', async () => {
    const doc = await renderPermissionsDoc();
    expect(doc).toContain('| `users.manage` | yes | — | — | — |');
    expect(doc).toContain('| `api_tokens.manage` | yes | — | — | — |');
  });
});
