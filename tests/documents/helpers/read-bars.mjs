// Reads the bars of a 1D barcode on page 1 of a PDF, in a separate Node process (pdfjs-dist is
// ESM-only): renders the page, takes the pixel row with the most dark/light changes (the row
// across the barcode) and prints JSON { runs } — the widths in pixels of its alternating bars and
// spaces, from the first bar to the last.
// Usage: node read-bars.mjs <file.pdf>
import fs from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const [file] = process.argv.slice(2);
const data = new Uint8Array(fs.readFileSync(file));
const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
const page = await doc.getPage(1);
const viewport = page.getViewport({ scale: 8 });
const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
const context = canvas.getContext('2d');
context.fillStyle = '#fff';
context.fillRect(0, 0, canvas.width, canvas.height);
await page.render({ canvasContext: context, canvas, viewport }).promise;
const { data: pixels, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
let best = { changes: 0, runs: [] };
for (let y = 0; y < height; y += 2) {
  const dark = [];
  for (let x = 0; x < width; x += 1) {
    const i = (y * width + x) * 4;
    dark.push(pixels[i] + pixels[i + 1] + pixels[i + 2] < 384);
  }
  const first = dark.indexOf(true);
  const last = dark.lastIndexOf(true);
  if (first < 0) continue;
  const runs = [];
  let run = 1;
  for (let x = first + 1; x <= last; x += 1) {
    if (dark[x] === dark[x - 1]) run += 1;
    else {
      runs.push(run);
      run = 1;
    }
  }
  runs.push(run);
  if (runs.length > best.changes) best = { changes: runs.length, runs };
}
process.stdout.write(JSON.stringify({ runs: best.runs }));
