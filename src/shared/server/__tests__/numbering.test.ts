import { formatLabelCode, formatYearlyNumber, numberYear, yearlyScope } from '../numbering';

describe('human numbers', () => {
  it('numbers a partnership convention CP-year-sequence', () => {
    expect(formatYearlyNumber('partnership', 2012, 4)).toBe('CP-2012-004');
  });

  it('numbers a membership convention CA-year-sequence', () => {
    expect(formatYearlyNumber('membership', 2012, 11)).toBe('CA-2012-011');
  });

  it('lets a sequence grow past three digits', () => {
    expect(formatYearlyNumber('prescription', 2013, 1234)).toBe('PR-2013-1234');
  });

  it('keeps one counter per series and year', () => {
    expect(yearlyScope('partnership', 2012)).not.toBe(yearlyScope('membership', 2012));
    expect(yearlyScope('donation', 2011)).not.toBe(yearlyScope('donation', 2012));
  });

  it('pads a label code to six digits', () => {
    expect(formatLabelCode(123)).toBe('SV-000123');
  });

  it('refuses sequences out of range', () => {
    expect(() => formatLabelCode(0)).toThrow(RangeError);
    expect(() => formatLabelCode(1_000_000)).toThrow(RangeError);
    expect(() => formatYearlyNumber('donation', 2012, 0)).toThrow(RangeError);
  });

  it("takes the year from the record's date, else from today", () => {
    expect(numberYear('2011-09-05')).toBe(2011);
    expect(numberYear(null, new Date('2026-11-29T10:00:00Z'))).toBe(2026);
    expect(numberYear('not a date', new Date('2026-11-29T10:00:00Z'))).toBe(2026);
  });
});
