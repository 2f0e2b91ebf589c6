// docs/permissions.md must match the rules the manifests declare: a new or changed rule fails this
// test until the document is regenerated with `npm run docs:permissions`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC_PATH, renderPermissionsDoc } from '../scripts/permissions-doc.ts';
import { loadDomainManifests } from '../src/manifests.ts';
import { definePolicy, memberOf, staff } from '../src/platform/authz/index.ts';

describe('docs/permissions.md', () => {
  it('is generated from every manifest and up to date', async () => {
    const expected = await renderPermissionsDoc();
    const actual = existsSync(DOC_PATH) ? readFileSync(DOC_PATH, 'utf8') : '';
    expect(actual, 'docs/permissions.md is out of date: run `npm run docs:permissions`').toBe(expected);
  });

  it('every domain with a policy.ts lists it in its manifest', async () => {
    const manifests = await loadDomainManifests();
    const domains = join(process.cwd(), 'src', 'domains');
    const withPolicy = readdirSync(domains).filter((d) => existsSync(join(domains, d, 'policy.ts')));
    for (const d of withPolicy) expect(manifests.find((m) => m.name === d)?.policies?.length, d).toBeGreaterThan(0);
  });

  it('shows the accounts rules as admin-only', async () => {
    const doc = await renderPermissionsDoc();
    expect(doc).toContain('| `accounts.manage_users` | yes | — | — | — | — |');
    expect(doc).toContain('| `accounts.manage_api_tokens` | yes | — | — | — | — |');
  });

  it('prints record rules in words', async () => {
    const p = definePolicy('example', { readReferral: memberOf<{ orgId: string }>('organisation', (r) => r.orgId, ['referent'], ['admin']), list: staff('recruiter') });
    const doc = await renderPermissionsDoc([{ name: 'example', policies: [p] }]);
    expect(doc).toContain("| `example.read_referral` | yes | — | — | `referent` of the record's organisation | — |");
    expect(doc).toContain('| `example.list` | — | yes | — | — | — |');
  });
});
