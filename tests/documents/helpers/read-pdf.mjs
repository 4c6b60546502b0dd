// Reads a PDF back the way a test needs it, in a separate Node process because pdfjs-dist is
// ESM-only and Jest runs CommonJS: prints JSON { pages, text, qr, bars } for the file given.
// Usage: node read-pdf.mjs <file.pdf> [--qr] [--crop=x,y,w,h (mm, on page 1, for the QR search)]
//   [--bars (page 1: the widths in pixels of the bars and spaces of the row crossing a 1D barcode)]
import fs from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import jsQR from 'jsqr';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const [file, ...flags] = process.argv.slice(2);
const data = new Uint8Array(fs.readFileSync(file));
const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
const texts = [];
const qr = [];
let bars = [];

/** Page `page` drawn on a white canvas at `scale` (1 = 72 dpi): its 2D context. */
async function rendered(page, scale) {
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: context, canvas, viewport }).promise;
  return { context, canvas };
}

/**
 * The row across a 1D barcode, rendered at 8x: the widths of its alternating bars and spaces,
 * from the first bar to the last. Every row through the bars reads the same, a row through text
 * does not: the row read most often (among those with 20 runs or more) is the barcode's.
 */
async function barsOf(page) {
  const { context, canvas } = await rendered(page, 8);
  const { data: pixels, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
  const seen = new Map();
  for (let y = 0; y < height; y += 2) {
    const dark = (x) => {
      const i = (y * width + x) * 4;
      return pixels[i] + pixels[i + 1] + pixels[i + 2] < 384;
    };
    const runs = [];
    let first = -1;
    let run = 0;
    for (let x = 0; x < width; x += 1) {
      if (first < 0) {
        if (dark(x)) [first, run] = [x, 1];
      } else if (dark(x) === dark(x - 1)) run += 1;
      else {
        runs.push(run);
        run = 1;
      }
    }
    // A row ends on white: the last run counted is a space, not part of the code.
    if (first >= 0 && dark(width - 1)) runs.push(run);
    if (runs.length >= 20) seen.set(runs.join(','), (seen.get(runs.join(',')) ?? 0) + 1);
  }
  const [mostSeen] = [...seen.entries()].sort((a, b) => b[1] - a[1]);
  return mostSeen ? mostSeen[0].split(',').map(Number) : [];
}
for (let n = 1; n <= doc.numPages; n += 1) {
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  texts.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  if (flags.includes('--bars') && n === 1) bars = await barsOf(page);
  if (flags.includes('--qr') && n === 1) {
    const { context, canvas } = await rendered(page, 3);
    const crop = flags.find((f) => f.startsWith('--crop='));
    const pxPerMm = (72 / 25.4) * 3;
    const [x, y, w, h] = crop
      ? crop.slice(7).split(',').map((mm) => Math.round(Number(mm) * pxPerMm))
      : [0, 0, canvas.width, canvas.height];
    const image = context.getImageData(x, y, w, h);
    const found = jsQR(new Uint8ClampedArray(image.data), w, h);
    if (found) qr.push(found.data);
  }
}
const meta = await doc.getMetadata();
process.stdout.write(JSON.stringify({ pages: doc.numPages, text: texts.join('\n\f'), qr, bars, producer: meta.info?.Producer ?? null }));
