import { brestInstant, TEAM } from '../team';

describe('the demo team’s Brest times', () => {
  it('turns a Brest wall-clock time into its UTC instant, winter and summer, and on the days the clocks change', () => {
    expect(brestInstant('2012-03-06', 14 * 60).toISOString()).toBe('2012-03-06T13:00:00.000Z');
    expect(brestInstant('2012-06-12', 14 * 60).toISOString()).toBe('2012-06-12T12:00:00.000Z');
    // 25 March 2012: 02:00 became 03:00; the afternoon is summer time.
    expect(brestInstant('2012-03-25', 14 * 60 + 30).toISOString()).toBe('2012-03-25T12:30:00.000Z');
    // 28 October 2012: 03:00 became 02:00; the afternoon is winter time.
    expect(brestInstant('2012-10-28', 17 * 60 + 45).toISOString()).toBe('2012-10-28T16:45:00.000Z');
  });

  it('names the four bench volunteers of the pipeline’s history among a dozen', () => {
    expect(TEAM).toHaveLength(12);
    expect(TEAM.map((t) => t.name)).toEqual(expect.arrayContaining(['Marie K.', 'Yannick L.', 'Solène P.', 'Gaël T.']));
  });
});
