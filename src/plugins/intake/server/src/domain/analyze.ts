import crypto from 'node:crypto';
import type { ColumnMappingInput, DryRunReport, FormatId, RowProblem } from '../../../shared/contracts';
import { formatColumn, recogniseFormat, SIGNATURES } from './formats';
import { buildMapping, recogniseHeader, uniqueHeaders } from './headers';
import { fileProblem, SAY, type RegisteredUnit } from './problems';
import { registeredProblems, validateRows, type Draft, type FieldLimits, type SheetRecord } from './rows';
import type { Sheet } from './sheet';

export const PREVIEW_ROWS = 10;
/** The header is looked for in this many first rows (title lines above it are skipped). */
export const HEADER_SEARCH_ROWS = 10;

export interface Analysis {
  report: DryRunReport;
  drafts: Draft[];
}

export interface AnalyzeOptions {
  /** Staff's mapping sent with this request. */
  chosen?: ColumnMappingInput;
  /** The mapping staff chose at this donor's last import of a file of this format, if any. */
  remembered?: (format: FormatId) => ColumnMappingInput | undefined;
  limits?: FieldLimits;
}

const knownHeader = (cell: string) =>
  cell.trim() !== '' && (recogniseHeader(cell) !== null || SIGNATURES.some((s) => formatColumn(s.id, cell) !== null));

/** The header row: the first of the first rows with two recognised headers, else the first non-empty row. */
function findHeaderIndex(records: SheetRecord[]): number {
  const candidates = records.slice(0, HEADER_SEARCH_ROWS);
  const index = candidates.findIndex((r) => r.cells.filter(knownHeader).length >= 2);
  if (index >= 0) return index;
  return Math.max(0, records.findIndex((r) => r.cells.some((c) => c.trim() !== '')));
}

/** Columns with neither a header nor a value (GLPI and OCS end every line with a separator) are dropped. */
function usedColumns(header: string[], rows: SheetRecord[]): number[] {
  let width = header.length;
  const used = new Set<number>();
  header.forEach((h, i) => h.trim() !== '' && used.add(i));
  for (const r of rows) {
    width = Math.max(width, r.cells.length);
    r.cells.forEach((c, i) => c.trim() !== '' && used.add(i));
  }
  return Array.from({ length: width }, (_, i) => i).filter((i) => used.has(i));
}

/** A short fingerprint of the warnings: importing with it says "I accept exactly these". */
export function warningsDigest(warnings: RowProblem[]): string | null {
  if (warnings.length === 0) return null;
  const canonical = JSON.stringify(warnings.map((w) => [w.code, w.dataRow, w.sheetRow, w.column, w.value]));
  return crypto.createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** Everything the dry run reports, and the drafts the import would create. Pure: writes nothing. */
export function analyzeSheet(sheet: Sheet, filename: string, options: AnalyzeOptions = {}): Analysis {
  const headerIndex = findHeaderIndex(sheet.records);
  const headerRecord = sheet.records[headerIndex] ?? { row: 1, cells: [] };
  const dataRecords = sheet.records.slice(headerIndex + 1);
  const keep = usedColumns(headerRecord.cells, dataRecords);
  const headers = uniqueHeaders(keep.map((i) => headerRecord.cells[i] ?? ''));
  const records = dataRecords.map((r) => ({ row: r.row, cells: keep.map((i) => r.cells[i] ?? '') }));

  const recognition = recogniseFormat(headers);
  const columns = buildMapping(headers, {
    format: recognition.format,
    chosen: options.chosen,
    remembered: options.remembered?.(recognition.format),
  });
  const rows = validateRows(records, columns, { limits: options.limits });
  const problems = [...rows.problems];
  const warnings: RowProblem[] = [];
  const typeMapped = columns.some((c) => c.target === 'type');
  if (!typeMapped && rows.totalRows > 0) {
    problems.unshift(fileProblem('no_type_column', headerRecord.row, SAY.noTypeColumn(), 'type'));
  }
  if (recognition.ambiguous) {
    const rivals = recognition.candidates
      .filter((c) => c.format !== recognition.format && c.evidence.length === recognition.evidence.length)
      .map((c) => c.label);
    warnings.push(fileProblem('format_ambiguous', headerRecord.row, SAY.ambiguous(recognition.label, rivals)));
  }
  if (rows.totalRows > 0 && !columns.some((c) => c.target === 'serialNumber')) {
    warnings.push(fileProblem('serial_empty', headerRecord.row, SAY.noSerialColumn(rows.totalRows), 'serialNumber'));
  }
  warnings.push(...rows.warnings);
  const drafts = typeMapped ? rows.drafts : [];
  return {
    drafts,
    report: {
      filename,
      fileKind: sheet.fileKind,
      encoding: sheet.encoding,
      bom: sheet.bom,
      delimiter: sheet.delimiter,
      sheetName: sheet.sheetName,
      format: recognition.format,
      formatLabel: recognition.label,
      recognition,
      headerRow: headerRecord.row,
      columns,
      totalRows: rows.totalRows,
      validRows: drafts.length,
      invalidRows: typeMapped ? rows.invalidRows : rows.totalRows,
      preview: drafts.slice(0, PREVIEW_ROWS),
      problems,
      warnings,
      warningsDigest: warningsDigest(warnings),
    },
  };
}

/**
 * Adds what the database knows to an analysis: rows whose serial is already registered (in any
 * donation) become problems, naming the unit and its donation.
 */
export function withRegistered(analysis: Analysis, registered: Map<string, RegisteredUnit>): Analysis {
  if (registered.size === 0) return analysis;
  const serialColumn = analysis.report.columns.find((c) => c.target === 'serialNumber')?.header ?? null;
  const found = registeredProblems(analysis.drafts, registered, serialColumn);
  if (found.length === 0) return analysis;
  const refused = new Set(found.map((p) => p.dataRow));
  const drafts = analysis.drafts.filter((d) => !refused.has(d.dataRow));
  const problems = [...analysis.report.problems, ...found].sort(
    (a, b) => (a.dataRow ?? 0) - (b.dataRow ?? 0) || a.sheetRow - b.sheetRow,
  );
  return {
    drafts,
    report: {
      ...analysis.report,
      problems,
      validRows: drafts.length,
      invalidRows: analysis.report.invalidRows + refused.size,
      preview: drafts.slice(0, PREVIEW_ROWS),
    },
  };
}
