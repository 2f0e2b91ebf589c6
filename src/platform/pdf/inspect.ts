// A tiny reader of the PDFs this module writes (pdfkit's plain layout: no object streams, Flate
// content, Identity-H fonts with ToUnicode maps), so tests can check metadata, pages and text
// without a PDF library. Not a general PDF parser: other producers' files may not read.
import { inflateSync } from 'node:zlib';

export interface PdfInspection {
  /** Info dictionary entries as text (Title, Author, Creator, Producer, CreationDate…). */
  info: Record<string, string>;
  /** The document catalogue's /Lang, if any. */
  lang: string | null;
  /** Text drawn on each page, in page order; runs of text joined by spaces. */
  pages: string[];
  /** How many image XObjects the file holds. */
  images: number;
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const head = /(\d+) 0 obj\s*/g;
  for (let m = head.exec(text); m; m = head.exec(text)) {
    const start = m.index + m[0].length;
    const streamAt = text.indexOf('stream\n', start);
    const endAt = text.indexOf('endobj', start);
    if (streamAt >= 0 && streamAt < endAt) {
      const dict = text.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? NaN);
      const raw = pdf.subarray(streamAt + 7, streamAt + 7 + length);
      objects.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
      head.lastIndex = streamAt + 7 + length;
    } else {
      objects.set(Number(m[1]), { dict: text.slice(start, endAt), stream: null });
      head.lastIndex = endAt;
    }
  }
  return objects;
}

/** A literal string "(…)" with its escapes, or a hex string "<…>", as bytes. */
function stringBytes(s: string): Buffer {
  s = s.trim();
  if (s.startsWith('<')) return Buffer.from(s.slice(1, s.indexOf('>')).replace(/\s/g, ''), 'hex');
  const body = s.slice(1, s.lastIndexOf(')'));
  const out: number[] = [];
  const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out.push(c.charCodeAt(0));
      continue;
    }
    const next = body[++i]!;
    const octal = /^[0-7]{1,3}/.exec(body.slice(i, i + 3));
    if (octal) {
      out.push(parseInt(octal[0], 8));
      i += octal[0].length - 1;
    } else if (next in escapes) out.push(escapes[next]!);
    else if (next !== '\n') out.push(next.charCodeAt(0));
  }
  return Buffer.from(out);
}

/** PDF text strings: UTF-16BE after a byte-order mark, else (near enough) Latin-1. */
function decodeTextString(b: Buffer): string {
  if (b[0] === 0xfe && b[1] === 0xff) return b.subarray(2).swap16().toString('utf16le');
  return b.toString('latin1');
}

const ref = (dict: string, key: string) => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** A ToUnicode CMap: glyph code (hex) → text. */
function readCMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(m[1]!.toLowerCase(), utf16(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const width = m[1]!.length;
      const targets = m[3]!.startsWith('[') ? [...m[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].map((t) => t[1]!) : null;
      for (let code = lo; code <= hi; code++) {
        const key = code.toString(16).padStart(width, '0');
        if (targets) map.set(key, utf16(targets[code - lo] ?? ''));
        else {
          const base = Buffer.from(m[3]!.slice(1, -1), 'hex');
          base.writeUInt16BE(base.readUInt16BE(base.length - 2) + (code - lo), base.length - 2);
          map.set(key, utf16(base.toString('hex')));
        }
      }
    }
  }
  return map;
}

export function inspectPdf(pdf: Buffer): PdfInspection {
  const objects = readObjects(pdf);
  const text = pdf.toString('latin1');
  const trailer = text.slice(text.lastIndexOf('trailer'));
  const obj = (n: number | null) => (n === null ? undefined : objects.get(n));

  const info: Record<string, string> = {};
  const infoDict = obj(ref(trailer, 'Info'))?.dict ?? '';
  for (const m of infoDict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
    const value = obj(Number(m[2]))?.dict;
    if (value !== undefined) info[m[1]!] = decodeTextString(stringBytes(value));
  }
  const catalog = obj(ref(trailer, 'Root'))?.dict ?? '';
  const langRef = ref(catalog, 'Lang');
  const langDirect = /\/Lang (\([^)]*\))/.exec(catalog)?.[1];
  const lang = langRef !== null ? decodeTextString(stringBytes(obj(langRef)!.dict)) : langDirect ? decodeTextString(stringBytes(langDirect)) : null;

  // Pages in the order of the page tree's Kids (pdfkit writes one flat /Pages node).
  const pagesDict = obj(ref(catalog, 'Pages'))?.dict ?? '';
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesDict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  const cmaps = new Map<number, Map<string, string>>();
  const cmapOf = (fontRef: number) => {
    if (!cmaps.has(fontRef)) {
      const tu = obj(ref(obj(fontRef)?.dict ?? '', 'ToUnicode'))?.stream;
      cmaps.set(fontRef, tu ? readCMap(tu.toString('latin1')) : new Map());
    }
    return cmaps.get(fontRef)!;
  };

  const pages = kids.map((pageRef) => {
    const page = obj(pageRef)!.dict;
    const resources = obj(ref(page, 'Resources'))?.dict ?? page;
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map([...fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)].map((m) => [m[1]!, Number(m[2])]));
    const content = obj(ref(page, 'Contents'))?.stream?.toString('latin1') ?? '';
    const runs: string[] = [];
    let cmap = new Map<string, string>();
    const decode = (hex: string) => (hex.match(/.{4}/g) ?? []).map((code) => cmap.get(code.toLowerCase()) ?? '').join('');
    // Font selections and text-showing operators, in drawing order.
    for (const m of content.matchAll(/\/(\w+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|[\s\d.-])*)\] TJ|<([0-9a-fA-F]*)> Tj/g)) {
      if (m[1] !== undefined) cmap = fonts.has(m[1]) ? cmapOf(fonts.get(m[1])!) : new Map();
      else if (m[2] !== undefined) runs.push([...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => decode(h[1]!)).join(''));
      else if (m[3] !== undefined) runs.push(decode(m[3]));
    }
    return runs.join(' ').replace(/\s+/g, ' ').trim();
  });

  const images = [...objects.values()].filter((o) => /\/Subtype \/Image/.test(o.dict)).length;
  return { info, lang, pages, images };
}
