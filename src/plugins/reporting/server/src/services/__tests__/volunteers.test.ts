import { hoursOf, periodLabel, valueOf } from '../volunteers';

describe('volunteer hours’ arithmetic', () => {
  it('shows minutes as hours with two decimals', () => {
    expect(hoursOf(0)).toBe(0);
    expect(hoursOf(90)).toBe(1.5);
    expect(hoursOf(100)).toBe(1.67);
  });

  it('values minutes at a rate, rounded to the cent', () => {
    expect(valueOf(60, 12.02)).toBe(12.02);
    expect(valueOf(90, 12.02)).toBe(18.03);
    expect(valueOf(2663, 12.02)).toBe(533.49);
  });

  it('names a valuation line as the accounts read it', () => {
    expect(periodLabel('2012-03')).toBe('03/2012');
    expect(periodLabel('2012-T1')).toBe('T1 2012');
  });
});
