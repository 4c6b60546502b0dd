export type Delimiter = ',' | ';' | '\t';

const CANDIDATES: Delimiter[] = [';', ',', '\t'];

/** Counts a character outside double-quoted sections of a line. */
function countOutsideQuotes(line: string, char: string): number {
  let count = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === char && !quoted) count += 1;
  }
  return count;
}

/**
 * Picks the delimiter from the first lines: the candidate found the same, non-zero number of
 * times on most of them (a header line alone can contain commas in "Disque(s) dur(s), Go").
 */
export function detectDelimiter(text: string): Delimiter {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 20);
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const candidate of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, candidate));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length;
    const score = consistent * 1000 + first;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Splits CSV text into records (RFC 4180: quoted fields, doubled quotes, line breaks inside
 * quotes). Each record keeps the spreadsheet row it will show at (1-based).
 */
export function parseCsv(text: string, delimiter: Delimiter): { row: number; cells: string[] }[] {
  const records: { row: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let row = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(field);
    records.push({ row, cells });
    row += 1;
    cells = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      cells.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
    } else field += c;
    i += 1;
  }
  if (field !== '' || cells.length > 0) endRecord();
  return records;
}
