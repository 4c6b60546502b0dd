import { Box, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatNumber } from '../utils/useT';
import { niceScale } from '../utils/scale';
import { withValue } from '../../../../../shared/admin/locale';

/**
 * Light hand-written SVG charts: a title, labelled axes, values written on the bars, and the
 * same numbers as a table for screen readers and for people who would rather read.
 */

export interface Bar {
  label: string;
  value: number;
  color?: string;
  link?: string;
}

const FONT = 'system-ui, sans-serif';

export const ChartCard = ({ title, subtitle, children, testId }: { title: string; subtitle?: string; children: ReactNode; testId?: string }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} data-testid={testId} height="100%" width="100%">
    <Typography variant="delta" tag="h2">
      {title}
    </Typography>
    {subtitle && (
      <Box paddingTop={1}>
        <Typography variant="pi" textColor="neutral600">
          {subtitle}
        </Typography>
      </Box>
    )}
    <Box paddingTop={4}>{children}</Box>
  </Box>
);

/** Horizontal bars, one per row, each a link to the records behind it. */
export const HorizontalBars = ({ bars, axisLabel, highlight, rowHeight = 26 }: { bars: Bar[]; axisLabel: string; highlight?: string; rowHeight?: number }) => {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const labelWidth = 210;
  const width = 580;
  const plot = width - labelWidth - 60;
  const height = bars.length * rowHeight + 30;
  return (
    <svg role="img" aria-label={axisLabel} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width, fontFamily: FONT }}>
      {bars.map((b, i) => {
        const y = i * rowHeight + 4;
        const w = Math.max(b.value > 0 ? 2 : 0, (b.value / max) * plot);
        const bar = (
          <g>
            <title>{withValue(b.label, formatNumber(b.value))}</title>
            <text x={labelWidth - 8} y={y + rowHeight / 2 + 2} textAnchor="end" fontSize="12" fill="#32324d" fontWeight={highlight === b.label ? 700 : 400}>
              {b.label.length > 30 ? `${b.label.slice(0, 29)}…` : b.label}
            </text>
            <rect x={labelWidth} y={y + 3} width={w} height={Math.max(6, rowHeight - 10)} rx="3" fill={b.color ?? '#4945ff'} />
            <text x={labelWidth + w + 6} y={y + rowHeight / 2 + 2} fontSize="12" fill="#32324d">
              {formatNumber(b.value)}
            </text>
          </g>
        );
        // The full label stays readable on hover and for screen readers.
        return b.link ? (
          <Link key={b.label} to={b.link} aria-label={withValue(b.label, formatNumber(b.value))}>
            {bar}
          </Link>
        ) : (
          <g key={b.label}>{bar}</g>
        );
      })}
      <line x1={labelWidth} x2={labelWidth} y1={0} y2={height - 24} stroke="#a5a5ba" />
      <text x={labelWidth + plot / 2} y={height - 6} textAnchor="middle" fontSize="11" fill="#666687">
        {axisLabel}
      </text>
    </svg>
  );
};

export interface Series {
  name: string;
  color: string;
  values: number[];
}

/** Grouped columns per category (months), with a y axis, gridlines and a legend. */
export const GroupedColumns = ({ categories, series, yLabel, xLabel }: { categories: string[]; series: Series[]; yLabel: string; xLabel: string }) => {
  const width = 620;
  const height = 260;
  const left = 48;
  const bottom = 56;
  const top = 28;
  const plotW = width - left - 10;
  const plotH = height - bottom - top;
  const { max, ticks } = niceScale(Math.max(1, ...series.flatMap((s) => s.values)));
  const group = plotW / categories.length;
  const barW = Math.max(3, (group - 8) / series.length);
  return (
    <svg role="img" aria-label={`${yLabel} / ${xLabel}`} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width, fontFamily: FONT }}>
      {series.map((s, i) => (
        <g key={s.name} transform={`translate(${left + i * 190}, 8)`}>
          <rect width="12" height="12" fill={s.color} rx="2" />
          <text x="18" y="10" fontSize="12" fill="#32324d">
            {s.name}
          </text>
        </g>
      ))}
      {ticks.map((t) => {
        const y = top + plotH - (t / max) * plotH;
        return (
          <g key={t}>
            <line x1={left} x2={width - 10} y1={y} y2={y} stroke="#eaeaef" />
            <text x={left - 6} y={y + 4} textAnchor="end" fontSize="10" fill="#666687">
              {formatNumber(t)}
            </text>
          </g>
        );
      })}
      {categories.map((c, ci) => (
        <g key={c}>
          {series.map((s, si) => {
            const h = (s.values[ci] / max) * plotH;
            const x = left + ci * group + 4 + si * barW;
            return (
              <g key={s.name}>
                <rect x={x} y={top + plotH - h} width={barW - 1} height={h} fill={s.color} rx="1.5">
                  <title>{withValue(`${c} — ${s.name}`, formatNumber(s.values[ci]))}</title>
                </rect>
                {s.values[ci] > 0 && (
                  <text x={x + (barW - 1) / 2} y={top + plotH - h - 3} textAnchor="middle" fontSize="9" fill="#32324d">
                    {s.values[ci]}
                  </text>
                )}
              </g>
            );
          })}
          <text x={left + ci * group + group / 2} y={top + plotH + 14} textAnchor="middle" fontSize="10" fill="#32324d">
            {c.split(' ').map((part, i) => (
              <tspan key={part} x={left + ci * group + group / 2} dy={i === 0 ? 0 : 12}>
                {part}
              </tspan>
            ))}
          </text>
        </g>
      ))}
      <line x1={left} x2={width - 10} y1={top + plotH} y2={top + plotH} stroke="#a5a5ba" />
      <text x={left + plotW / 2} y={height - 4} textAnchor="middle" fontSize="11" fill="#666687">
        {xLabel}
      </text>
      <text transform={`translate(12, ${top + plotH / 2}) rotate(-90)`} textAnchor="middle" fontSize="11" fill="#666687">
        {yLabel}
      </text>
    </svg>
  );
};

/** A plain table: first column left, numbers right-aligned, striped rows. */
export const NumberTable = ({ headers, rows, fontSize = 14 }: { headers: string[]; rows: ReactNode[][]; fontSize?: number }) => (
  <table style={{ borderCollapse: 'collapse', width: '100%', marginTop: 8, fontSize, background: '#fff' }}>
    <thead>
      <tr>
        {headers.map((h, i) => (
          <th key={h} style={{ textAlign: i === 0 ? 'left' : 'right', borderBottom: '2px solid #dcdce4', padding: '6px 10px' }}>
            {h}
          </th>
        ))}
      </tr>
    </thead>
    <tbody>
      {rows.map((r, i) => (
        <tr key={i} style={{ background: i % 2 ? '#f6f6f9' : undefined }}>
          {r.map((c, j) => (
            <td key={j} style={{ textAlign: j === 0 ? 'left' : 'right', borderBottom: '1px solid #eaeaef', padding: '6px 10px' }}>
              {c}
            </td>
          ))}
        </tr>
      ))}
    </tbody>
  </table>
);

/** The numbers of a chart as a table, folded under the chart. */
export const DataTable = ({ summary, headers, rows }: { summary: string; headers: string[]; rows: Array<Array<ReactNode>> }) => (
  <details style={{ marginTop: 8 }}>
    <summary style={{ cursor: 'pointer', fontSize: 13, color: '#4945ff' }}>{summary}</summary>
    <NumberTable headers={headers} rows={rows} fontSize={13} />
  </details>
);
