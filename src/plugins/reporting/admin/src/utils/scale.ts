/**
 * Round axis ticks for counts: steps of 1, 2 or 5 × 10ⁿ (never below 1), at most six of them,
 * the last at or just above the largest value (0/10/20/30/40/50, not 0/13/25/38/50).
 */
export function niceScale(rawMax: number, intervals = 5): { max: number; ticks: number[] } {
  const rough = Math.max(rawMax, 1) / intervals;
  const power = Math.pow(10, Math.floor(Math.log10(rough)));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power);
  const max = Math.ceil(Math.max(rawMax, 1) / step) * step;
  return { max, ticks: Array.from({ length: Math.round(max / step) + 1 }, (_, i) => i * step) };
}
