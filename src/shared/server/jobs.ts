import type { Core } from '@strapi/strapi';
import pg from 'pg';
import PgBoss from 'pg-boss';

/**
 * Background work on the app's own PostgreSQL database, through pg-boss (schema `pgboss`, its
 * own small pool): a job sent by one instance is worked by whichever instance is free, survives
 * a restart, and a schedule fires once per occurrence across all instances. Plugins declare
 * their queues and schedules in their bootstrap; the app's bootstrap starts the workers once
 * every plugin has declared, and a stop lets the running job finish for a bounded time, then
 * hands it back (pg-boss fails it as a retry) for another instance or the next start.
 */

/** One job as a handler sees it. */
export interface Job<T> {
  id: string;
  data: T;
  /** 0 on the first try. */
  retryCount: number;
}

export interface QueueDefinition<T> {
  name: string;
  handler: (job: Job<T>) => Promise<unknown>;
  /** Tries after the first failure (bounded: never unlimited). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A job still active after this long is taken as lost (crashed worker) and retried. */
  expireInSeconds?: number;
  /** `stately`: at most one job waiting and one running for the whole queue, across instances. */
  policy?: 'standard' | 'singleton' | 'stately';
  /** Runs once this instance's workers are up (e.g. to queue a look at work left by a crash). */
  onStart?: () => void | Promise<void>;
}

export interface ScheduleDefinition {
  name: string;
  /** A cron rule, read in Europe/Paris time (the workshops' time). */
  cron: string;
  handler: () => Promise<unknown>;
}

export const JOBS_TIMEZONE = 'Europe/Paris';
const SCHEMA = 'pgboss';

interface State {
  queues: Map<string, QueueDefinition<unknown>>;
  schedules: Map<string, ScheduleDefinition>;
  boss: PgBoss | null;
  workers: Map<string, string>;
  stopping: boolean;
  /** Ends the pauses of running jobs when the instance stops. */
  wake: Set<() => void>;
}

// One registry per Strapi instance (tests load this module from src and the app from dist/).
const STORE = Symbol.for('seconde-vie.jobs');
type Holder = { [STORE]?: WeakMap<object, State> };

function state(strapi: Core.Strapi): State {
  const holder = globalThis as Holder;
  holder[STORE] ??= new WeakMap();
  let s = holder[STORE].get(strapi);
  if (!s) {
    s = { queues: new Map(), schedules: new Map(), boss: null, workers: new Map(), stopping: false, wake: new Set() };
    holder[STORE].set(strapi, s);
  }
  return s;
}

/** Settings read from the environment (documented in README and .env.example). */
export interface JobsSettings {
  poolMax: number;
  pollingSeconds: number;
  stopTimeoutMs: number;
  schedulesEnabled: boolean;
}

/** Parses the JOBS_* settings; throws a French message on a bad value. */
export function jobsSettings(env: NodeJS.ProcessEnv, cronEnabled: boolean): JobsSettings {
  const number = (key: string, fallback: number, min: number, max: number) => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${key} : un nombre entre ${min} et ${max} (reçu « ${raw} »).`);
    return value;
  };
  return {
    poolMax: Math.floor(number('JOBS_POOL_MAX', 4, 2, 50)),
    pollingSeconds: number('JOBS_POLLING_SECONDS', 2, 0.5, 60),
    stopTimeoutMs: Math.round(number('JOBS_STOP_TIMEOUT_SECONDS', 20, 1, 600) * 1000),
    schedulesEnabled: cronEnabled,
  };
}

/** The one-line log of a job: its queue, its id, and how it ended. */
export function jobLogLine(event: 'start' | 'done' | 'failed', queue: string, id: string, ms?: number, error?: unknown): string {
  const base = `[jobs] ${event === 'start' ? 'début' : event === 'done' ? 'fin' : 'échec'} file=${queue} id=${id}`;
  if (event === 'start') return base;
  const tail = ms === undefined ? '' : ` durée=${ms}ms`;
  return event === 'failed' ? `${base}${tail} erreur=${JSON.stringify(String((error as Error)?.message ?? error))}` : `${base}${tail}`;
}

/** What a plugin uses: declare queues and schedules (bootstrap), send jobs (after start). */
export function jobs(strapi: Core.Strapi) {
  const s = state(strapi);
  return {
    defineQueue<T>(definition: QueueDefinition<T>): void {
      s.queues.set(definition.name, definition as QueueDefinition<unknown>);
    },
    defineSchedule(definition: ScheduleDefinition): void {
      s.schedules.set(definition.name, definition);
    },
    /** Queues a job; null when the queue's policy already has one waiting (stately). */
    async send<T extends object>(name: string, data: T, options: PgBoss.SendOptions = {}): Promise<string | null> {
      if (!s.boss) throw new Error(`[jobs] file ${name} : le système de tâches n'est pas démarré.`);
      const id = await s.boss.send(name, data, options);
      // This instance's worker looks at once instead of at its next poll.
      const worker = s.workers.get(name);
      if (worker) s.boss.notifyWorker(worker);
      return id;
    },
    /** What pg-boss holds for a job: 'created', 'retry', 'active', 'completed', 'cancelled', 'failed'; null when it has none. */
    async stateOf(name: string, id: string): Promise<string | null> {
      if (!s.boss) return null;
      const job = await s.boss.getJobById(name, id, { includeArchive: true });
      return job?.state ?? null;
    },
    /**
     * Fails a job now, with a French reason, when its instance is known to be gone (its work was
     * rolled back): pg-boss retries it at once if it has a try left, instead of after its expiry.
     */
    async fail(name: string, id: string, reason: string): Promise<void> {
      if (!s.boss) throw new Error(`[jobs] file ${name} : le système de tâches n'est pas démarré.`);
      await s.boss.fail(name, id, { message: reason });
    },
    /** True once this instance stops: a long job ends its loop and leaves a continuation job. */
    stopping(): boolean {
      return s.stopping;
    },
    /** Waits `ms`; resolves false at once if the instance stops meanwhile. */
    pause(ms: number): Promise<boolean> {
      if (s.stopping) return Promise.resolve(false);
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          s.wake.delete(wake);
          resolve(false);
        };
        const timer = setTimeout(() => {
          s.wake.delete(wake);
          resolve(true);
        }, ms);
        s.wake.add(wake);
      });
    },
    /** The pg-boss instance, for what the helpers above do not cover (tests, inspection). */
    boss(): PgBoss | null {
      return s.boss;
    },
  };
}

