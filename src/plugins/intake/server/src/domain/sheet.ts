import ExcelJS from 'exceljs';
import { detectDelimiter, parseCsv, type Delimiter } from './csv';
import { decodeText, type TextEncoding } from './decode';
import type { SheetRecord } from './rows';

/** A file read into rows of text, whatever its kind. */
export interface Sheet {
  fileKind: 'csv' | 'xlsx';
  encoding: TextEncoding | null;
  delimiter: Delimiter | null;
  /** The text began with a UTF-8 byte-order mark. */
  bom: boolean;
  /** The worksheet read, for a workbook. */
  sheetName: string | null;
  records: SheetRecord[];
}

export class UnreadableFileError extends Error {}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** The kind of file, from its first bytes rather than its name (a renamed file is common). */
export function sniffFileKind(bytes: Uint8Array): 'csv' | 'xlsx' | 'xls' | 'binary' {
  if (startsWith(bytes, ZIP_MAGIC)) return 'xlsx';
  if (startsWith(bytes, OLE_MAGIC)) return 'xls';
  const head = bytes.subarray(0, 4096);
  return head.includes(0) ? 'binary' : 'csv';
}

export function readCsv(bytes: Uint8Array): Sheet {
  const { text, encoding, bom } = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  return { fileKind: 'csv', encoding, delimiter, bom, sheetName: null, records: parseCsv(text, delimiter) };
}

type CellValue = ExcelJS.CellValue;

/** A cell as the spreadsheet shows it: numbers unformatted, dates as dd/mm/yyyy. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toLocaleDateString('fr-FR', { timeZone: 'UTC' });
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

/**
 * The first worksheet that has rows; each record keeps its spreadsheet row number. A merged cell
 * reads as its first cell in every cell it covers (a header merged over two rows stays a header).
 */
export async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs' typings want its own Buffer type; a Node Buffer is what it reads.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw new UnreadableFileError('Le classeur Excel est illisible (fichier abîmé ou protégé par un mot de passe).');
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) return { fileKind: 'xlsx', encoding: null, delimiter: null, bom: false, sheetName: null, records: [] };
  const width = sheet.columnCount;
  const records: SheetRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c += 1) cells.push(cellText(row.getCell(c).value));
    records.push({ row: rowNumber, cells });
  });
  return { fileKind: 'xlsx', encoding: null, delimiter: null, bom: false, sheetName: sheet.name, records };
}

/** Reads an uploaded inventory: CSV (`,` `;` or tab, UTF-8 or Windows-1252) or XLSX. */
export async function readSheet(bytes: Uint8Array): Promise<Sheet> {
  const kind = sniffFileKind(bytes);
  if (kind === 'xlsx') return readXlsx(bytes);
  if (kind === 'csv') return readCsv(bytes);
  if (kind === 'xls') {
    throw new UnreadableFileError('Ancien format Excel (.xls) : enregistrez le fichier en .xlsx ou en CSV.');
  }
  throw new UnreadableFileError("Ce fichier n'est ni un CSV ni un classeur Excel (.xlsx).");
}
