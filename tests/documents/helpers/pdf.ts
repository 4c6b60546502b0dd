import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PdfReading {
  pages: number;
  /** The text of every page, as pdf.js extracts it. */
  text: string;
  /** QR codes decoded from the first page, rasterised at 3x. */
  qr: string[];
  producer: string | null;
}

/**
 * Parses a PDF with pdf.js (which rejects a malformed file) and returns its text; with
 * `qr`, also decodes a QR code on its first page (within `cropMm`, x,y,w,h in mm, when given). Runs in a child process (pdf.js is ESM).
 */
export async function readPdf(pdf: Buffer, options: { qr?: boolean; cropMm?: [number, number, number, number] } = {}): Promise<PdfReading> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sv-read-pdf-'));
  const file = path.join(dir, 'document.pdf');
  try {
    await fs.writeFile(file, pdf);
    const args = [path.join(__dirname, 'read-pdf.mjs'), file, ...(options.qr ? ['--qr'] : []), ...(options.cropMm ? [`--crop=${options.cropMm.join(',')}`] : [])];
    const { stdout } = await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout) as PdfReading;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** pdf.js joins glyph runs and the fonts use narrow no-break spaces: compare on plain spaces. */
export const plain = (text: string) => text.replace(/[\u00a0\u202f\s]+/g, ' ');
