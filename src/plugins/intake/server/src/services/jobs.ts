import type { Core } from '@strapi/strapi';
import type { EventActor, Executor } from '../../../../../shared/bulk-records';
import { jobs as jobSystem } from '../../../../../shared/server/jobs';
import { jsonColumn } from '../../../../../shared/server/json-column';
import type { ColumnMappingInput, ImportJob, ImportResult, JobPhase, JobStatus, RowProblem } from '../../../shared/contracts';
import { MESSAGES } from '../messages';
import { IMPORT_LOCK_NAMESPACE } from './lock';

const JOB = 'plugin::intake.import-job';
const TABLE = 'sv_intake_jobs';
const INPUTS = 'sv_intake_job_inputs';
/** The pg-boss queue background imports go through (any instance works it). */
export const IMPORT_QUEUE = 'intake-import';
/** Tries of one import after its first (a crash or a database error); a refused file is not retried. */
export const IMPORT_RETRIES = 2;

/** What a queued import needs to run anywhere: the file, the columns chosen, who imports. */
export interface ImportInput {
  filename: string;
  bytes: Uint8Array;
  mapping: ColumnMappingInput | null;
  options: { acceptWarnings?: string; actor: EventActor; writer?: 'sql' | 'documents' };
}
/** A job neither running here nor holding its donation's lock, silent this long, has lost its process. */
export const SILENT_MS = 5000;

interface JobRow {
  documentId: string;
  donation: string;
  filename: string | null;
  state: JobStatus;
  phase: JobPhase;
  total: number;
  checked: number;
  written: number;
  errors: RowProblem[] | null;
  result: ImportResult | null;
  startedAt: string | Date;
  finishedAt: string | Date | null;
  updatedAt: string | Date;
}

const iso = (d: string | Date | null) => (d === null ? null : new Date(d).toISOString());

const toJob = (row: JobRow): ImportJob => ({
  id: row.documentId,
  donation: row.donation,
  filename: row.filename ?? '',
  status: row.state,
  phase: row.phase,
  total: row.total,
  checked: row.checked,
  written: row.written,
  errors: row.errors ?? [],
  result: row.result,
  startedAt: iso(row.startedAt) as string,
  finishedAt: iso(row.finishedAt),
});

/** An import that failed as a whole (not a row): nothing was written. */
export const failure = (message: string = MESSAGES.failed): RowProblem => ({
  code: 'import_failed', dataRow: null, sheetRow: 0, column: null, field: null, value: null, message,
});

const interruption = (): RowProblem => ({
  code: 'import_interrupted', dataRow: null, sheetRow: 0, column: null, field: null, value: null, message: MESSAGES.interrupted,
});

