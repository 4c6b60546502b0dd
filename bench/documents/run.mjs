// One-page erasure certificates per second, three ways, in the same run:
//   pool     the plugin's renderer (one browser, pooled pages, JS off, requests blocked)
//   launch   a browser launched per document (what most tutorials do)
//   bare     one warm page, page.pdf() of a static HTML (the ceiling)
// then the time for a donation's 430 certificates through the pool.
// Usage: npm run build, then node bench/documents/run.mjs [documents=40]
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (p) => require(path.join(root, 'dist', 'src', p));
const { PdfRenderer } = dist('plugins/documents/server/src/services/pdf-renderer.js');
const { compileTemplate, htmlDocument } = dist('plugins/documents/server/src/domain/templating.js');
const { fontsCss } = dist('plugins/documents/server/src/domain/fonts.js');
const { erasureCertificate } = dist('plugins/documents/server/src/templates/erasure-certificate.js');
const { chromiumPath, CHROMIUM_FLAGS } = dist('utils/chromium.js');
const puppeteer = require('puppeteer-core');

const N = Number(process.argv[2] ?? 40);
const POOL = Number(process.env.DOCUMENTS_POOL_SIZE ?? 2);

function certificate(i) {
  const number = `ATT-2012-${String(i + 1).padStart(6, '0')}`;
  const body = compileTemplate(erasureCertificate.html)({
    workshop: { name: 'Atelier Seconde Vie', commune: 'Brest', postalCode: '29200', siret: '12345678900011', signatoryName: 'Marie Le Bris', signatoryRole: 'Coordinatrice' },
    document: { number, issuedAt: '2012-07-20T10:00:00Z', verifyUrl: `https://seconde-vie.example/verify/${number}`, kindLabel: "Attestation d'effacement des données", isPreview: false },
    machine: { labelCode: `SV-${String(i + 1).padStart(6, '0')}`, type: 'desktop', brand: 'Dell', model: 'OptiPlex 755', serialNumber: `SN${i}X`, assetTag: `DSIT-${i}` },
    donor: { name: 'DSIT Brest métropole' },
    donation: { reference: 'LOT-2012-004', collectedAt: '2012-07-03' },
    devices: [{ interface: 'sata', capacityGb: 160, serial: `WD-${i}`, erasure: { method: 'Réécriture complète, 1 passe', tool: 'nwipe', performedAt: '2012-07-10', resultLabel: 'Réussi' } }],
  });
  return htmlDocument(body, erasureCertificate.css, fontsCss(), number);
}

async function timed(label, count, work) {
  const start = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = count / seconds;
  console.log(`${label.padEnd(44)} ${count} documents in ${seconds.toFixed(2)} s  → ${perSecond.toFixed(1)} /s  (${((seconds / count) * 1000).toFixed(0)} ms each)`);
  return perSecond;
}

async function inBatches(count, size, one) {
  for (let i = 0; i < count; i += size) {
    await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, k) => one(i + k)));
  }
}

const executablePath = await chromiumPath();
const htmls = Array.from({ length: Math.max(N, 430) }, (_, i) => certificate(i));
console.log(`Chromium: ${executablePath}; pool of ${POOL} pages; ${N} certificates per method\n`);

const renderer = new PdfRenderer({ poolSize: POOL, renderTimeoutMs: 60000, restartEvery: 1000 });
await renderer.render(htmls[0]); // warm-up: launch
const pool = await timed(`pool (${POOL} pages, JS off, requests blocked)`, N, () => inBatches(N, POOL, (i) => renderer.render(htmls[i])));

const launch = await timed('browser launched per document', Math.min(N, 15), () =>
  inBatches(Math.min(N, 15), 1, async (i) => {
    const browser = await puppeteer.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true });
    const page = await browser.newPage();
    await page.setContent(htmls[i]);
    await page.pdf({ format: 'A4', printBackground: true });
    await browser.close();
  })
);

const browser = await puppeteer.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true });
const page = await browser.newPage();
await page.setContent(htmls[0]);
await page.pdf({ format: 'A4' });
const bare = await timed('bare warm page.pdf() of static HTML', N, async () => {
  for (let i = 0; i < N; i += 1) await page.pdf({ format: 'A4', printBackground: true });
});
await browser.close();

console.log(`\npool vs browser per document: ×${(pool / launch).toFixed(1)}; pool vs bare ceiling: ${((pool / bare) * 100).toFixed(0)} %`);
await timed("a donation's 430 certificates (pool)", 430, () => inBatches(430, POOL, (i) => renderer.render(htmls[i])));
await renderer.close();