/**
 * Strapi's PostgreSQL dialect turns off JSON parsing on the process-wide `pg` type parsers (it
 * reads JSONB columns as text). pg-boss's pool shares that module and expects parsed JSON: a
 * schedule's options came back as a string, every scheduled occurrence failed to be inserted, and
 * no cron ever ran. pg-boss's own pool therefore gets its own parsers, JSON parsed as pg does by default.
 */
export const jobsTypeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.JSON || oid === pg.types.builtins.JSONB) return (value: string) => JSON.parse(value) as unknown;
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  },
};

function connectionOptions(strapi: Core.Strapi): PgBoss.DatabaseOptions {
  const c = strapi.config.get('database.connection.connection') as { connectionString?: string; ssl?: unknown };
  // `types` goes through pg-boss's config to its pg.Pool and each client (pg's per-client parsers).
  const options = { connectionString: c.connectionString, ssl: c.ssl || undefined, schema: SCHEMA, application_name: 'seconde-vie-jobs', types: jobsTypeParsers };
  return options as PgBoss.DatabaseOptions;
}

function wrap(strapi: Core.Strapi, queue: string, handler: (job: Job<unknown>) => Promise<unknown>) {
  return async ([job]: PgBoss.JobWithMetadata<unknown>[]) => {
    const started = Date.now();
    strapi.log.info(jobLogLine('start', queue, job.id));
    try {
      const result = await handler({ id: job.id, data: job.data, retryCount: job.retryCount });
      strapi.log.info(jobLogLine('done', queue, job.id, Date.now() - started));
      return result;
    } catch (error) {
      strapi.log.error(jobLogLine('failed', queue, job.id, Date.now() - started, error));
      throw error;
    }
  };
}

/** Starts pg-boss and this instance's workers and schedules (the app's bootstrap). */
export async function startJobs(strapi: Core.Strapi): Promise<void> {
  const s = state(strapi);
  if (s.boss) return;
  const settings = jobsSettings(process.env, strapi.config.get('server.cron.enabled', true) as boolean);
  // Schedules are checked every 20 s: at pg-boss's default 30 s, timer drift can leave a 60 s gap
  // between two checks, and a minute with no check never fires (a missed daily digest).
  const boss = new PgBoss({ ...connectionOptions(strapi), max: settings.poolMax, schedule: settings.schedulesEnabled, cronMonitorIntervalSeconds: 20 });
  boss.on('error', (error: Error) => strapi.log.error(`[jobs] erreur du système de tâches : ${error.message}`));
  await boss.start();
  s.boss = boss;
  for (const q of s.queues.values()) {
    const options = { retryLimit: q.retryLimit ?? 3, retryDelay: q.retryDelaySeconds ?? 30, retryBackoff: true, expireInSeconds: q.expireInSeconds ?? 15 * 60 };
    await boss.createQueue(q.name, { name: q.name, policy: q.policy ?? 'standard', ...options });
    await boss.updateQueue(q.name, { name: q.name, ...options });
    s.workers.set(q.name, await boss.work(q.name, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: settings.pollingSeconds }, wrap(strapi, q.name, q.handler)));
  }
  for (const q of s.queues.values()) await q.onStart?.();
  for (const sc of s.schedules.values()) {
    // A schedule stays in the database: an instance with CRON_ENABLED=false neither fires nor works it.
    await boss.createQueue(sc.name, { name: sc.name, policy: 'standard', retryLimit: 0, expireInSeconds: 60 * 60 });
    if (!settings.schedulesEnabled) continue;
    await boss.schedule(sc.name, sc.cron, {}, { tz: JOBS_TIMEZONE, retryLimit: 0 });
    s.workers.set(sc.name, await boss.work(sc.name, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: settings.pollingSeconds }, wrap(strapi, sc.name, () => sc.handler())));
  }
}

/**
 * Stops taking work, waits for the running jobs up to JOBS_STOP_TIMEOUT_SECONDS, then hands the
 * unfinished ones back as retries (the app's destroy, on SIGTERM).
 */
export async function stopJobs(strapi: Core.Strapi): Promise<void> {
  const s = state(strapi);
  const boss = s.boss;
  if (!boss) return;
  s.stopping = true;
  for (const wake of [...s.wake]) wake();
  s.workers.clear();
  const { stopTimeoutMs } = jobsSettings(process.env, false);
  try {
    await boss.stop({ graceful: true, wait: true, timeout: stopTimeoutMs });
  } catch (error) {
    strapi.log.error(`[jobs] arrêt du système de tâches : ${(error as Error).message}`);
  } finally {
    s.boss = null;
  }
}
