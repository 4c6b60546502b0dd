import { grantExpiry, grantTone, grantValidOn, volunteerDateProblems } from '../skills';

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

describe('grantTone: how the « Bénévoles » page shows a grant', () => {
  const day = '2012-03-15';
  it('is expired from the day after its last day, expiring within 30 days, valid beyond', () => {
    expect(grantTone({ grantedOn: '2011-03-01', expiresOn: '2012-03-14' }, day)).toBe('expired');
    expect(grantTone({ grantedOn: '2011-03-01', expiresOn: '2012-03-15' }, day)).toBe('expiring');
    expect(grantTone({ grantedOn: '2011-03-01', expiresOn: '2012-04-14' }, day)).toBe('expiring');
    expect(grantTone({ grantedOn: '2011-03-01', expiresOn: '2012-04-15' }, day)).toBe('valid');
    expect(grantTone({ grantedOn: '2011-03-01', expiresOn: null }, day)).toBe('valid');
    expect(grantTone({ grantedOn: '2012-03-16', expiresOn: null }, day)).toBe('future');
  });
});

describe('volunteerDateProblems: the dates a membership needs', () => {
  it('lets a candidate have no date, asks a member for a start date and a leaver for an end date', () => {
    expect(volunteerDateProblems({ membership: 'candidate', startDate: null, endDate: null })).toEqual([]);
    expect(volunteerDateProblems({ membership: 'active', startDate: null, endDate: null }).map((p) => p.path)).toEqual(['startDate']);
    expect(volunteerDateProblems({ membership: null, startDate: null, endDate: null }).map((p) => p.path)).toEqual(['startDate']);
    expect(volunteerDateProblems({ membership: 'left', startDate: '2011-09-01', endDate: null }).map((p) => p.path)).toEqual(['endDate']);
    expect(volunteerDateProblems({ membership: 'left', startDate: '2011-09-01', endDate: '2011-08-01' }).map((p) => p.message)).toEqual(['Départ le : la date de départ précède la date d’arrivée.']);
    expect(volunteerDateProblems({ membership: 'active', startDate: '2011-09-01', endDate: '2013-01-01' })).toEqual([]);
  });
});
