import type { HTMLAttributes } from 'react';
import { badgeColors } from '../utils/scan';

/**
 * A stage's name on its colour, with the text colour that keeps WCAG AA contrast (the design
 * system's Badge paints its own text colour over ours, which gave coloured text on the same colour).
 */
export const StageBadge = ({ label, color, compact = false, ...rest }: { label: string; color: string; compact?: boolean } & HTMLAttributes<HTMLSpanElement>) => (
  <span
    {...rest}
    style={{
      ...badgeColors(color),
      display: 'inline-block',
      padding: '2px 8px',
      borderRadius: 4,
      fontSize: 12,
      fontWeight: 700,
      lineHeight: '20px',
      // In a list's narrow column: the name as written, allowed to wrap.
      textTransform: compact ? 'none' : 'uppercase',
      whiteSpace: compact ? 'normal' : 'nowrap',
    }}
  >
    {label}
  </span>
);
