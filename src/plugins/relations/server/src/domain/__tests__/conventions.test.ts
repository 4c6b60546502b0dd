import { addDays, conventionMoveVerdict, inForce, isExpiringSoon, renewalDates } from '../conventions';

describe('convention lifecycle rules', () => {
  it('allows draft → sent → signed and refuses skipping « Envoyée »', () => {
    expect(conventionMoveVerdict('draft', 'sent')).toEqual({ ok: true });
    expect(conventionMoveVerdict('sent', 'signed')).toEqual({ ok: true });
    expect(conventionMoveVerdict('draft', 'signed')).toEqual({ ok: false, message: expect.stringContaining('« Brouillon » à « Signée » impossible') });
  });

  it('freezes expired, renewed and terminated conventions', () => {
    for (const from of ['expired', 'renewed', 'terminated']) {
      expect(conventionMoveVerdict(from, 'signed').ok).toBe(false);
    }
  });

  it('counts the 60-day notice window inclusively', () => {
    expect(isExpiringSoon(addDays('2012-10-01', 59), '2012-10-01')).toBe(true);
    expect(isExpiringSoon(addDays('2012-10-01', 60), '2012-10-01')).toBe(true);
    expect(isExpiringSoon(addDays('2012-10-01', 61), '2012-10-01')).toBe(false);
    expect(isExpiringSoon('2012-09-30', '2012-10-01')).toBe(false);
    expect(isExpiringSoon(null, '2012-10-01')).toBe(false);
  });

  it('dates a renewal from the day after the end, with the same length', () => {
    expect(renewalDates('2012-01-16', '2015-01-15')).toEqual({ startDate: '2015-01-16', endDate: '2018-01-15' });
    // Three years across leap days stay three years.
    expect(renewalDates('2010-01-04', '2013-01-03')).toEqual({ startDate: '2013-01-04', endDate: '2016-01-03' });
    expect(renewalDates('2012-03-01', '2015-02-28')).toEqual({ startDate: '2015-03-01', endDate: '2018-02-28' });
    // Not whole months: same number of days.
    expect(renewalDates('2012-03-10', '2012-04-19')).toEqual({ startDate: '2012-04-20', endDate: '2012-05-30' });
    expect(renewalDates(null, '2015-01-15')).toEqual({ startDate: '2015-01-16', endDate: null });
    expect(renewalDates('2012-01-16', null)).toEqual({ startDate: null, endDate: null });
  });

  it('sees a convention in force only when signed, started and not ended', () => {
    const c = { state: 'signed', startDate: '2012-01-16', endDate: '2015-01-15' };
    expect(inForce(c, '2012-10-01')).toBe(true);
    expect(inForce(c, '2015-01-16')).toBe(false);
    expect(inForce(c, '2012-01-15')).toBe(false);
    expect(inForce({ ...c, state: 'sent' }, '2012-10-01')).toBe(false);
  });
});
