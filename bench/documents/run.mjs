#!/usr/bin/env node
// bench/documents: issuing documents in bulk, three ways in ONE run, on the same HTML and at the
// same parallelism (the plugin's pool size), interleaved round by round:
//   route     end to end through the app's real admin routes: a donation's certificates batch
//             (POST /documents/batches, polled to the end), label sheets (POST /documents/generate)
//             and an outreach campaign's letters (POST /outreach/campaigns/:id/letters)
//   renderer  the plugin's renderer service alone, on the HTML the route rendered
//   ceiling   bare Chromium: one warm page per parallel slot, setContent + page.pdf(), nothing else
// Targets (issue 20): route ≤ 1.5 × renderer time; renderer ≥ 0.85 × the ceiling's throughput.
//
//   npm run build && node bench/documents/run.mjs [units=60] [rounds=3]
//   BENCH_PROFILE=1 also prints the wall time of each step of an issuance.
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startInProcessApp } from '../lib/in-process.mjs';
import { report } from '../lib/report.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const puppeteer = require('puppeteer-core');
const { chromiumPath, CHROMIUM_FLAGS } = require(path.join(root, 'dist', 'src', 'plugins', 'documents', 'server', 'src', 'chromium.js'));

const UNITS = Number(process.argv[2] ?? 60);
const ROUNDS = Number(process.argv[3] ?? 3);
const SHEETS = Math.max(4, Math.round(UNITS / 4));
const ACTOR = { type: 'admin', id: null, name: 'Banc de mesure', roleCodes: [], superAdmin: true };

const app = await startInProcessApp();
const { strapi, call } = app;
const pool = strapi.config.get('plugin::documents').poolSize;
const rows = [];

/** Runs `one(i)` for i < count with at most `parallel` in flight; returns the seconds taken. */
async function parallel(count, width, one) {
  const t = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, count) }, async () => {
    while (next < count) await one(next++);
  }));
  return (performance.now() - t) / 1000;
}

/** BENCH_PROFILE=1: wall time of each step of an issuance, per call, to see where the route's time goes. */
function profile() {
  const stats = {};
  const documents = strapi.plugin('documents');
  const steps = [['documents', 'generate'], ['templates', 'forKind'], ['context', 'forRecord'], ['context', 'forRecords'], ['identity', 'get'], ['storage', 'put']];
  for (const [service, method] of steps) {
    const target = documents.service(service);
    const original = target[method];
    target[method] = async function (...args) {
      const t = performance.now();
      try {
        return await original.apply(this, args);
      } finally {
        const s = (stats[`${service}.${method}`] ??= { n: 0, ms: 0 });
        s.n += 1;
        s.ms += performance.now() - t;
      }
    };
  }
  return stats;
}

