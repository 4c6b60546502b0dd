import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The app's one clock. Every "now" that the business sees (events, stamps, reminders) and every
 * "today" (membership and convention validity, hand-over dates, digests) is read here, so that
 * the whole app agrees on the date: "today" is the date in Europe/Paris, the workshops' time,
 * never the UTC date (which is still yesterday between midnight and 1 or 2 a.m. in France).
 * Two ways to move it: `runAt` for a piece of work that happened in the past (the demo seed
 * loads a history), `setClock` for tests.
 */

/** The workshops' time zone: "today" and cron rules are read in it. */
export const TIME_ZONE = 'Europe/Paris';

const storage = new AsyncLocalStorage<Date>();
let override: (() => Date) | null = null;

/** The current time: the date a `runAt` caller runs under, else the test clock, else the real time. */
export function now(): Date {
  const at = storage.getStore() ?? override?.();
  return at ? new Date(at.getTime()) : new Date();
}

/** The calendar date of `at` in Europe/Paris, `YYYY-MM-DD`. */
export function dayOf(at: Date): string {
  return at.toLocaleDateString('sv-SE', { timeZone: TIME_ZONE });
}

/** Today's date in Europe/Paris, `YYYY-MM-DD`. */
export function today(): string {
  return dayOf(now());
}

/**
 * SQL for the workshop's calendar in PostgreSQL. Strapi stores datetimes as `timestamp without
 * time zone` holding UTC (`useTz: false`), so `at::date` is the UTC date and `at AT TIME ZONE
 * 'Europe/Paris'` would read the UTC value as Paris time (an hour or two off the other way).
 */
/** The column read as the workshop's wall-clock time (`…::date` is then its day in Brest). */
export const localTimeSql = (column: string): string => `((${column} AT TIME ZONE 'UTC') AT TIME ZONE '${TIME_ZONE}')`;

/**
 * The stored (UTC) value of midnight, workshop time, at the start of the day `dateSql` (a date
 * expression or a bind placeholder; written with CAST, not `::`, which knex's named bindings
 * would read as a placeholder): a range bound that keeps the column's index usable.
 */
export const midnightSql = (dateSql: string): string => `((CAST(CAST(${dateSql} AS date) AS timestamp) AT TIME ZONE '${TIME_ZONE}') AT TIME ZONE 'UTC')`;

/** Runs `fn` with the clock at `date`: loading a history that happened in the past. */
export function runAt<T>(date: Date, fn: () => Promise<T>): Promise<T> {
  return storage.run(date, fn);
}

/** Sets the clock (tests): a fixed date, a function read at each call, or `null` for the real time. */
export function setClock(at: Date | (() => Date) | null): void {
  if (at === null) override = null;
  else if (at instanceof Date) {
    const fixed = at.getTime();
    override = () => new Date(fixed);
  } else override = at;
}

/** The clock as the plugins expose it to tests (`strapi.plugin(name).service('clock')`): one state for all. */
export const clockService = () => ({ now, today, set: setClock });
