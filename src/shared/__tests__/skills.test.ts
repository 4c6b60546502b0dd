import { grantExpiry, grantValidOn } from '../skills';

describe('skill grants', () => {
  it('last a number of months, the last day included', () => {
    expect(grantExpiry('2012-02-15', 12)).toBe('2013-02-14');
    expect(grantExpiry('2012-01-31', 1)).toBe('2012-02-28');
    expect(grantExpiry('2012-03-01', 12)).toBe('2013-02-28');
    expect(grantExpiry('2012-03-01', null)).toBeNull();
  });

  it('count from the day granted to the last day, inclusive', () => {
    const grant = { grantedOn: '2012-02-15', expiresOn: '2013-02-14' };
    expect(grantValidOn(grant, '2012-02-14')).toBe(false);
    expect(grantValidOn(grant, '2012-02-15')).toBe(true);
    expect(grantValidOn(grant, '2013-02-14')).toBe(true);
    expect(grantValidOn(grant, '2013-02-15')).toBe(false);
    expect(grantValidOn({ grantedOn: '2012-02-15', expiresOn: null }, '2030-01-01')).toBe(true);
  });
});
