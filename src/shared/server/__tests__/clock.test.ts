import { dayOf, now, runAt, setClock, today } from '../clock';

afterEach(() => setClock(null));

describe('the clock', () => {
  it('reads "today" in Europe/Paris, not in UTC, around midnight', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris (UTC+1 in winter).
    setClock(new Date('2024-12-31T23:30:00.000Z'));
    expect(today()).toBe('2025-01-01');
    // 22:30 UTC on 30 June is already 1 July in Paris (UTC+2 in summer).
    expect(dayOf(new Date('2025-06-30T22:30:00.000Z'))).toBe('2025-07-01');
    expect(dayOf(new Date('2025-06-30T21:30:00.000Z'))).toBe('2025-06-30');
  });

  it('is the real time unless set, a fixed date or a function when set', () => {
    const before = Date.now();
    expect(now().getTime()).toBeGreaterThanOrEqual(before);
    setClock(new Date('2012-09-01T12:00:00.000Z'));
    expect(now().toISOString()).toBe('2012-09-01T12:00:00.000Z');
    // A caller mutating what it got does not move the clock.
    now().setFullYear(1999);
    expect(now().toISOString()).toBe('2012-09-01T12:00:00.000Z');
    setClock(() => new Date('2013-01-02T08:00:00.000Z'));
    expect(today()).toBe('2013-01-02');
    setClock(null);
    expect(now().getTime()).toBeGreaterThanOrEqual(before);
  });

  it('runs a piece of work at a date of the past, over the test clock, and only inside it', async () => {
    setClock(new Date('2012-09-01T12:00:00.000Z'));
    const seen = await runAt(new Date('2011-09-20T09:00:00.000Z'), async () => {
      await Promise.resolve();
      return today();
    });
    expect(seen).toBe('2011-09-20');
    expect(today()).toBe('2012-09-01');
  });
});
