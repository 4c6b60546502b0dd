import ExcelJS from 'exceljs';
import { toCsv } from './csv';
import type { Sheet } from './tables';

/** The sheets one after another, each under its name, separated by an empty line. */
export function sheetsToCsv(sheets: Sheet[]): string {
  const rows: unknown[][] = [];
  sheets.forEach((sheet, i) => {
    if (sheets.length > 1) {
      if (i > 0) rows.push([]);
      rows.push([sheet.name]);
    }
    rows.push(...sheet.rows);
  });
  return toCsv(rows);
}

/** One worksheet per sheet, bold header row, numbers kept as numbers. */
export async function sheetsToXlsx(sheets: Sheet[], title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Seconde Vie';
  workbook.title = title;
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name.slice(0, 31));
    sheet.rows.forEach((row) => ws.addRow(row.map((c) => (c === null ? '' : c))));
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((col, i) => {
      col.width = Math.min(60, Math.max(10, ...sheet.rows.map((r) => String(r[i] ?? '').length + 2)));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
