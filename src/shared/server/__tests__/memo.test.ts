import { memoize } from '../memo';

describe('memoize', () => {
  it('computes a key once and answers the same result afterwards', () => {
    const calls: string[] = [];
    const upper = memoize((s: string) => {
      calls.push(s);
      return s.toUpperCase();
    }, 10);
    expect([upper('a'), upper('a'), upper('b')]).toEqual(['A', 'A', 'B']);
    expect(calls).toEqual(['a', 'b']);
  });

  it('keeps at most max results, dropping the oldest first', () => {
    const calls: string[] = [];
    const same = memoize((s: string) => {
      calls.push(s);
      return s;
    }, 2);
    same('a');
    same('b');
    same('c');
    same('b');
    same('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });

  it('does not remember a call that threw', () => {
    let fail = true;
    const flaky = memoize((s: string) => {
      if (fail) throw new Error('refusé');
      return s;
    }, 10);
    expect(() => flaky('x')).toThrow('refusé');
    fail = false;
    expect(flaky('x')).toBe('x');
  });
});
