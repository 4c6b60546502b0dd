// Reads a PDF back the way a test needs it, in a separate Node process because pdfjs-dist is
// ESM-only and Jest runs CommonJS: prints JSON { pages, text, qr } for the file given.
// Usage: node read-pdf.mjs <file.pdf> [--qr] [--crop=x,y,w,h (mm, on page 1, for the QR search)]
import fs from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import jsQR from 'jsqr';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const [file, ...flags] = process.argv.slice(2);
const data = new Uint8Array(fs.readFileSync(file));
const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
const texts = [];
const qr = [];
for (let n = 1; n <= doc.numPages; n += 1) {
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  texts.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  if (flags.includes('--qr') && n === 1) {
    const viewport = page.getViewport({ scale: 3 });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvasContext: context, canvas, viewport }).promise;
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
process.stdout.write(JSON.stringify({ pages: doc.numPages, text: texts.join('\n\f'), qr, producer: meta.info?.Producer ?? null }));
