import { BADGE_CODE, badgeCodeFrom, isBadgeCode, shortName } from '../badges';
import { newBadgeCode } from '../server/badges';

describe('badge codes', () => {
  it('are made of 8 characters of the Crockford alphabet in two groups', () => {
    expect(badgeCodeFrom([0, 1, 2, 3, 31, 32, 255, 40])).toBe('BV-0123-Z0Z8');
    for (let i = 0; i < 200; i += 1) expect(newBadgeCode()).toMatch(BADGE_CODE);
  });

  it('are random: 200 codes, 200 different ones', () => {
    expect(new Set(Array.from({ length: 200 }, newBadgeCode)).size).toBe(200);
  });

  it('never take a unit label’s shape (scan.test.ts checks the other way)', () => {
    expect(isBadgeCode('SV-000123')).toBe(false);
    expect(isBadgeCode(' bv-0123-z0z8 ')).toBe(true);
  });
});

describe('an operator’s short name', () => {
  it.each([
    ['Marie Kerouac', 'Marie K.'],
    ['Jean-Luc Le Bris', 'Jean-Luc L.'],
    ['Hervé Le Moal', 'Hervé L.'],
    ['Gwen', 'Gwen'],
    ['  ', ''],
  ])('%p → %p', (name, short) => expect(shortName(name)).toBe(short));
});
