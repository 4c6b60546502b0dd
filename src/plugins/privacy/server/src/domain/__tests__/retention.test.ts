import { isExpired, lastContact, retentionEnd } from '../retention';

describe('household retention', () => {
  const household = {
    createdAt: '2012-01-10T09:00:00Z',
    prescriptions: [
      { receivedAt: '2012-01-10', decidedAt: '2012-01-20', handedOverAt: '2012-02-15', followUps: [{ date: '2012-06-01' }] },
      { receivedAt: '2011-11-02', decidedAt: null, handedOverAt: null, followUps: null },
    ],
  };

  it('counts from the last contact: receipt, decision, handover or follow-up', () => {
    expect(lastContact(household).toISOString().slice(0, 10)).toBe('2012-06-01');
    expect(lastContact({ createdAt: '2013-03-03T00:00:00Z', prescriptions: [] }).toISOString().slice(0, 10)).toBe('2013-03-03');
    // A record typed in later (a backlog) does not extend the period: the contacts' dates count.
    expect(lastContact({ ...household, createdAt: '2020-01-01T00:00:00Z' }).toISOString().slice(0, 10)).toBe('2012-06-01');
  });

  it('expires the given number of months after it, not a day before', () => {
    expect(retentionEnd(new Date('2012-06-01T00:00:00Z'), 24).toISOString().slice(0, 10)).toBe('2014-06-01');
    expect(isExpired(household, 24, new Date('2014-05-31T23:59:59Z'))).toBe(false);
    expect(isExpired(household, 24, new Date('2014-06-01T00:00:00Z'))).toBe(true);
    expect(isExpired(household, 36, new Date('2014-06-01T00:00:00Z'))).toBe(false);
  });
});
