/**
 * Memoises a pure function of one string, keeping at most `max` results (oldest dropped first).
 * A call that throws is not remembered.
 */
export function memoize<T>(fn: (key: string) => T, max: number): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = fn(key);
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(key, value);
    return value;
  };
}
