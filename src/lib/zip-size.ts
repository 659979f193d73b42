import { inflateRawSync } from 'node:zlib';
import { AppError } from '../server/errors.js';

/**
 * How many bytes a .zip (an .xlsx) unpacks to, counting no further than `limit`: 'too-large' when
 * it unpacks to more, 'unreadable' when it cannot be read this way (ZIP64, which no upload of
 * 10 MB needs, an unknown compression, a broken directory). exceljs unpacks every part of an upload into memory, and a few hundred kilobytes of
 * zeros unpack to gigabytes: a 10 MB upload could take the server's memory and its event loop.
 *
 * Read like JSZip (which exceljs uses) reads it: the central directory lists the entries, each
 * local header says where its data starts. The sizes the directory states are not trusted: each
 * entry is inflated, with the output capped.
 */
export function unpackedSize(zip: Buffer, limit: number): number | 'too-large' | 'unreadable' {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > zip.length) return 'unreadable';
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  if (entries === 0xffff || at === 0xffffffff) return 'unreadable';
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return 'unreadable';
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const local = zip.readUInt32LE(at + 42);
    if (compressed === 0xffffffff || local === 0xffffffff) return 'unreadable';
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) return 'unreadable';
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    if (method === 0) total += data.length;
    else if (method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: limit - total + 1 }).length;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        return code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'unreadable';
      }
    } else return 'unreadable';
    if (total > limit) return 'too-large';
  }
  return total;
}

/** What an .xlsx upload may unpack to: far more than 20,000 rows of messages take. */
export const MAX_XLSX_UNPACKED = 128 * 1024 * 1024;

/** A 400 before exceljs reads an .xlsx that unpacks to too much or cannot be read. */
export function assertXlsxUnpacks(file: Buffer, unreadable: string): void {
  const size = unpackedSize(file, MAX_XLSX_UNPACKED);
  if (size === 'unreadable') throw new AppError('IMPORT_INVALID', unreadable);
  if (size === 'too-large')
    throw new AppError(
      'IMPORT_INVALID',
      `文件解压后超过 ${MAX_XLSX_UNPACKED / 1024 / 1024} MB，不像正常的表格文件；请检查文件或拆分后再导入`,
    );
}
