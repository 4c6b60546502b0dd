let override: (() => Date) | null = null;

/** "Today" for the dashboard and the bilans: the real time, unless a test set another. */
export function now(): Date {
  return override ? override() : new Date();
}

/** Sets the clock (tests); `null` goes back to the real time. */
export function setClock(fn: (() => Date) | null): void {
  override = fn;
}
