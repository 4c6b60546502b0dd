/**
 * One CSV cell: quoted when it holds a separator, a quote or a line break; formulas neutralised.
 * Numbers take a decimal comma: a French spreadsheet reads « 12.02 » as the 12th of February and
 * « 1355.27 » as text, so hours and euros would not add up.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace('.', ',') : '';
  let s = String(value);
  // A spreadsheet would run a cell starting with = + - @ as a formula (CSV injection).
  if (typeof value === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** French-style CSV (semicolons, CRLF, UTF-8 BOM so spreadsheets read accents). */
export function toCsv(rows: unknown[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
