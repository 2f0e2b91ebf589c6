// Markdown written by staff, rendered to sanitised HTML: a fixed allow-list of tags, only
// http(s)/mailto (or relative) links, no HTML typed in the source, no images from elsewhere.
import MarkdownIt from 'markdown-it';
import type { RendererRule } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// html: false — HTML typed in the Markdown is shown as text, never interpreted; the sanitiser
// below is the second wall, in case a future option or plugin lets markup through.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

// Bare addresses become links as GitHub Markdown does: with a scheme, an email, or "www." in
// front; not every "word.it" (a file name or an abbreviation would turn into a link).
md.linkify.set({ fuzzyLink: true });
const linkifyMatch = md.linkify.match.bind(md.linkify);
md.linkify.match = (text) => (linkifyMatch(text) ?? []).filter((l) => l.schema !== '' || /^www\./i.test(l.raw));

const ALLOWED_SCHEMES = ['http', 'https', 'mailto'];

/**
 * Whether a link destination may become an href: relative (a path, a query, a fragment) or one of
 * ALLOWED_SCHEMES. markdown-it has already decoded entities, so `javascript&#58;` arrives as
 * `javascript:`; control characters and spaces are dropped first because browsers ignore them.
 */
export function isSafeHref(url: string): boolean {
  const u = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  // "//host" and "\\host" are read by browsers as another site with the page's scheme.
  if (/^[/\\]{2}/.test(u)) return false;
  const head = u.split(/[/?#]/, 1)[0] ?? '';
  const colon = head.indexOf(':');
  if (colon < 0) return true;
  return ALLOWED_SCHEMES.includes(head.slice(0, colon).toLowerCase());
}

// Every link is parsed (so `[text](javascript:…)` does not show its Markdown to the public) and the
// renderer keeps the anchor only when the href is safe: otherwise the text stays, without a link.
md.validateLink = () => true;
const renderToken: RendererRule = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options);
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  if (isSafeHref(String(tokens[idx].attrGet('href') ?? ''))) return renderToken(tokens, idx, options, env, self);
  // Links do not nest in CommonMark: the next link_close is this link's.
  const close = tokens.findIndex((t, i) => i > idx && t.type === 'link_close');
  if (close > 0) tokens[close].meta = { unsafeHref: true };
  return '';
};
md.renderer.rules.link_close = (tokens, idx, options, env, self) =>
  tokens[idx].meta?.unsafeHref === true ? '' : renderToken(tokens, idx, options, env, self);

const EXTERNAL = /^https?:\/\//i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'h2', 'h3', 'h4', 'blockquote', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr'],
  allowedAttributes: { a: ['href', 'title', 'rel'], th: ['scope'] },
  allowedSchemes: ALLOWED_SCHEMES,
  allowProtocolRelative: false,
  transformTags: {
    // A heading level 1 belongs to the page: # becomes a level 2 like ##, and 5–6 become 4, so the
    // page's outline never has two h1 and no level is skipped below the page's own headings.
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    // Links to other sites pass no referrer and no window handle; only the attributes we set survive.
    a: (tagName, attribs) => {
      const out: sanitizeHtml.Attributes = {};
      if (attribs.href !== undefined) out.href = attribs.href;
      if (attribs.title !== undefined) out.title = attribs.title;
      if (attribs.href !== undefined && EXTERNAL.test(attribs.href)) out.rel = 'noopener noreferrer';
      return { tagName, attribs: out };
    },
  },
};

export function renderMarkdown(source: string): string {
  if (!source.trim()) return '';
  return sanitizeHtml(md.render(source), OPTIONS);
}

/** Plain text of a Markdown source, for meta descriptions, feeds and JSON-LD. */
export function markdownToText(source: string, max = 5000): string {
  const text = sanitizeHtml(md.render(source), { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
