// bench/RESULTS.md holds one section per benchmark script, each between its own HTML comment
// markers, so running one benchmark rewrites its section and leaves the others' figures alone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RESULTS_FILE = join('bench', 'RESULTS.md');

const HEADER = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (bench/run.ts: public pages, then alerts; `npm run bench -- pages` or `npm run bench -- alerts` runs one).',
  'Each section is rewritten only by its own benchmark. Machine noise is real (2 shared cores): read medians and ratios, not absolutes.',
  '',
].join('\n');

/** Replaces the section `name` (markers included) or appends it; `body` is Markdown. */
export function writeSection(name: string, body: string, file = RESULTS_FILE): void {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next = from >= 0 && to > from ? text.slice(0, from) + block + text.slice(to + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
}
