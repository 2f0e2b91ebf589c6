// axe-core on the current page with the WCAG 2.1 A/AA rules: any violation fails, printed readably.
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export function formatViolations(url: string, violations: Result[]): string {
  const lines = [`axe: ${violations.length} accessibility violation(s) on ${url}`];
  for (const v of violations) {
    lines.push(`  - ${v.id} (${v.impact ?? 'n/a'}): ${v.help}`, `    ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, 5)) {
      lines.push(`    at ${n.target.join(' ')}`, `       ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`);
      if (n.failureSummary) lines.push(...n.failureSummary.split('\n').map((l) => `       ${l.trim()}`));
    }
    if (v.nodes.length > 5) lines.push(`    … and ${v.nodes.length - 5} more element(s)`);
  }
  return lines.join('\n');
}

/** Runs axe with the WCAG 2.1 AA tags; throws listing every violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  if (results.violations.length) throw new Error(formatViolations(page.url(), results.violations));
}
