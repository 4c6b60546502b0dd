import { toCsv } from '../csv';
import { listLink } from '../links';
import { isIsoDay, monthsEndingAt } from '../period';

describe('reporting domain helpers', () => {
  it('quotes CSV cells with separators and neutralises formulas', () => {
    expect(toCsv([['a;b', 'x"y', '=SUM(A1)', 3, null]])).toBe('\uFEFF"a;b";"x""y";\'=SUM(A1);3;\r\n');
  });

  it('writes numbers with a decimal comma (French spreadsheets), text as it is', () => {
    expect(toCsv([[12.02, 1355.27, -0.5, 42, '12.02', Number.NaN]])).toBe('\uFEFF12,02;1355,27;-0,5;42;12.02;\r\n');
  });

  it('accepts only real calendar days', () => {
    expect(isIsoDay('2012-02-29')).toBe(true);
    expect(isIsoDay('2011-02-29')).toBe(false);
    expect(isIsoDay('2012-2-1')).toBe(false);
  });

  it('lists the twelve months ending with a month, across a year', () => {
    const months = monthsEndingAt('2012-08');
    expect(months[0]).toBe('2011-09');
    expect(months[11]).toBe('2012-08');
  });

  it('builds a content-manager link with nested relation filters and lists', () => {
    const link = listLink('api::machine.machine', [[['donation', 'donor', 'id'], '$eq', 3], [['pipelineStage'], '$in', ['ready', 'reserved']]]);
    expect(decodeURIComponent(link)).toBe(
      '/content-manager/collection-types/api::machine.machine?page=1&pageSize=50&filters[$and][0][donation][donor][id][$eq]=3&filters[$and][1][pipelineStage][$in][0]=ready&filters[$and][1][pipelineStage][$in][1]=reserved'
    );
  });
});

describe('content-manager links', () => {
  it('groups the alternatives of an $or under one $and entry', () => {
    const link = listLink('api::prescription.prescription', [{ $or: [[['handedOverAt'], '$null', true], [['handedOverAt'], '$gt', '2012-08-31']] }]);
    expect(decodeURIComponent(link)).toContain('filters[$and][0][$or][0][handedOverAt][$null]=true&filters[$and][0][$or][1][handedOverAt][$gt]=2012-08-31');
  });
});

describe('amounts to the cent', () => {
  it('accepts every cent amount up to the maximum, whatever binary floating point makes of × 100', async () => {
    const { isCentAmount } = await import('../money');
    const refused: number[] = [];
    for (let cents = 1; cents <= 100_000; cents += 1) if (!isCentAmount(cents / 100, 1000)) refused.push(cents);
    expect(refused).toEqual([]);
    expect([0, -1, 1000.01, 12.021, Number.NaN, Number.POSITIVE_INFINITY, '12.02'].map((v) => isCentAmount(v, 1000))).toEqual([false, false, false, false, false, false, false]);
  });

  it('reads no day out of PostgreSQL’s range (no year 0) nor outside 1900–2999', () => {
    expect(['0000-01-01', '0001-01-01', '1899-12-31', '3000-01-01'].map(isIsoDay)).toEqual([false, false, false, false]);
    expect(['1900-01-01', '2999-12-31'].map(isIsoDay)).toEqual([true, true]);
  });
});
