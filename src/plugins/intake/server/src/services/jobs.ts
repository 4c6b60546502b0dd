import type { Core } from '@strapi/strapi';
import type { ImportJob, ImportResult, JobPhase, JobStatus, RowProblem } from '../../../shared/contracts';
import { MESSAGES } from '../messages';
import { IMPORT_LOCK_NAMESPACE } from './lock';

const JOB = 'plugin::intake.import-job';
const TABLE = 'sv_intake_jobs';
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

const interruption = (): RowProblem => ({
  code: 'import_interrupted', dataRow: null, sheetRow: 0, column: null, field: null, value: null, message: MESSAGES.interrupted,
});

/**
 * Background imports, kept in the database: any instance answers for any job, and a job whose
 * process died (restart, crash) is seen as such. An import is one transaction holding its
 * donation's advisory lock, so a dead process has written nothing and released the lock: a job
 * that is running nowhere here, whose lock is free and that has been silent for a few seconds
 * is marked interrupted the first time anyone asks (or at boot).
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

  async function update(id: string, data: Record<string, unknown>): Promise<void> {
    // Raw knex on the root connection: this runs inside the import's transaction, whose writes
    // nobody sees before commit; progress must be seen while it runs.
    await strapi.db.connection(TABLE).where({ document_id: id }).update({ ...data, updated_at: new Date() });
  }

  async function settle(row: JobRow): Promise<JobRow> {
    if (row.state !== 'queued' && row.state !== 'running') return row;
    if (runningHere.has(row.documentId)) return row;
    if (Date.now() - new Date(row.updatedAt).getTime() < SILENT_MS) return row;
    if (!(await lockIsFree(row.donation))) return row;
    const finishedAt = new Date();
    // Its transaction was rolled back: nothing it had written stays.
    await update(row.documentId, { state: 'interrupted', phase: 'finished', written: 0, errors: JSON.stringify([interruption()]), finished_at: finishedAt });
    return { ...row, state: 'interrupted', phase: 'finished', written: 0, errors: [interruption()], finishedAt };
  }

  return {
    async create(input: { donation: string; filename: string; total: number; actorName: string }): Promise<ImportJob> {
      const row = (await strapi.db.query(JOB).create({
        data: { ...input, state: 'queued', phase: 'waiting', checked: 0, written: 0, errors: [], result: null, startedAt: new Date() },
      })) as JobRow;
      runningHere.add(row.documentId);
      return toJob(row);
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

    /** At shutdown: jobs of this process stop with it (their transaction rolls back). */
    async abandonRunning(): Promise<void> {
      for (const id of runningHere) {
        await update(id, { state: 'interrupted', phase: 'finished', written: 0, errors: JSON.stringify([interruption()]), finished_at: new Date() });
      }
      runningHere.clear();
    },
  };
};
