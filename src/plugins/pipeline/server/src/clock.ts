import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<Date>();

/** The time events are stamped with: now, or the date a caller (the demo seed) runs under. */
export function now(): Date {
  return storage.getStore() ?? new Date();
}

/** Runs `fn` with events stamped at `date`: loading a history that happened in the past. */
export function runAt<T>(date: Date, fn: () => Promise<T>): Promise<T> {
  return storage.run(date, fn);
}
