import { badgeColors, contrastRatio, isLabelCode, luminance, ScanBurst } from '../scan';
import { newBadgeCode } from '../../../../../../shared/server/badges';

describe('label codes', () => {
  it.each(['SV-000123', 'sv-002265', 'MOR-000001'])('recognises %s', (code) => expect(isLabelCode(code)).toBe(true));
  it.each(['SV-123', 'SV000123', 'SV-0001234', 'ABC', '', 'SV-00012a'])('refuses %p', (code) => expect(isLabelCode(code)).toBe(false));
});

const typeAt = (burst: ScanBurst, text: string, start: number, gap: number) => {
  [...text].forEach((c, i) => burst.key(c, start + i * gap));
  return start + text.length * gap;
};

describe('a scan burst', () => {
  it('gives the label typed fast and ended by Enter', () => {
    const burst = new ScanBurst(250);
    const end = typeAt(burst, 'SV-002265', 1000, 5);
    expect(burst.enter(end)).toBe('SV-002265');
  });

  it('ignores what a person types slowly', () => {
    const burst = new ScanBurst(250);
    const end = typeAt(burst, 'SV-002265', 1000, 400);
    expect(burst.enter(end)).toBeNull();
  });

  it('tolerates a hiccup inside a scan (a busy computer delays a key)', () => {
    const burst = new ScanBurst(250);
    let t = typeAt(burst, 'SV-00', 0, 5);
    t = typeAt(burst, '2265', t + 200, 5);
    expect(burst.enter(t)).toBe('SV-002265');
  });

  it('keeps only the fast tail after a pause (text typed earlier in the field is not part of the scan)', () => {
    const burst = new ScanBurst(250);
    const t = typeAt(burst, 'abc', 0, 100);
    const end = typeAt(burst, 'SV-000001', t + 600, 3);
    expect(burst.enter(end)).toBe('SV-000001');
  });

  it('ignores a fast burst that is not a label, and a late Enter', () => {
    const burst = new ScanBurst(250);
    expect(burst.enter(typeAt(burst, 'WD-WCC4N1234567', 0, 3))).toBeNull();
    const end = typeAt(burst, 'SV-000001', 100, 3);
    expect(burst.enter(end + 600)).toBeNull();
  });

  it('starts again after each Enter', () => {
    const burst = new ScanBurst(250);
    burst.enter(typeAt(burst, 'SV-000001', 0, 3));
    expect(burst.enter(60)).toBeNull();
  });
});

describe('badge colours', () => {
  // The default workflow's stage colours, and a few extremes.
  it.each(['#6b7280', '#8b5cf6', '#3b82f6', '#ef4444', '#14b8a6', '#f59e0b', '#22c55e', '#000000', '#ffffff', '#fff', '#777777'])(
    'reaches WCAG AA (4.5:1) on %s',
    (bg) => {
      const { background, color } = badgeColors(bg);
      expect(contrastRatio(luminance(background) as number, luminance(color) as number)).toBeGreaterThanOrEqual(4.5);
    }
  );

  it('gives a neutral badge for a colour it cannot read', () => {
    expect(badgeColors('teal')).toEqual({ background: '#eaeaef', color: '#000000' });
  });
});

describe('a badge scan (« Qui est au poste »)', () => {
  it('is never label-shaped', () => {
    for (let i = 0; i < 200; i += 1) expect(isLabelCode(newBadgeCode())).toBe(false);
  });

  it('is told apart from a label, both ways', () => {
    const burst = new ScanBurst(250);
    expect(burst.read(typeAt(burst, 'BV-7K2M-Q9XD', 0, 5))).toEqual({ kind: 'badge', code: 'BV-7K2M-Q9XD' });
    expect(burst.read(typeAt(burst, 'SV-002265', 1000, 5))).toEqual({ kind: 'label', code: 'SV-002265' });
    // `enter` stays a label reader: a badge never opens a unit.
    expect(burst.enter(typeAt(burst, 'BV-7K2M-Q9XD', 2000, 5))).toBeNull();
  });

  it('needs the badge typed in one go, like a label', () => {
    const burst = new ScanBurst(250);
    expect(burst.read(typeAt(burst, 'BV-7K2M-Q9XD', 0, 400))).toBeNull();
  });

  it.each(['BV-000123', 'BV-7K2M-Q9X', 'BV-7K2M-Q9XI', 'SV-7K2M-Q9XD'])('refuses %p as a badge', (code) => {
    const burst = new ScanBurst(250);
    expect(burst.read(typeAt(burst, code, 0, 5))?.kind).not.toBe('badge');
  });
});
