import ExcelJS from 'exceljs';
import { readSheet } from '../sheet';

async function workbook(build: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Vide');
  build(wb.addWorksheet('Parc'));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('reading an Excel workbook', () => {
  it('reads the first worksheet that has rows, numbers as plain text, with the spreadsheet row numbers', async () => {
    const bytes = await workbook((sheet) => {
      sheet.getCell('A3').value = 'Numéro de série';
      sheet.getCell('B3').value = 'Mémoire (Mio)';
      sheet.getCell('A5').value = 'CZC123';
      sheet.getCell('B5').value = 4096;
    });
    const read = await readSheet(bytes);
    expect(read.fileKind).toBe('xlsx');
    expect(read.records).toEqual([
      { row: 3, cells: ['Numéro de série', 'Mémoire (Mio)'] },
      { row: 5, cells: ['CZC123', '4096'] },
    ]);
  });

  it('reads rich text, formulas and dates as the spreadsheet shows them', async () => {
    const bytes = await workbook((sheet) => {
      sheet.getCell('A1').value = { richText: [{ text: 'Unité ' }, { font: { bold: true }, text: 'centrale' }] };
      sheet.getCell('B1').value = { formula: '2*2048', result: 4096 };
      sheet.getCell('C1').value = new Date(Date.UTC(2011, 8, 20));
    });
    expect((await readSheet(bytes)).records[0].cells).toEqual(['Unité centrale', '4096', '20/09/2011']);
  });

  it('says a damaged workbook cannot be read', async () => {
    await expect(readSheet(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toThrow('Le classeur Excel est illisible');
  });
});