try {
  // A donation of UNITS units, each with one disk erased: every certificate can be issued.
  const donor = await strapi.documents('api::donor.donor').create({ data: { name: 'DSIT Brest métropole', kind: 'local_authority' } });
  const donation = await strapi.documents('api::donation.donation').create({ data: { donor: donor.documentId, reference: 'LOT-BENCH-001', announcedCount: UNITS, collectedAt: '2012-07-03' } });
  const pipeline = strapi.plugin('pipeline');
  for (let i = 0; i < UNITS; i += 1) {
    const m = await strapi.documents('api::machine.machine').create({ data: { type: 'desktop', brand: 'Dell', model: 'OptiPlex 755', serialNumber: `SN-${i}`, donation: donation.documentId } });
    const disk = await pipeline.service('devices').add(m.documentId, { serial: `WD-${i}`, interface: 'sata', capacityGb: 160 });
    await pipeline.service('records').recordErasure(m.documentId, { deviceDocumentId: disk.documentId, method: 'nist_clear', passes: 1, tool: 'nwipe', toolVersion: '0.34', result: 'success' }, ACTOR);
  }
  // An outreach campaign by post to UNITS structures: each POST …/letters issues one PDF, a letter a page.
  for (let i = 0; i < UNITS; i += 1) {
    await strapi.documents('api::prescriber.prescriber').create({ data: { name: `Association du banc ${String(i).padStart(3, '0')}`, kind: 'association', address: `${i + 1} rue du Banc`, postalCode: '29200', commune: 'Banc-sur-Mer' } });
  }
  const jwt = await app.adminJwt();
  const campaign = (await call('POST', '/outreach/campaigns', {
    name: 'Présentation du dispositif (banc de mesure)',
    audience: { target: 'prescriber', communes: ['Banc-sur-Mer'] },
    channel: 'letter',
    subject: 'Le dispositif {{workshop.name}} pour {{structure.name}}',
    body: 'Madame, Monsieur,\n\nNous écrivons à {{structure.name}} ({{structure.commune}}) pour présenter le dispositif.\n\nCordialement.',
    reminderDays: 30,
  }, jwt)).data;
  const sent = (await call('POST', `/outreach/campaigns/${campaign.documentId}/send`, undefined, jwt)).data;
  if (sent.letters !== UNITS || sent.lettersError) throw new Error(`outreach: ${JSON.stringify(sent)}`);
  const stats = process.env.BENCH_PROFILE ? profile() : null;

  // Every HTML the route hands to the renderer is kept, to give the renderer alone and the ceiling the same work.
  const rendererService = strapi.plugin('documents').service('renderer');
  const render = rendererService.render;
  let captured = [];
  rendererService.render = (html) => {
    captured.push(html);
    return render(html);
  };
  await rendererService.instance().render('<!doctype html><p>warm-up</p>');

  const executablePath = await chromiumPath();
  const browser = await puppeteer.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true });
  const pages = await Promise.all(Array.from({ length: pool }, () => browser.newPage()));
  const options = { format: 'A4', printBackground: true, preferCSSPageSize: true };
  for (const page of pages) {
    await page.setContent(captured[0] ?? '<p>warm-up</p>');
    await page.pdf(options);
  }
  let slot = 0;
  const ceiling = (html) => {
    const page = pages[slot++ % pool];
    return page.setContent(html, { waitUntil: 'load' }).then(() => page.pdf(options));
  };

  const routes = {
    "a donation's certificates (batch)": async () => {
      const started = performance.now();
      const job = (await call('POST', '/documents/batches', { donation: donation.documentId }, jwt)).data;
      for (;;) {
        const state = (await call('GET', `/documents/batches/${job.id}`, undefined, jwt)).data;
        if (state.status === 'done') {
          if (state.errors.length > 0 || state.issued.length !== UNITS) throw new Error(`batch: ${JSON.stringify(state.errors.slice(0, 3))}`);
          return;
        }
        // Polled once a second, as the admin panel does (each admin request costs the app tens of
        // milliseconds of CPU: Strapi builds the user's permissions anew), except in the last
        // second the progress predicts, polled every 100 ms so the end is seen within 100 ms.
        const elapsed = performance.now() - started;
        const left = state.done > 0 ? (elapsed / state.done) * (state.total - state.done) : Infinity;
        await new Promise((r) => setTimeout(r, Math.max(100, Math.min(1000, left - 100))));
      }
    },
    [`label sheets (${SHEETS}, generate)`]: () =>
      parallel(SHEETS, pool, () => call('POST', '/documents/generate', { kind: 'label-sheet', documentId: donation.documentId }, jwt)),
    [`outreach letters (${SHEETS} × ${UNITS} letters, campaign route)`]: () =>
      parallel(SHEETS, pool, () => call('POST', `/outreach/campaigns/${campaign.documentId}/letters`, undefined, jwt)),
  };

  const totals = Object.fromEntries(Object.keys(routes).map((k) => [k, { route: 0, renderer: 0, ceiling: 0, docs: 0 }]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, run] of Object.entries(routes)) {
      captured = [];
      let t = performance.now();
      await run();
      const routeS = (performance.now() - t) / 1000;
      const htmls = captured;
      const rendererS = await parallel(htmls.length, pool, (i) => render(htmls[i]));
      const ceilingS = await parallel(htmls.length, pool, (i) => ceiling(htmls[i]));
      Object.assign(totals[name], { route: totals[name].route + routeS, renderer: totals[name].renderer + rendererS, ceiling: totals[name].ceiling + ceilingS, docs: totals[name].docs + htmls.length });
      process.stderr.write(`round ${round + 1} ${name}: route ${routeS.toFixed(2)} s, renderer ${rendererS.toFixed(2)} s, ceiling ${ceilingS.toFixed(2)} s (${htmls.length} documents)\n`);
    }
  }
  await browser.close();
  if (stats) for (const [k, v] of Object.entries(stats)) console.log(`profile ${k}: ${v.n} calls, ${(v.ms / v.n).toFixed(1)} ms each (wall, calls overlap)`);

  console.log(`pool: ${pool} pages; ${ROUNDS} rounds; ${UNITS} units`);
  for (const [name, t] of Object.entries(totals)) {
    const rate = (s) => `${(t.docs / s).toFixed(1)} /s`;
    console.log(`${name}: ${t.docs} documents — route ${t.route.toFixed(2)} s (${rate(t.route)}), renderer ${t.renderer.toFixed(2)} s (${rate(t.renderer)}), ceiling ${t.ceiling.toFixed(2)} s (${rate(t.ceiling)})`);
    console.log(`  route / renderer time: ${(t.route / t.renderer).toFixed(2)} (target ≤ 1.5); renderer / ceiling throughput: ${(t.ceiling / t.renderer).toFixed(2)} (target ≥ 0.85)`);
    rows.push({ bench: 'documents', measure: `${name}: route end to end vs renderer alone (time, target ≤ 1.5)`, ours: `${t.route.toFixed(2)} s`, baseline: `${t.renderer.toFixed(2)} s`, ratio: t.route / t.renderer });
    rows.push({ bench: 'documents', measure: `${name}: renderer vs bare Chromium ceiling (throughput, target ≥ 0.85)`, ours: rate(t.renderer), baseline: rate(t.ceiling), ratio: t.ceiling / t.renderer });
  }
  report(rows);
} finally {
  await app.stop();
}
process.exit(0);
