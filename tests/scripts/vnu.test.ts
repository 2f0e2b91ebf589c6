// The Nu HTML checker gate can fail: one JVM run reports the error in a broken page, with its file and line, and passes a valid one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatVnuError, runVnu } from '../../scripts/vnu.ts';

const page = (body: string) =>
  `<!DOCTYPE html>\n<html lang="it">\n<head><meta charset="utf-8"><title>Prova</title></head>\n<body>\n${body}\n</body>\n</html>\n`;

describe('Nu HTML checker runner', () => {
  it('reports errors by file and line and accepts a valid page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnu-test-'));
    try {
      writeFileSync(join(dir, 'good.html'), page('<main><h1>Bandi</h1></main>'));
      writeFileSync(join(dir, 'bad.html'), page('<main><h1>Bandi</h1>\n<div><li>fuori posto</li></div></main>'));
      writeFileSync(join(dir, 'notes.txt'), 'not html');
      const { files, errors } = runVnu(dir);
      expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['bad.html', 'good.html']);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((e) => e.url?.endsWith('/bad.html'))).toBe(true);
      expect(formatVnuError(errors[0], dir)).toMatch(/^ {2}bad\.html:6(:\d+)?: .*li/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
