import { detectDelimiter, parseCsv } from '../csv';
import { decodeText } from '../decode';
import { readSheet, sniffFileKind } from '../sheet';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('reading a CSV export', () => {
  it('reads a UTF-8 file with a BOM without keeping the BOM in the first header', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Numéro de série;Type\n')]);
    const decoded = decodeText(bytes);
    expect(decoded).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(decoded.text.startsWith('Numéro')).toBe(true);
  });

  it('reads a Windows-1252 file from French Excel with its accents and euro sign', () => {
    // "Unité centrale;€" in Windows-1252: é = 0xE9, € = 0x80.
    const bytes = new Uint8Array([...utf8('Unit'), 0xe9, ...utf8(' centrale;'), 0x80]);
    expect(decodeText(bytes)).toMatchObject({ encoding: 'windows-1252', text: 'Unité centrale;€' });
  });

  it('detects a semicolon delimiter even when a header contains commas', () => {
    expect(detectDelimiter('Nom;"Disque(s) dur(s), Go";Type\nPC1;500;Portable\nPC2;250;Tour\n')).toBe(';');
  });

  it('detects a comma delimiter in an English export', () => {
    expect(detectDelimiter('Asset Tag,Serial,Category\nA1,S1,Laptops\n')).toBe(',');
  });

  it('keeps quoted fields whole: delimiters, doubled quotes and line breaks inside quotes', () => {
    const records = parseCsv('a;b\n"x;y";"il a dit ""oui"""\n"500 Go\n250 Go";z\n', ';');
    expect(records.map((r) => r.cells)).toEqual([['a', 'b'], ['x;y', 'il a dit "oui"'], ['500 Go\n250 Go', 'z']]);
  });

  it('numbers records as the spreadsheet shows them, a multi-line cell staying on one row', () => {
    const records = parseCsv('h\r\n"a\nb"\r\nc\r\n', ',');
    expect(records.map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it('tells an XLSX from a CSV by its content, not its name', () => {
    expect(sniffFileKind(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).toBe('xlsx');
    expect(sniffFileKind(utf8('a;b\n'))).toBe('csv');
    expect(sniffFileKind(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toBe('xls');
  });

  it('refuses an old .xls workbook with a French explanation', async () => {
    await expect(readSheet(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).rejects.toThrow(/\.xls/);
  });
});
