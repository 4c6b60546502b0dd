import fs from 'node:fs';
import path from 'node:path';
import type { ColumnMappingInput, FormatId, MachineDraft, ProblemCode } from '../../../../shared/contracts';
import { analyzeSheet } from '../analyze';
import { readSheet } from '../sheet';

/** What tests/fixtures/inventories/<file>.expected.json says of its file. */
export interface Expectation {
  about: string;
  dryRun: {
    format: FormatId;
    ambiguous: boolean;
    evidence: string[];
    rivals?: [FormatId, string[]][];
    fileKind: 'csv' | 'xlsx';
    encoding: string | null;
    bom: boolean;
    delimiter: string | null;
    sheetName?: string;
    headerRow: number;
    totalRows: number;
    validRows: number;
    columns: Record<string, string>;
    columnCount: number;
    unknownColumns?: string[];
    problems: [ProblemCode, number | null, number, string | null][];
    warnings: [ProblemCode, number | null, number, string | null][];
  };
  send?: { mapping: ColumnMappingInput };
  afterMapping?: { warnings: [ProblemCode, number | null, number, string | null][]; columns: Record<string, string> };
  units: { dataRow: number; sheetRow: number; machine: MachineDraft }[];
}

export const CORPUS_DIR = path.resolve(__dirname, '../../../../../../../tests/fixtures/inventories');
export const corpusFiles = () => fs.readdirSync(CORPUS_DIR).filter((f) => fs.existsSync(path.join(CORPUS_DIR, `${f}.expected.json`)));
const expectation = (file: string) => JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, `${file}.expected.json`), 'utf8')) as Expectation;
const rows = (list: { code: ProblemCode; dataRow: number | null; sheetRow: number; column: string | null }[]) =>
  list.map((p) => [p.code, p.dataRow, p.sheetRow, p.column]);

describe('the corpus of real-looking exports: each file read as its expectations say', () => {
  it('holds at least twelve files, each with its expectations', () => {
    expect(corpusFiles().length).toBeGreaterThanOrEqual(12);
  });

  it.each(corpusFiles())('%s', async (file) => {
    const want = expectation(file);
    const sheet = await readSheet(fs.readFileSync(path.join(CORPUS_DIR, file)));
    const { report, drafts } = analyzeSheet(sheet, file);
    const d = want.dryRun;
    expect({
      format: report.format, ambiguous: report.recognition.ambiguous, evidence: report.recognition.evidence, fileKind: report.fileKind,
      encoding: report.encoding, bom: report.bom, delimiter: report.delimiter, headerRow: report.headerRow, totalRows: report.totalRows,
      validRows: report.validRows, columnCount: report.columns.length,
    }).toEqual({
      format: d.format, ambiguous: d.ambiguous, evidence: d.evidence, fileKind: d.fileKind, encoding: d.encoding, bom: d.bom,
      delimiter: d.delimiter, headerRow: d.headerRow, totalRows: d.totalRows, validRows: d.validRows, columnCount: d.columnCount,
    });
    if (d.sheetName) expect(report.sheetName).toBe(d.sheetName);
    for (const [header, target] of Object.entries(d.columns)) {
      expect([header, report.columns.find((c) => c.header === header)?.target]).toEqual([header, target]);
    }
    if (d.unknownColumns) expect(report.columns.filter((c) => c.source === 'unknown').map((c) => c.header)).toEqual(d.unknownColumns);
    for (const [format, evidence] of d.rivals ?? []) {
      expect(report.recognition.candidates.find((c) => c.format === format)?.evidence).toEqual(evidence);
    }
    expect(rows(report.problems)).toEqual(d.problems);
    expect(rows(report.warnings)).toEqual(d.warnings);
    for (const unit of want.units) {
      const mapped = want.send ? analyzeSheet(sheet, file, { chosen: want.send.mapping }).drafts : drafts;
      expect(mapped.find((x) => x.dataRow === unit.dataRow)).toEqual(unit);
    }
    if (want.send && want.afterMapping) {
      const after = analyzeSheet(sheet, file, { chosen: want.send.mapping }).report;
      expect(rows(after.warnings)).toEqual(want.afterMapping.warnings);
      for (const [header, target] of Object.entries(want.afterMapping.columns)) {
        expect(after.columns.find((c) => c.header === header)).toEqual({ header, target, source: 'chosen' });
      }
    }
  });
});
