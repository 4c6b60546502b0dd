import { niceScale } from '../scale';

describe('the charts’ axis ticks', () => {
  it.each([
    [50, 50, [0, 10, 20, 30, 40, 50]],
    [44, 50, [0, 10, 20, 30, 40, 50]],
    [389, 400, [0, 100, 200, 300, 400]],
    [7, 8, [0, 2, 4, 6, 8]],
    [1, 1, [0, 1]],
    [0, 1, [0, 1]],
    [1234, 1500, [0, 500, 1000, 1500]],
  ])('%d gives an axis up to %d with round steps', (raw, max, ticks) => {
    expect(niceScale(raw)).toEqual({ max, ticks });
  });

  it('always ends at or above the largest value, with at most six ticks of 1, 2 or 5 × 10ⁿ', () => {
    for (let raw = 1; raw < 20000; raw = Math.ceil(raw * 1.37)) {
      const { max, ticks } = niceScale(raw);
      expect(max).toBeGreaterThanOrEqual(raw);
      expect(ticks.length).toBeLessThanOrEqual(6);
      const step = ticks[1];
      expect([1, 2, 5]).toContain(Math.round(step / Math.pow(10, Math.floor(Math.log10(step)))));
    }
  });
});
