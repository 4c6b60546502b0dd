export const METRICS = ['received', 'refurbished', 'handedOver', 'households', 'dismantled', 'recycled', 'kg'] as const;
export type Metric = (typeof METRICS)[number];

export interface ImpactRow {
  metric: Metric;
  year: number | null;
  value: number;
}

export interface Impact {
  totals: Record<Metric, number>;
  years: Array<{ year: number } & Record<Metric, number>>;
  computedAt: string;
}

const zero = (): Record<Metric, number> => Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<Metric, number>;

/** Folds the aggregate rows (one per metric and year) into totals and a table by year. */
export function foldImpact(rows: ImpactRow[], computedAt: Date): Impact {
  const totals = zero();
  const byYear = new Map<number, Record<Metric, number>>();
  for (const row of rows) {
    totals[row.metric] += row.value;
    if (row.year === null) continue;
    const year = byYear.get(row.year) ?? zero();
    year[row.metric] += row.value;
    byYear.set(row.year, year);
  }
  return {
    totals,
    years: [...byYear.entries()].sort(([a], [b]) => b - a).map(([year, values]) => ({ year, ...values })),
    computedAt: computedAt.toISOString(),
  };
}

export const formatNumber = (n: number): string => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(n);
