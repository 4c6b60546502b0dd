import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { jobs } from '../../../../../shared/server/jobs';
import { jsonColumn } from '../../../../../shared/server/json-column';
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

/** The pg-boss queue batches go through: one job per batch (and per continuation), any instance. */
export const BATCH_QUEUE = 'documents-batch';
/** Tries of one unit whose render failed for a reason other than a refusal (a browser that died…). */
export const UNIT_ATTEMPTS = 3;
/** A running batch whose units have not moved for this long has lost its instance. */
const SILENT_MS = 90_000;

const BATCHES = 'sv_document_batches';
const UNITS = 'sv_document_batch_units';

interface BatchRow {
  id: string;
  donation_document_id: string;
  reference: string | null;
  status: 'running' | 'done';
  total: number;
  author: Author | string | null;
  started_at: Date;
  finished_at: Date | null;
  heartbeat_at: Date;
  boss_id: string | null;
}

interface UnitRow {
  unit_document_id: string;
  label_code: string;
  state: 'pending' | 'issued' | 'failed';
  attempts: number;
  document_id: string | null;
  number: string | null;
  message: string | null;
}

/**
 * Batch generation of a donation's per-unit erasure certificates, as a pg-boss job: started by one
 * request on any instance, worked by whichever instance takes the job, followed by polling any
 * instance. Each unit is a row (pending, issued, refused), so a batch cut by a stop, a crash or a
 * browser that died resumes where it was: a unit whose certificate was issued just before the cut
 * is found (one issued for it since the batch started), never issued twice. Twice `poolSize` units
 * are in progress at once; the renderer's pool bounds the browser to `poolSize` renders.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db.connection;

  async function load(id: string): Promise<{ batch: BatchRow; units: UnitRow[] } | null> {
    const batch = (await db()(BATCHES).where({ id }).first()) as BatchRow | undefined;
    if (!batch) return null;
    const units = (await db()(UNITS).where({ batch_id: id }).orderBy('label_code')) as UnitRow[];
    return { batch, units };
  }

  function toJob(batch: BatchRow, units: UnitRow[]): BatchJob {
    const author = jsonColumn<Author>(batch.author);
    return {
      id: batch.id,
      donationDocumentId: batch.donation_document_id,
      reference: batch.reference,
      status: batch.status,
      total: batch.total,
      done: units.filter((u) => u.state !== 'pending').length,
      issued: units
        .filter((u) => u.state === 'issued')
        .map((u) => ({ documentId: u.document_id as string, number: u.number as string, labelCode: u.label_code })),
      errors: units.filter((u) => u.state === 'failed').map((u) => ({ labelCode: u.label_code, message: u.message ?? MESSAGES.renderFailed })),
      startedAt: new Date(batch.started_at).toISOString(),
      finishedAt: batch.finished_at ? new Date(batch.finished_at).toISOString() : null,
      startedByName: author?.name ?? null,
    };
  }

  async function queue(batchId: string): Promise<void> {
    const boss = await jobs(strapi).send(BATCH_QUEUE, { batch: batchId });
    await db()(BATCHES).where({ id: batchId }).update({ boss_id: boss, heartbeat_at: new Date() });
  }

  /**
   * A running batch that nobody works any more (its instance died, its job given up) is queued
   * again; one whose instance died while its job is still marked active is failed for a retry.
   */
  async function settle(batch: BatchRow): Promise<void> {
    if (batch.status !== 'running' || !jobs(strapi).boss()) return;
    if (Date.now() - new Date(batch.heartbeat_at).getTime() < SILENT_MS) return;
    const state = batch.boss_id ? await jobs(strapi).stateOf(BATCH_QUEUE, batch.boss_id) : null;
    if (state === 'created' || state === 'retry') return;
    if (state === 'active') {
      await jobs(strapi).fail(BATCH_QUEUE, batch.boss_id as string, MESSAGES.batchResumed).catch(() => undefined);
      await db()(BATCHES).where({ id: batch.id }).update({ heartbeat_at: new Date() });
      return;
    }
    strapi.log.warn(`documents : génération par lot ${batch.id} reprise (son instance s'est arrêtée).`);
    await queue(batch.id);
  }

  /** Certificates issued for pending units since the batch started: a run cut just after issuing one. */
  async function adoptIssued(batch: BatchRow, pending: UnitRow[]): Promise<void> {
    if (pending.length === 0) return;
    const found = (await strapi.db.query('plugin::documents.generated-document').findMany({
      where: { kind: 'erasure-certificate', targetDocumentId: { $in: pending.map((u) => u.unit_document_id) }, createdAt: { $gte: batch.started_at } },
      select: ['documentId', 'number', 'targetDocumentId'],
      orderBy: { id: 'asc' },
    })) as Array<{ documentId: string; number: string; targetDocumentId: string }>;
    for (const doc of found) {
      await db()(UNITS)
        .where({ batch_id: batch.id, unit_document_id: doc.targetDocumentId, state: 'pending' })
        .update({ state: 'issued', document_id: doc.documentId, number: doc.number });
    }
  }

  /** The job: issues the batch's pending certificates; leaves a continuation when the instance stops. */
  async function work(batchId: string): Promise<void> {
    const loaded = await load(batchId);
    if (!loaded || loaded.batch.status !== 'running') return;
    const { batch } = loaded;
    await adoptIssued(batch, loaded.units.filter((u) => u.state === 'pending'));
    const todo = ((await db()(UNITS).where({ batch_id: batchId, state: 'pending' }).orderBy('label_code')) as UnitRow[]).map((u) => ({ ...u }));
    const author = jsonColumn<Author>(batch.author);
    const { poolSize } = strapi.config.get('plugin::documents') as DocumentsConfig;
    const system = jobs(strapi);
    // Template, workshop and the units' data read once for many units, not per certificate.
    const issuer = getService(strapi, 'documents').issuer('erasure-certificate', todo.map((u) => u.unit_document_id), author, poolSize * 2);
    let next = 0;
    const worker = async () => {
      while (!system.stopping() && next < todo.length) {
        const unit = todo[next];
        next += 1;
        unit.attempts += 1;
        // The try is counted, and the batch shown alive, in one statement.
        await db().raw(`WITH alive AS (UPDATE ${BATCHES} SET heartbeat_at = now() WHERE id = ?) UPDATE ${UNITS} SET attempts = ? WHERE batch_id = ? AND unit_document_id = ?`, [
          batchId,
          unit.attempts,
          batchId,
          unit.unit_document_id,
        ]);
        try {
          // The unit is marked issued in its certificate's own transaction: both, or neither.
          await issuer.generate(unit.unit_document_id, async (trx, doc) => {
            await trx(UNITS).where({ batch_id: batchId, unit_document_id: unit.unit_document_id }).update({ state: 'issued', document_id: doc.documentId, number: doc.number });
          });
        } catch (error) {
          const refused = error instanceof errors.ApplicationError;
          if (!refused && unit.attempts < UNIT_ATTEMPTS && !system.stopping()) {
            // A browser that died, a timeout: tried again once the units before it are done.
            strapi.log.warn(`documents : attestation de ${unit.label_code}, essai ${unit.attempts} : ${(error as Error).message}`);
            todo.push(unit);
            continue;
          }
          if (!refused && system.stopping()) continue; // left pending: the continuation tries it again
          const message = refused || (error as Error).name === 'RenderError' ? (error as Error).message : MESSAGES.renderFailed;
          if (!refused) strapi.log.error(`documents : attestation de ${unit.label_code} : ${(error as Error).stack ?? error}`);
          await db()(UNITS).where({ batch_id: batchId, unit_document_id: unit.unit_document_id }).update({ state: 'failed', message });
        }
      }
    };
    // Twice the pool: while some units wait on the database, the renderer's pages print others'.
    await Promise.all(Array.from({ length: Math.max(1, Math.min(poolSize * 2, todo.length)) }, worker));
    const left = Number(((await db()(UNITS).where({ batch_id: batchId, state: 'pending' }).count({ n: '*' })) as Array<{ n: string | number }>)[0].n);
    if (left > 0) {
      // Stopping: another instance (or the next start) goes on from here.
      await queue(batchId);
      return;
    }
    await db()(BATCHES).where({ id: batchId, status: 'running' }).update({ status: 'done', finished_at: new Date(), heartbeat_at: new Date() });
  }

  return {
    /** Declares the batch queue (plugin register/bootstrap); batches left by a crash are looked at once jobs start. */
    declare(): void {
      jobs(strapi).defineQueue<{ batch: string }>({
        name: BATCH_QUEUE,
        // The job's own failures (the database away) are retried; units carry their own tries.
        retryLimit: 5,
        retryDelaySeconds: 5,
        expireInSeconds: 30 * 60,
        handler: (job) => work(job.data.batch),
        onStart: async () => {
          const running = (await db()(BATCHES).where({ status: 'running' })) as BatchRow[];
          for (const batch of running) await settle(batch);
        },
      });
    },

    /** Starts (or returns the running) batch for a donation; resolves before the first render. */
    async start(donationDocumentId: string, author: Author | null): Promise<BatchJob> {
      const running = (await db()(BATCHES).where({ donation_document_id: donationDocumentId, status: 'running' }).first()) as BatchRow | undefined;
      if (running) return this.get(running.id);
      const donation = (await strapi.documents('api::donation.donation').findOne({
        documentId: donationDocumentId,
        fields: ['reference'],
        populate: { machines: { fields: ['labelCode'] } },
      })) as { reference?: string | null; machines?: Array<{ documentId: string; labelCode: string }> } | null;
      if (!donation) throw new errors.NotFoundError(MESSAGES.recordNotFound);
      const units = [...(donation.machines ?? [])].sort((a, b) => String(a.labelCode).localeCompare(String(b.labelCode)));
      if (units.length === 0) throw new errors.ValidationError(MESSAGES.batchNoUnits);
      const id = crypto.randomUUID();
      try {
        await strapi.db.connection.transaction(async (trx) => {
          await trx(BATCHES).insert({
            id,
            donation_document_id: donationDocumentId,
            reference: donation.reference ?? null,
            total: units.length,
            author: author ? JSON.stringify(author) : null,
          });
          await trx(UNITS).insert(units.map((u) => ({ batch_id: id, unit_document_id: u.documentId, label_code: String(u.labelCode ?? '') })));
        });
      } catch (error) {
        // Two requests at once: the other one's batch is the running one.
        const other = (await db()(BATCHES).where({ donation_document_id: donationDocumentId, status: 'running' }).first()) as BatchRow | undefined;
        if (other) return this.get(other.id);
        throw error;
      }
      try {
        await queue(id);
      } catch (error) {
        await db()(BATCHES).where({ id }).delete();
        throw error;
      }
      return this.get(id);
    },

    /** The donation a batch is about (its certificates' workshop), without touching the batch; a 404 when there is no such batch. */
    async donationOf(id: string): Promise<string> {
      const row = (await db()(BATCHES).where({ id }).first('donation_document_id')) as { donation_document_id: string } | undefined;
      if (!row) throw new errors.NotFoundError(MESSAGES.batchNotFound);
      return row.donation_document_id;
    },

    async get(id: string): Promise<BatchJob> {
      const loaded = await load(id);
      if (!loaded) throw new errors.NotFoundError(MESSAGES.batchNotFound);
      await settle(loaded.batch);
      return toJob(loaded.batch, loaded.units);
    },

    /** The batch's certificates in one ZIP (stored PDFs, as issued). */
    async archive(id: string): Promise<{ name: string; zip: Buffer }> {
      const job = await this.get(id);
      if (job.status !== 'done') throw new errors.ValidationError(MESSAGES.batchRunning);
      const documents = getService(strapi, 'documents');
      const entries = [];
      for (const item of job.issued) entries.push({ name: `${item.number}.pdf`, data: await documents.fileContent(await documents.findOne(item.documentId)) });
      const base = (job.reference ?? job.donationDocumentId).replace(/[^A-Za-z0-9._-]+/g, '-');
      return { name: `attestations-${base}.zip`, zip: zipStore(entries) };
    },
  };
};
