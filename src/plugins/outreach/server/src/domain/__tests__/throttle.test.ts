import { throttleWait } from '../throttle';

const at = (s: number) => new Date(Date.UTC(2026, 11, 2, 8, 0, s));

describe('the send rate limit', () => {
  it('lets the first e-mail leave at once', () => {
    expect(throttleWait(null, at(0), 30)).toBe(0);
  });

  it('makes the next e-mail wait the rest of its share of the minute', () => {
    expect(throttleWait(at(0), at(0), 30)).toBe(2000);
    expect(throttleWait(at(0), at(1), 30)).toBe(1000);
  });

  it('lets an e-mail leave once its share has passed', () => {
    expect(throttleWait(at(0), at(5), 30)).toBe(0);
  });

  it('rounds a share of less than a millisecond up', () => {
    expect(throttleWait(at(0), at(0), 6000)).toBe(10);
  });
});
