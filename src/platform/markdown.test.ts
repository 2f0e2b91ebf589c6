import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('keeps formatting and drops scripts, handlers and javascript: links', () => {
    const html = renderMarkdown('# Titolo\n\n**bold** <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://inpa.gov.it) <img src=x onerror=alert(1)>');
    expect(html).toContain('<h2>Titolo</h2>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('href="https://inpa.gov.it"');
    expect(html).not.toMatch(/script|javascript:|onerror|<img/);
  });
  it('gives plain text for descriptions', () => {
    expect(markdownToText('## Requisiti\n\n- laurea in *medicina* & chirurgia')).toBe('Requisiti laurea in medicina & chirurgia');
  });
});
