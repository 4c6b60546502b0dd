// A bench's rows for bench/results.md: when BENCH_JSON names a file (bench/run-all.mjs sets it),
// the rows are written there as JSON. Each row: bench, measure, ours, baseline, ratio, ok (optional).
import fs from 'node:fs';

export function report(rows) {
  if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify(rows, null, 2));
}
