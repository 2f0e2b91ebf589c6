// Runs the Nu HTML checker (vnu-jar) once over a folder of saved pages with the machine's Java and
// returns its errors; used by `npm test` after the browser journeys.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

export interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  firstColumn?: number;
  message: string;
  extract?: string;
}

export interface VnuResult {
  files: string[];
  errors: VnuMessage[];
}

export const vnuJarPath = (): string => String(createRequire(import.meta.url)('vnu-jar'));

/** Throws with a clear message when there is no usable Java (we never let vnu-jar download one). */
export function javaVersion(): string {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`Java is needed for the Nu HTML checker and \`java -version\` failed${r.error ? `: ${r.error.message}` : ''}. Install a JRE (Debian: apt-get install default-jre-headless).`);
  }
  return (r.stderr || r.stdout).split('\n')[0].trim();
}

export function runVnu(dir: string): VnuResult {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.html')).sort() : [];
  if (!files.length) return { files, errors: [] };
  javaVersion();
  const r = spawnSync('java', ['-jar', vnuJarPath(), '--errors-only', '--format', 'json', '--skip-non-html', dir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  if (r.error) throw new Error(`the Nu HTML checker could not run: ${r.error.message}`);
  // The JSON report is written on stderr; anything before it is JVM noise.
  const text = r.stderr.slice(Math.max(0, r.stderr.indexOf('{')));
  let report: { messages?: VnuMessage[] };
  try {
    report = JSON.parse(text);
  } catch {
    throw new Error(`the Nu HTML checker exited with ${r.status} without a JSON report:\n${r.stderr}\n${r.stdout}`);
  }
  const errors = (report.messages ?? []).filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal');
  if (r.status !== 0 && !errors.length) throw new Error(`the Nu HTML checker exited with ${r.status}:\n${r.stderr}`);
  return { files: files.map((f) => join(dir, f)), errors };
}

export function formatVnuError(m: VnuMessage, cwd = process.cwd()): string {
  const file = m.url?.startsWith('file:') ? relative(cwd, new URL(m.url).pathname) : (m.url ?? '?');
  const where = m.lastLine ? `${file}:${m.lastLine}${m.firstColumn ? `:${m.firstColumn}` : ''}` : file;
  const extract = m.extract ? `\n      ${m.extract.replace(/\s+/g, ' ').trim()}` : '';
  return `  ${where}: ${m.message}${extract}`;
}
