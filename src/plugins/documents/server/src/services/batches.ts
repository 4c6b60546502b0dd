import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { DocumentsConfig } from '../config';
import { MESSAGES } from '../domain/messages';
import { zipStore } from '../domain/zip';
import { getService } from '../utils';
import type { Author } from './documents';

export interface BatchJob {
  id: string;
  donationDocumentId: string;
  reference: string | null;
  status: 'running' | 'done';
  total: number;
  /** Units processed, issued or not. */
  done: number;
  /** Certificates issued: one per unit, each with its own number. */
  issued: Array<{ documentId: string; number: string; labelCode: string }>;
  errors: Array<{ labelCode: string; message: string }>;
  startedAt: string;
  finishedAt: string | null;
  startedByName: string | null;
}

const KEEP_FINISHED = 20;

/**
 * Batch generation of a donation's per-unit erasure certificates, in the background: started by
 * one request, followed by polling. Twice `poolSize` units are in progress at once; the renderer's
 * pool bounds the browser to `poolSize` renders. Jobs live in memory: a restart forgets the
 * progress, never an issued document.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const jobs = new Map<string, BatchJob>();
  let stopping = false;

  const snapshot = (job: BatchJob): BatchJob => ({ ...job, issued: [...job.issued], errors: [...job.errors] });

  function forget(): void {
    const finished = [...jobs.values()].filter((j) => j.status === 'done');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(job.id);
  }

  async function run(job: BatchJob, units: Array<{ documentId: string; labelCode: string }>, author: Author | null, concurrency: number): Promise<void> {
    let next = 0;
    // Template, workshop and the units' data read once for many units, not per certificate.
    const issuer = getService(strapi, 'documents').issuer('erasure-certificate', units.map((u) => u.documentId), author, concurrency);
    const worker = async () => {
      while (!stopping && next < units.length) {
        const unit = units[next];
        next += 1;
        try {
          const doc = await issuer.generate(unit.documentId);
          job.issued.push({ documentId: doc.documentId, number: doc.number, labelCode: unit.labelCode });
        } catch (error) {
          const message = error instanceof errors.ApplicationError || (error as Error).name === 'RenderError' ? (error as Error).message : MESSAGES.renderFailed;
          if (!(error instanceof errors.ApplicationError)) strapi.log.error(`documents : attestation de ${unit.labelCode} : ${(error as Error).stack ?? error}`);
          job.errors.push({ labelCode: unit.labelCode, message });
        } finally {
          job.done += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, units.length) }, worker));
    job.issued.sort((a, b) => a.labelCode.localeCompare(b.labelCode));
    job.status = 'done';
    job.finishedAt = new Date().toISOString();
    forget();
  }

  return {
    /** Starts (or returns the running) batch for a donation; resolves before the first render. */
    async start(donationDocumentId: string, author: Author | null): Promise<BatchJob> {
      const running = [...jobs.values()].find((j) => j.donationDocumentId === donationDocumentId && j.status === 'running');
      if (running) return snapshot(running);
      const donation = (await strapi.documents('api::donation.donation').findOne({
        documentId: donationDocumentId,
        fields: ['reference'],
        populate: { machines: { fields: ['labelCode'] } },
      })) as { reference?: string | null; machines?: Array<{ documentId: string; labelCode: string }> } | null;
      if (!donation) throw new errors.NotFoundError(MESSAGES.recordNotFound);
      const units = [...(donation.machines ?? [])].sort((a, b) => String(a.labelCode).localeCompare(String(b.labelCode)));
      if (units.length === 0) throw new errors.ValidationError(MESSAGES.batchNoUnits);
      const job: BatchJob = {
        id: crypto.randomUUID(),
        donationDocumentId,
        reference: donation.reference ?? null,
        status: 'running',
        total: units.length,
        done: 0,
        issued: [],
        errors: [],
        startedAt: new Date().toISOString(),
        finishedAt: null,
        startedByName: author?.name ?? null,
      };
      jobs.set(job.id, job);
      const { poolSize } = strapi.config.get('plugin::documents') as DocumentsConfig;
      // Twice the pool: while some units wait on the database, the renderer's pages print others'.
      void run(job, units, author, poolSize * 2).catch((error: unknown) => {
        strapi.log.error(`documents : génération par lot ${job.id} interrompue : ${(error as Error).message}`);
        job.status = 'done';
        job.finishedAt = new Date().toISOString();
      });
      return snapshot(job);
    },

    get(id: string): BatchJob {
      const job = jobs.get(id);
      if (!job) throw new errors.NotFoundError(MESSAGES.batchNotFound);
      return snapshot(job);
    },

    /** The batch's certificates in one ZIP (stored PDFs, as issued). */
    async archive(id: string): Promise<{ name: string; zip: Buffer }> {
      const job = this.get(id);
      if (job.status !== 'done') throw new errors.ValidationError(MESSAGES.batchRunning);
      const documents = getService(strapi, 'documents');
      const entries = [];
      for (const item of job.issued) entries.push({ name: `${item.number}.pdf`, data: await documents.fileContent(await documents.findOne(item.documentId)) });
      const base = (job.reference ?? job.donationDocumentId).replace(/[^A-Za-z0-9._-]+/g, '-');
      return { name: `attestations-${base}.zip`, zip: zipStore(entries) };
    },

    /** When the app stops: no unit is started any more; waits for the renders in flight. */
    async stop(): Promise<void> {
      stopping = true;
      for (let i = 0; i < 600 && [...jobs.values()].some((j) => j.status === 'running'); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
};