/**
 * Background imports, kept in the database and run as pg-boss jobs: any instance answers for any
 * import and any instance may run it. An import is one transaction holding its donation's
 * advisory lock, so a process that dies has written nothing and released the lock. An import
 * marked running, that runs nowhere here, whose lock is free and that has been silent for a few
 * seconds has lost its process: its pg-boss job is failed at once, and retried (from the start,
 * by whichever instance takes it) while it has tries left; then it says « interrompu ».
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const runningHere = new Set<string>();

  /** The donation's import lock is free: no transaction of any process is importing into it. */
  async function lockIsFree(donation: string): Promise<boolean> {
    // Raw SQL: a non-blocking try of the advisory lock, released at once with its transaction.
    return strapi.db.connection.transaction(async (trx) => {
      const result = (await trx.raw('SELECT pg_try_advisory_xact_lock(?, hashtext(?)) AS free', [IMPORT_LOCK_NAMESPACE, donation])) as {
        rows: { free: boolean }[];
      };
      return result.rows[0].free;
    });
  }

  async function update(id: string, data: Record<string, unknown>, onlyIfUnfinished = false): Promise<number> {
    // Raw knex on the root connection: this runs inside the import's transaction, whose writes
    // nobody sees before commit; progress must be seen while it runs.
    const query = strapi.db.connection(TABLE).where({ document_id: id });
    if (onlyIfUnfinished) query.whereIn('state', ['queued', 'running']);
    return query.update({ ...data, updated_at: new Date() });
  }

  async function bossId(id: string): Promise<string | null> {
    const row = (await strapi.db.connection(INPUTS).where({ job_document_id: id }).first('boss_id')) as { boss_id: string | null } | undefined;
    return row?.boss_id ?? null;
  }

  async function interrupt(row: JobRow): Promise<JobRow> {
    const finishedAt = new Date();
    // Its transaction was rolled back: nothing it had written stays.
    await update(row.documentId, { state: 'interrupted', phase: 'finished', written: 0, errors: JSON.stringify([interruption()]), finished_at: finishedAt }, true);
    await strapi.db.connection(INPUTS).where({ job_document_id: row.documentId }).delete();
    return { ...row, state: 'interrupted', phase: 'finished', written: 0, errors: [interruption()], finishedAt };
  }

  async function settle(row: JobRow): Promise<JobRow> {
    if (row.state !== 'queued' && row.state !== 'running') return row;
    if (runningHere.has(row.documentId)) return row;
    if (Date.now() - new Date(row.updatedAt).getTime() < SILENT_MS) return row;
    const queue = jobSystem(strapi);
    if (!queue.boss()) return row; // before the job system starts (boot), or while it stops: nothing to decide
    const boss = await bossId(row.documentId);
    const bossState = boss ? await queue.stateOf(IMPORT_QUEUE, boss) : null;
    // pg-boss gave up on it (tries spent) or never had it: nobody will run it any more.
    if (bossState === null || bossState === 'failed' || bossState === 'cancelled' || bossState === 'completed') return interrupt(row);
    if (row.state === 'queued') return row; // waiting for a worker, or for its retry
    if (!(await lockIsFree(row.donation))) return row; // its transaction is alive somewhere
    // Running nowhere: its process is gone. Retried at once if a try is left.
    if (boss && bossState === 'active') await queue.fail(IMPORT_QUEUE, boss, MESSAGES.interrupted).catch(() => undefined);
    await update(row.documentId, { state: 'queued', phase: 'waiting', checked: 0, written: 0 }, true);
    return { ...row, state: 'queued', phase: 'waiting', checked: 0, written: 0 };
  }

  return {
    /**
     * Records an import to run in the background and queues it: the job row and its input are
     * written together, then the pg-boss job is sent (a failed send fails the import, visibly).
     */
    async create(input: { donation: string; total: number; actorName: string }, run: ImportInput): Promise<ImportJob> {
      const row = (await strapi.db.transaction(async ({ trx }) => {
        const created = (await strapi.db.query(JOB).create({
          data: { ...input, filename: run.filename, state: 'queued', phase: 'waiting', checked: 0, written: 0, errors: [], result: null, startedAt: new Date() },
        })) as JobRow;
        await trx(INPUTS).insert({
          job_document_id: created.documentId,
          filename: run.filename,
          bytes: Buffer.from(run.bytes),
          mapping: run.mapping === null ? null : JSON.stringify(run.mapping),
          options: JSON.stringify(run.options),
        });
        return created;
      })) as JobRow;
      try {
        const boss = await jobSystem(strapi).send(IMPORT_QUEUE, { job: row.documentId }, { retryLimit: IMPORT_RETRIES });
        await strapi.db.connection(INPUTS).where({ job_document_id: row.documentId }).update({ boss_id: boss });
      } catch (error) {
        strapi.log.error(`intake: l'import ${row.documentId} n'a pas pu être mis en file : ${(error as Error).message}`);
        await this.finish(row.documentId, { status: 'failed', errors: [failure()] });
        return toJob({ ...row, state: 'failed', phase: 'finished', errors: [failure()] });
      }
      return toJob(row);
    },

    /** Inside the import's transaction: done, with its result, and its input dropped — or none of it. */
    async markDone(trx: Executor, id: string, result: ImportResult): Promise<void> {
      await trx(TABLE).where({ document_id: id }).update({
        state: 'done', phase: 'finished', errors: JSON.stringify([]), result: JSON.stringify(result),
        written: result.created, checked: result.created, finished_at: new Date(), updated_at: new Date(),
      });
      await trx(INPUTS).where({ job_document_id: id }).delete();
    },

    /** The input of a queued import, or null once it has ended. */
    async input(id: string): Promise<ImportInput | null> {
      const row = (await strapi.db.connection(INPUTS).where({ job_document_id: id }).first()) as
        | { filename: string; bytes: Buffer; mapping: ColumnMappingInput | string | null; options: ImportInput['options'] | string }
        | undefined;
      if (!row) return null;
      return { filename: row.filename, bytes: new Uint8Array(row.bytes), mapping: jsonColumn(row.mapping), options: jsonColumn(row.options) as ImportInput['options'] };
    },

    /** This instance runs the import now (until finish() or release()). */
    claim(id: string): void {
      runningHere.add(id);
    },

    /** The import's run stopped here without an outcome (a retry follows): it waits again. */
    async release(id: string): Promise<void> {
      runningHere.delete(id);
      await update(id, { state: 'queued', phase: 'waiting', checked: 0, written: 0 }, true);
    },

    /** The row of an import, as stored (the runner checks it is still to run). */
    async row(id: string): Promise<{ state: JobStatus; donation: string } | null> {
      const row = (await strapi.db.query(JOB).findOne({ where: { documentId: id }, select: ['state', 'donation'] })) as JobRow | null;
      return row ? { state: row.state, donation: row.donation } : null;
    },

    async progress(id: string, progress: { phase?: JobPhase; checked?: number; written?: number }): Promise<void> {
      await update(id, { state: 'running', ...progress });
    },

    async finish(id: string, outcome: { status: 'done' | 'failed'; errors?: RowProblem[]; result?: ImportResult | null }): Promise<void> {
      await update(id, {
        state: outcome.status,
        phase: 'finished',
        errors: JSON.stringify(outcome.errors ?? []),
        result: outcome.result ? JSON.stringify(outcome.result) : null,
        // A failed import rolled back: nothing it had written stays.
        ...(outcome.result ? { written: outcome.result.created, checked: outcome.result.created } : { written: 0 }),
        finished_at: new Date(),
      });
      await strapi.db.connection(INPUTS).where({ job_document_id: id }).delete();
      runningHere.delete(id);
    },

    /** The job as it stands; one whose process died is reported (and recorded) as interrupted. */
    async get(id: string): Promise<ImportJob | null> {
      const row = (await strapi.db.query(JOB).findOne({ where: { documentId: id } })) as JobRow | null;
      return row ? toJob(await settle(row)) : null;
    },

    /** The donation's latest imports, newest first (the page shows one still running after a reload). */
    async ofDonation(donation: string, limit = 5): Promise<ImportJob[]> {
      const rows = (await strapi.db.query(JOB).findMany({ where: { donation }, orderBy: { id: 'desc' }, limit })) as JobRow[];
      const settled: JobRow[] = [];
      for (const row of rows) settled.push(await settle(row));
      return settled.map(toJob);
    },

    /** At boot: jobs left running by a process that is gone are marked interrupted. */
    async settleAll(): Promise<number> {
      const rows = (await strapi.db.query(JOB).findMany({ where: { state: { $in: ['queued', 'running'] } } })) as JobRow[];
      let interrupted = 0;
      for (const row of rows) if ((await settle(row)).state === 'interrupted') interrupted += 1;
      return interrupted;
    },

    /**
     * At shutdown: imports of this process stop with it (their transaction rolls back). pg-boss
     * hands their jobs back for a retry; until another instance takes one, it says it waits.
     */
    async abandonRunning(): Promise<void> {
      for (const id of runningHere) await update(id, { state: 'queued', phase: 'waiting', checked: 0, written: 0 }, true);
      runningHere.clear();
    },
  };
};
