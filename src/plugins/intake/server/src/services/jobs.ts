import crypto from 'node:crypto';
import type { ImportJob, ImportResult, RowProblem } from '../../../shared/contracts';
import { MESSAGES } from '../messages';

const KEEP_FINISHED_MS = 60 * 60 * 1000;

/**
 * Background imports, kept in memory: an import is one transaction, so a job lost with a
 * restart has written nothing, and staff simply start it again.
 */
export default () => {
  const jobs = new Map<string, ImportJob>();

  const forget = () => {
    const now = Date.now();
    for (const [id, job] of jobs) {
      if (job.finishedAt && now - Date.parse(job.finishedAt) > KEEP_FINISHED_MS) jobs.delete(id);
    }
  };

  return {
    create(donation: string, total: number): ImportJob {
      forget();
      const job: ImportJob = {
        id: crypto.randomUUID(),
        donation,
        status: 'queued',
        processed: 0,
        total,
        errors: [],
        result: null,
        startedAt: new Date().toISOString(),
        finishedAt: null,
      };
      jobs.set(job.id, job);
      return job;
    },

    get(id: string): ImportJob | null {
      const job = jobs.get(id);
      return job ? { ...job, errors: [...job.errors] } : null;
    },

    progress(id: string, processed: number): void {
      const job = jobs.get(id);
      if (job) Object.assign(job, { status: 'running', processed });
    },

    succeed(id: string, result: ImportResult): void {
      const job = jobs.get(id);
      if (job) Object.assign(job, { status: 'done', processed: job.total, result, finishedAt: new Date().toISOString() });
    },

    /** `committed`: rows a large import had already written in earlier transactions. */
    fail(id: string, errors: RowProblem[], committed = 0): void {
      const job = jobs.get(id);
      if (!job) return;
      const result = committed > 0 ? { created: committed, firstLabelCode: null, lastLabelCode: null, durationMs: 0 } : null;
      Object.assign(job, { status: 'failed', errors, result, processed: committed, finishedAt: new Date().toISOString() });
    },

    abandonRunning(): void {
      for (const job of jobs.values()) {
        if (job.status === 'queued' || job.status === 'running') {
          Object.assign(job, {
            status: 'failed',
            errors: [{ row: 0, column: null, field: null, value: null, message: MESSAGES.interrupted }],
            finishedAt: new Date().toISOString(),
          });
        }
      }
    },
  };
};
