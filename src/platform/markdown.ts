// Markdown written by staff, rendered to sanitised HTML: a fixed allow-list of tags, only
// http(s)/mailto links, which open normally (no script, no style, no images from elsewhere).
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false, async: false });

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'h2', 'h3', 'h4', 'blockquote', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr'],
  allowedAttributes: { a: ['href', 'title'], th: ['scope'] },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowProtocolRelative: false,
  // A heading level 1 belongs to the page: shift # and ## down so the outline stays valid.
  transformTags: { h1: 'h2', h5: 'h4', h6: 'h4' },
};

export function renderMarkdown(md: string): string {
  if (!md.trim()) return '';
  return sanitizeHtml(marked.parse(md) as string, OPTIONS);
}

/** Plain text of a Markdown source, for meta descriptions, feeds and JSON-LD. */
export function markdownToText(md: string, max = 5000): string {
  const text = sanitizeHtml(marked.parse(md) as string, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
