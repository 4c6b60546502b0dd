import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PdfReading {
  pages: number;
  /** The text of every page, as Poppler's `pdftotext` extracts it (pages separated by \f). */
  text: string;
  /** QR codes decoded from the first page (pdf.js rasterised at 3x, jsQR). */
  qr: string[];
  /** With `bars`: the widths in pixels of the bars and spaces across a 1D barcode on the first page. */
  bars: number[];
  producer: string | null;
}

async function withFile<T>(pdf: Buffer, work: (file: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sv-read-pdf-'));
  const file = path.join(dir, 'document.pdf');
  try {
    await fs.writeFile(file, pdf);
    return await work(file);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * `qpdf --check`: throws with qpdf's report when the file's structure is damaged, or when qpdf
 * only warns (exit 3: a PDF that readers must repair is not a PDF we issue).
 */
export async function qpdfCheck(pdf: Buffer): Promise<string> {
  return withFile(pdf, async (file) => {
    try {
      const { stdout } = await run('qpdf', ['--check', file], { maxBuffer: 16 * 1024 * 1024 });
      return stdout;
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      throw new Error(`qpdf --check a refusé le PDF (code ${e.code}) :\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
  });
}

/** The PDF's text, read by Poppler's `pdftotext` (UTF-8, pages separated by form feeds). */
export async function pdftotext(pdf: Buffer): Promise<string> {
  return withFile(pdf, async (file) => (await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout);
}

/** `pdfinfo`'s fields (Pages, Producer, Page size…). */
export async function pdfinfo(pdf: Buffer): Promise<Record<string, string>> {
  return withFile(pdf, async (file) => {
    const { stdout } = await run('pdfinfo', [file]);
    return Object.fromEntries(stdout.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
  });
}

/**
 * Reads a PDF back as a test needs it: checked with `qpdf --check` (throws otherwise), text and
 * page count from Poppler (`pdftotext`, `pdfinfo`); with `qr`, also decodes a QR code on its first
 * page (within `cropMm`, x,y,w,h in mm, when given) with pdf.js + jsQR, in a child process
 * (pdf.js is ESM).
 */
export async function readPdf(pdf: Buffer, options: { qr?: boolean; bars?: boolean; cropMm?: [number, number, number, number] } = {}): Promise<PdfReading> {
  await qpdfCheck(pdf);
  const [text, info] = await Promise.all([pdftotext(pdf), pdfinfo(pdf)]);
  let drawn: { qr: string[]; bars: number[] } = { qr: [], bars: [] };
  if (options.qr || options.bars) {
    drawn = await withFile(pdf, async (file) => {
      const args = [
        path.join(__dirname, 'read-pdf.mjs'),
        file,
        ...(options.qr ? ['--qr'] : []),
        ...(options.bars ? ['--bars'] : []),
        ...(options.cropMm ? [`--crop=${options.cropMm.join(',')}`] : []),
      ];
      const { stdout } = await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
      return JSON.parse(stdout) as { qr: string[]; bars: number[] };
    });
  }
  return { pages: Number(info.Pages), text, qr: drawn.qr, bars: drawn.bars, producer: info.Producer ?? null };
}

/** Text extractors join glyph runs and the fonts use narrow no-break spaces: compare on plain spaces. */
export const plain = (text: string) => text.replace(/[\u00a0\u202f\s]+/g, ' ');
