// Staff Markdown: formatting kept, headings below the page's h1, and every XSS vector we know of
// (scripts, handlers, javascript:/data: links in all their spellings) left inert.
import { describe, expect, it } from 'vitest';
import { isSafeHref, markdownToText, renderMarkdown } from './markdown.ts';

interface Tag {
  name: string;
  attrs: Record<string, string>;
}
/**
 * The real tags of the output. Text never holds a raw "<" (it is escaped), so each "<" opens a tag;
 * attribute values are double-quoted by the sanitiser and hold no raw '"'.
 */
function tags(html: string): Tag[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)].map((m) => {
    const attrs: Record<string, string> = {};
    for (const a of m[2]!.matchAll(/\s([^\s="/]+)(?:="([^"]*)")?/g)) {
      attrs[a[1]!.toLowerCase()] = (a[2] ?? '').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    }
    return { name: m[1]!.toLowerCase(), attrs };
  });
}
const hrefs = (html: string) => tags(html).flatMap((t) => (t.attrs.href === undefined ? [] : [t.attrs.href]));

const ALLOWED_TAGS = new Set(['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'h2', 'h3', 'h4', 'blockquote', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr']);
const ALLOWED_ATTRS = new Set(['href', 'title', 'rel', 'scope']);

/** Only allow-listed elements and attributes, and every href relative or http(s)/mailto. */
function expectInert(html: string) {
  for (const t of tags(html)) {
    expect(ALLOWED_TAGS.has(t.name), `<${t.name}> in ${html}`).toBe(true);
    for (const a of Object.keys(t.attrs)) expect(ALLOWED_ATTRS.has(a), `${a}= in ${html}`).toBe(true);
  }
  for (const h of hrefs(html)) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(h)?.[1]?.toLowerCase();
    expect(scheme === undefined || ['http', 'https', 'mailto'].includes(scheme), h).toBe(true);
    expect(h.startsWith('//'), h).toBe(false);
  }
}

describe('renderMarkdown', () => {
  it('keeps formatting and drops scripts, handlers and javascript: links', () => {
    const html = renderMarkdown('# Titolo\n\n**bold** <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://inpa.gov.it) <img src=x onerror=alert(1)>');
    expect(html).toContain('<h2>Titolo</h2>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('href="https://inpa.gov.it"');
    // HTML typed in the source is shown as text, not interpreted.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('javascript:');
    expectInert(html);
  });

  it('never renders an h1: # and ## are both level 2, 5 and 6 become 4', () => {
    const html = renderMarkdown('# a\n\n## b\n\n### c\n\n#### d\n\n##### e\n\n###### f');
    expect(html).toBe('<h2>a</h2>\n<h2>b</h2>\n<h3>c</h3>\n<h4>d</h4>\n<h4>e</h4>\n<h4>f</h4>\n');
  });

  it('keeps lists, quotes, code, tables and rules', () => {
    const html = renderMarkdown('- uno\n- due\n\n1. a\n\n> cit\n\n`x<1`\n\n```js\nlet a = 1;\n```\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n---');
    for (const tag of ['<ul>', '<ol>', '<blockquote>', '<code>x&lt;1</code>', '<pre><code>let a = 1;', '<th>a</th>', '<td>2</td>', '<hr />']) expect(html).toContain(tag);
    // The language class and the alignment style are dropped: only the allow-listed attributes stay.
    expect(html).not.toMatch(/class=|style=/);
  });

  it('marks links to other sites noopener noreferrer, and leaves relative and mailto links alone', () => {
    const html = renderMarkdown('[a](https://inpa.gov.it/x?y=1&z=2) [b](/bandi/x) [c](mailto:ufficio@asl.example.it) [d](#requisiti)');
    expect(html).toContain('<a href="https://inpa.gov.it/x?y=1&amp;z=2" rel="noopener noreferrer">a</a>');
    expect(html).toContain('<a href="/bandi/x">b</a>');
    expect(html).toContain('<a href="mailto:ufficio@asl.example.it">c</a>');
    expect(html).toContain('<a href="#requisiti">d</a>');
  });

  it('links bare addresses with a scheme, www. or an email, not every word.it', () => {
    const html = renderMarkdown('Vedi https://inpa.gov.it, www.salute.gov.it, ufficio@asl.example.it, bando.pdf e sito.it');
    expect(html).toContain('<a href="https://inpa.gov.it" rel="noopener noreferrer">https://inpa.gov.it</a>');
    expect(html).toContain('<a href="http://www.salute.gov.it" rel="noopener noreferrer">www.salute.gov.it</a>');
    expect(html).toContain('<a href="mailto:ufficio@asl.example.it">ufficio@asl.example.it</a>');
    expect(html).toContain('bando.pdf e sito.it</p>');
  });

  const VECTORS: [string, string][] = [
    ['javascript: link', '[x](javascript:alert(1))'],
    ['mixed case scheme', '[x](JaVaScRiPt:alert(1))'],
    ['entity-encoded colon', '[x](javascript&#58;alert(1))'],
    ['entity-encoded letter', '[x](&#106;avascript:alert(1))'],
    ['hex entity', '[x](&#x6A;avascript:alert(1))'],
    ['angle-bracket destination with a tab', '[x](<java\tscript:alert(1)>)'],
    ['leading space in brackets', '[x](< javascript:alert(1)>)'],
    ['vbscript', '[x](vbscript:msgbox(1))'],
    ['data: HTML link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['data: image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
    ['remote image', '![x](https://evil.example/track.png)'],
    ['file: link', '[x](file:///etc/passwd)'],
    ['protocol-relative link', '[x](//evil.example)'],
    ['backslash host', '[x](\\\\evil.example)'],
    ['reference definition', '[x][1]\n\n[1]: javascript:alert(1)'],
    ['autolink', '<javascript:alert(1)>'],
    ['linkified javascript', 'javascript:alert(1)'],
    ['raw anchor', '<a href="javascript:alert(1)">x</a>'],
    ['raw script block', '<script>\nalert(1)\n</script>'],
    ['raw iframe', '<iframe src="https://evil.example"></iframe>'],
    ['onerror in link text', '[<img src=x onerror=alert(1)>](https://inpa.gov.it)'],
    ['title breaking out', '[x](https://inpa.gov.it "a\\" onmouseover=\\"alert(1)")'],
    ['svg onload', '<svg onload=alert(1)>'],
    ['style attribute', '<p style="background:url(javascript:alert(1))">x</p>'],
    ['nested emphasis around a tag', '**<img src=x onerror=alert(1)>**'],
    ['link inside a link', '[[x](javascript:alert(1))](https://inpa.gov.it)'],
    ['html comment', '<!-- --><script>alert(1)</script>'],
  ];
  for (const [name, source] of VECTORS) {
    it(`leaves "${name}" inert`, () => {
      const html = renderMarkdown(source);
      expectInert(html);
      expect(hrefs(html).some((h) => /script:|data:|file:/i.test(h))).toBe(false);
    });
  }

  it('keeps the text of a link whose href is refused', () => {
    expect(renderMarkdown('Vedi [il bando](javascript:alert(1)) qui')).toBe('<p>Vedi il bando qui</p>\n');
  });

  it('renders nothing for blank input', () => {
    expect(renderMarkdown('  \n ')).toBe('');
  });
});

describe('isSafeHref', () => {
  it('accepts http(s), mailto and relative references, refuses everything else', () => {
    for (const u of ['https://a.it', 'HTTP://a.it', 'mailto:a@b.it', '/x', 'x/y', '#a', '?q=1', 'x/y:z']) expect(isSafeHref(u), u).toBe(true);
    for (const u of ['javascript:x', ' javascript:x', 'java\nscript:x', 'data:x', 'tel:+39', '//a.it', '\\\\a.it', 'ftp://a.it']) expect(isSafeHref(u), u).toBe(false);
  });
});

describe('markdownToText', () => {
  it('gives plain text for descriptions', () => {
    expect(markdownToText('## Requisiti\n\n- laurea in *medicina* & chirurgia')).toBe('Requisiti laurea in medicina & chirurgia');
  });
  it('decodes each entity once (&amp;lt; stays &lt;) and keeps typed tags as text', () => {
    expect(markdownToText('a &amp;lt; b')).toBe('a &lt; b');
    expect(markdownToText('x <b>y</b>')).toBe('x <b>y</b>');
  });
  it('separates lines joined by a hard break, and shortens to the limit', () => {
    expect(markdownToText('riga uno  \nriga due')).toBe('riga uno riga due');
    expect(markdownToText('abcdefghij', 5)).toBe('abcd…');
  });
});
