import { badgeColors, contrastRatio, isLabelCode, luminance, ScanBurst } from '../scan';

describe('label codes', () => {
  it.each(['SV-000123', 'sv-002265', 'MOR-000001'])('recognises %s', (code) => expect(isLabelCode(code)).toBe(true));
  it.each(['SV-123', 'SV000123', 'SV-0001234', 'ABC', '', 'SV-00012a'])('refuses %p', (code) => expect(isLabelCode(code)).toBe(false));
});

describe('a scan burst', () => {
  const typeAt = (burst: ScanBurst, text: string, start: number, gap: number) => {
    [...text].forEach((c, i) => burst.key(c, start + i * gap));
    return start + text.length * gap;
  };

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
