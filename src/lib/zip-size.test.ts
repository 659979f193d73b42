import { strToU8, unzipSync, zipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { unpackedSize } from './zip-size.js';

describe('unpackedSize', () => {
  it('adds up what an .xlsx unpacks to, stored and deflated parts alike', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('留言').addRow(['标题', '正文']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const parts = unzipSync(new Uint8Array(xlsx));
    const whole = Object.values(parts).reduce((n, p) => n + p.length, 0);
    expect(unpackedSize(xlsx, 10_000_000)).toBe(whole);
    const stored = Buffer.from(zipSync({ 'a.txt': strToU8('你好') }, { level: 0 }));
    expect(unpackedSize(stored, 100)).toBe(6);
  });

  it('stops counting at the limit, whatever sizes the directory claims', () => {
    const zeros = Buffer.from(zipSync({ 'a.xml': new Uint8Array(5_000_000) }, { level: 9 }));
    expect(zeros.length).toBeLessThan(20_000);
    expect(unpackedSize(zeros, 1_000_000)).toBe('too-large');
    // The central directory says 10 bytes unpacked: not believed.
    const lying = Buffer.from(zeros);
    const cd = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lying.writeUInt32LE(10, cd + 24);
    expect(unpackedSize(lying, 1_000_000)).toBe('too-large');
    expect(unpackedSize(zeros, 5_000_000)).toBe(5_000_000);
  });

  it('calls what it cannot read unreadable', () => {
    expect(unpackedSize(Buffer.from('not a zip'), 100)).toBe('unreadable');
    const zip = Buffer.from(zipSync({ 'a.txt': strToU8('x'.repeat(100)) }, { level: 9 }));
    const cut = zip.subarray(0, 20);
    expect(unpackedSize(cut, 1000)).toBe('unreadable');
  });
});
