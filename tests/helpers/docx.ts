import { strFromU8, unzipSync } from 'fflate';

/** The visible text of a .docx: every w:t of word/document.xml, paragraph by paragraph. */
export function docxText(file: Uint8Array): string {
  const xml = strFromU8(unzipSync(file)['word/document.xml'] ?? new Uint8Array());
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
}
