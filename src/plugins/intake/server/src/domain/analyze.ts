import type { ColumnMappingInput, DryRunReport, MachineDraft } from '../../../shared/contracts';
import { buildMapping, FORMAT_LABELS, recogniseFormat, recogniseHeader, uniqueHeaders } from './headers';
import { validateRows, type RowContext } from './rows';
import type { Sheet } from './sheet';

export const PREVIEW_ROWS = 10;

export interface Analysis {
  report: DryRunReport;
  drafts: { row: number; machine: MachineDraft }[];
}

/** The header row: the first of the first ten rows with two recognised headers, else the first row. */
function findHeaderIndex(sheet: Sheet): number {
  const candidates = sheet.records.slice(0, 10);
  const index = candidates.findIndex((r) => r.cells.filter((c) => c.trim() !== '' && recogniseHeader(c) !== null).length >= 2);
  if (index >= 0) return index;
  return Math.max(0, sheet.records.findIndex((r) => r.cells.some((c) => c.trim() !== '')));
}

/** Everything the dry run reports, and the drafts the import would create. Pure: writes nothing. */
export function analyzeSheet(sheet: Sheet, filename: string, mapping: ColumnMappingInput = {}, context: RowContext = {}): Analysis {
  const headerIndex = findHeaderIndex(sheet);
  const headerRecord = sheet.records[headerIndex] ?? { row: 1, cells: [] };
  const headers = uniqueHeaders(headerRecord.cells);
  const columns = buildMapping(headers, mapping);
  const format = recogniseFormat(headers);
  const rows = validateRows(sheet.records.slice(headerIndex + 1), columns, context);
  const problems = [...rows.problems];
  if (!columns.some((c) => c.target === 'type') && rows.totalRows > 0) {
    problems.unshift({
      row: headerRecord.row,
      column: null,
      field: 'type',
      value: null,
      message: 'Aucune colonne ne donne le type de machine : associez-en une au champ « Type ».',
    });
  }
  const blocked = !columns.some((c) => c.target === 'type');
  const drafts = blocked ? [] : rows.drafts;
  return {
    drafts,
    report: {
      filename,
      fileKind: sheet.fileKind,
      encoding: sheet.encoding,
      delimiter: sheet.delimiter,
      format,
      formatLabel: FORMAT_LABELS[format],
      headerRow: headerRecord.row,
      columns,
      totalRows: rows.totalRows,
      validRows: drafts.length,
      invalidRows: blocked ? rows.totalRows : rows.invalidRows,
      preview: rows.drafts.slice(0, PREVIEW_ROWS),
      problems,
      warnings: rows.warnings,
    },
  };
}
