import iconv from 'iconv-lite';

/** Labels that browsers treat as GB18030's subsets; decoding them as GB18030 loses nothing. */
const GB_FAMILY = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'csgb2312', 'euc-cn']);
const BIG5_FAMILY = new Set(['big5', 'big5-hkscs', 'cn-big5', 'x-x-big5', 'csbig5']);
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

/** The iconv-lite name for a charset label, or null when it is unknown. */
export function normaliseCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const name = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (UTF8_LABELS.has(name)) return 'utf8';
  if (GB_FAMILY.has(name)) return 'gb18030';
  if (BIG5_FAMILY.has(name)) return 'big5';
  return iconv.encodingExists(name) ? name : null;
}

function charsetOfContentType(contentType: string | null | undefined): string | null {
  const match = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return normaliseCharset(match?.[1]);
}

function charsetOfBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** `<meta charset>`, `<meta http-equiv content="…charset=…">` or `<?xml encoding=…?>` near the start. */
function charsetOfMarkup(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return normaliseCharset(xml[1]);
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return normaliseCharset(meta?.[1]);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export interface Decoded {
  text: string;
  /** The encoding used, as iconv-lite names it. */
  charset: string;
}

/**
 * Bytes to text: the BOM, then the Content-Type charset, then the document's own declaration;
 * without any, strict UTF-8 if the bytes are valid UTF-8, else GB18030 (the common legacy
 * encoding of mainland Chinese sites). GB2312 and GBK are read as GB18030, their superset.
 */
export function decodeBody(bytes: Uint8Array, contentType?: string | null): Decoded {
  const bom = charsetOfBom(bytes);
  const charset =
    bom ??
    charsetOfContentType(contentType) ??
    charsetOfMarkup(bytes) ??
    (isValidUtf8(bytes) ? 'utf8' : 'gb18030');
  // iconv-lite strips a BOM by default.
  return { text: iconv.decode(Buffer.from(bytes), charset), charset };
}
