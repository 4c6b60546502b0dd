import { isValidSiret, normalizeSiret } from '../siret';

describe('SIRET check', () => {
  it('accepts a SIRET whose Luhn key is right', () => {
    expect(isValidSiret('73282932000074')).toBe(true);
  });

  it('refuses a SIRET with one digit changed', () => {
    expect(isValidSiret('73282932000075')).toBe(false);
  });

  it('refuses anything but 14 digits', () => {
    expect(isValidSiret('7328293200007')).toBe(false);
    expect(isValidSiret('7328293200007A')).toBe(false);
    expect(isValidSiret('')).toBe(false);
  });

  it('accepts the spaces people type', () => {
    expect(isValidSiret('732 829 320 00074')).toBe(true);
    expect(normalizeSiret('732 829 320 00074')).toBe('73282932000074');
  });

  it("applies La Poste's own rule (sum of digits divisible by 5)", () => {
    // 3+5+6 + 0*6 + 0+0+0+5+1 = 20: a La Poste establishment whose Luhn key fails.
    expect(isValidSiret('35600000000051')).toBe(true);
    expect(isValidSiret('35600000000052')).toBe(false);
  });
});
