import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { pipelineBulk, type BulkRecordsService, type EventActor, type Executor } from '../../../../../shared/bulk-records';
import type {
  ColumnMappingInput,
  DonationOption,
  DryRunReport,
  ImportJob,
  ImportResult,
  RowProblem,
} from '../../../shared/contracts';
import { analyzeSheet, withRegistered, type Analysis } from '../domain/analyze';
import { MappingError } from '../domain/headers';
import type { RegisteredUnit } from '../domain/problems';
import { registeredProblems, serialKeys, type Draft, type FieldLimits } from '../domain/rows';
import { readSheet, UnreadableFileError } from '../domain/sheet';
import { MESSAGES } from '../messages';
import { getService } from '../utils';
import { COUNTERS_TABLE } from '../../../../../shared/server/counters';
import { formatLabelCode, LABEL_SCOPE } from '../../../../../shared/server/numbering';
import { defaultWorkshopId } from '../../../../../shared/server/default-workshop';
import { ALL, numberingIdentity, scopeWhere, type WorkshopScope } from '../../../../../shared/server/workshops';
import { createMachinesOneByOne } from './document-writer';
import { failure, IMPORT_RETRIES } from './jobs';
import { lockDonation } from './lock';
import { writeMachines, type TargetDonation, type WrittenUnit } from './sql-writer';

const MACHINE_UID = 'api::machine.machine';

export interface InventoryFile {
  filename: string;
  bytes: Uint8Array;
}

export interface ImportOptions {
  /** true: a job to poll; false: written before answering; absent: a job above `syncRows` rows. */
  background?: boolean;
  /** The dry run's `warningsDigest`: staff accept exactly those warnings. */
  acceptWarnings?: string;
  /** Who imports, named on each unit's first event. */
  actor?: EventActor;
  /** The reference path through the Document Service (tests compare both); the set-based one otherwise. */
  writer?: 'sql' | 'documents';
}

type Donation = TargetDonation & { donorDocumentId: string | null; workshopDocumentId: string | null };

/** Problems found under the donation's lock: the transaction rolls back and the rows are reported. */
class RowsError extends Error {
  constructor(public readonly problems: RowProblem[]) {
    super(problems.map((p) => p.message).join(' '));
  }
}

const serialExpression = `lower(regexp_replace(m.serial_number, '[[:space:]-]', '', 'g'))`;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => ({
    maxRows: Number(strapi.plugin('intake').config('maxRows')) || 20000,
    syncRows: Number(strapi.plugin('intake').config('syncRows')) || 2000,
  });
  const bulk = (): BulkRecordsService => {
    const service = pipelineBulk(strapi);
    if (!service) throw new errors.ApplicationError(MESSAGES.pipelineDisabled);
    return service;
  };

  /**
   * The donation, if the request's workshops reach it: another workshop's donation answers the
   * same 404 as a missing one (staff of A do not learn that B's exists), before anything is read or written.
   */
  async function findDonation(documentId: string, scope: WorkshopScope = ALL): Promise<Donation> {
    const row = (await strapi.db.query('api::donation.donation').findOne({
      where: { documentId, ...scopeWhere('api::donation.donation', scope) },
      select: ['id', 'documentId', 'reference'],
      populate: { donor: { select: ['id', 'documentId', 'name'] }, workshop: { select: ['id', 'documentId'] } },
    })) as {
      id: number;
      documentId: string;
      reference: string | null;
      donor: { id: number; documentId: string; name: string } | null;
      workshop: { id: number; documentId: string } | null;
    } | null;
    if (!row) throw new errors.NotFoundError(MESSAGES.donationNotFound);
    return {
      id: row.id,
      documentId: row.documentId,
      reference: row.reference,
      donorId: row.donor?.id ?? null,
      donorDocumentId: row.donor?.documentId ?? null,
      donorName: row.donor?.name ?? null,
      // As the rules middleware does for a machine created without a workshop.
      workshopId: row.workshop?.id ?? (await defaultWorkshopId(strapi)),
      workshopDocumentId: row.workshop?.documentId ?? null,
    };
  }

  /** The machine's text limits, read from its schema so that both never drift apart. */
  function limits(): FieldLimits {
    const attributes = strapi.contentType(MACHINE_UID).attributes as Record<string, { maxLength?: number }>;
    const device = strapi.contentType('api::storage-device.storage-device').attributes as Record<string, { maxLength?: number }>;
    const out: FieldLimits = {};
    for (const field of ['assetTag', 'serialNumber', 'brand', 'model', 'cpu', 'osInstalled'] as const) {
      const max = attributes[field]?.maxLength;
      if (max) out[field] = max;
    }
    if (device.serial?.maxLength) out.storageSerial = device.serial.maxLength;
    if (device.model?.maxLength) out.storageModel = device.model.maxLength;
    return out;
  }

  /** Units already registered with one of these serial keys, in any donation, with their label and donation. */
  async function registeredUnits(keys: string[], donationId: number, executor = strapi.db.connection): Promise<Map<string, RegisteredUnit>> {
    const found = new Map<string, RegisteredUnit>();
    if (keys.length === 0) return found;
    // Raw SQL: one look-up for every serial of the file, on the expression index of the intake migration.
    const result = (await executor.raw(
      `SELECT ${serialExpression} AS key, m.label_code, d.id AS donation_id, d.reference, o.name AS donor_name
         FROM machines m
         LEFT JOIN machines_donation_lnk l ON l.machine_id = m.id
         LEFT JOIN donations d ON d.id = l.donation_id
         LEFT JOIN donations_donor_lnk dl ON dl.donation_id = d.id
         LEFT JOIN donors o ON o.id = dl.donor_id
        WHERE ${serialExpression} = ANY(?::text[])
        ORDER BY m.id`,
      [keys],
    )) as { rows: { key: string; label_code: string | null; donation_id: number | null; reference: string | null; donor_name: string | null }[] };
    for (const r of result.rows) {
      if (found.has(r.key)) continue;
      found.set(r.key, { labelCode: r.label_code, donationReference: r.reference, donorName: r.donor_name, sameDonation: r.donation_id === donationId });
    }
    return found;
  }

  /**
   * Reserves label codes in one statement on the atomic counter (inside the import's
   * transaction, so a failed import keeps no number), skipping codes typed in by hand.
   */
  async function reserveLabelCodes(executor: typeof strapi.db.connection, count: number, prefix?: string): Promise<string[]> {
    const codes: string[] = [];
    while (codes.length < count) {
      const need = count - codes.length;
      // Raw SQL, as in the app's counter service: an atomic increment by N has no Query Engine equivalent.
      const result = (await executor.raw(
        `INSERT INTO ${COUNTERS_TABLE} (scope, value) VALUES (?, ?)
         ON CONFLICT (scope) DO UPDATE SET value = ${COUNTERS_TABLE}.value + EXCLUDED.value
         RETURNING value`,
        [LABEL_SCOPE, need],
      )) as { rows: { value: number | string }[] };
      const last = Number(result.rows[0].value);
      const block = Array.from({ length: need }, (_, i) => formatLabelCode(last - need + 1 + i, prefix));
      // Raw SQL: which codes of the block exist already (typed in by hand), in one look-up.
      const taken = (await executor.raw('SELECT label_code FROM machines WHERE label_code = ANY(?::varchar[])', [block])) as {
        rows: { label_code: string }[];
      };
      const used = new Set(taken.rows.map((r) => r.label_code));
      codes.push(...block.filter((code) => !used.has(code)));
    }
    return codes;
  }

  async function analyze(donation: Donation, file: InventoryFile, chosen: ColumnMappingInput | undefined): Promise<Analysis> {
    let sheet;
    try {
      sheet = await readSheet(file.bytes);
    } catch (error) {
      if (error instanceof UnreadableFileError) throw new errors.ValidationError(error.message);
      throw error;
    }
    const { maxRows } = config();
    if (sheet.records.length > maxRows + 20) throw new errors.ValidationError(MESSAGES.tooManyRows(maxRows));
    const remembered = await getService(strapi, 'mappings').forDonor(donation.donorDocumentId);
    let analysis: Analysis;
    try {
      analysis = analyzeSheet(sheet, file.filename, { chosen, remembered, limits: limits() });
    } catch (error) {
      if (error instanceof MappingError) throw new errors.ValidationError(error.message, { mapping: error.problems });
      throw error;
    }
    if (analysis.report.totalRows === 0) throw new errors.ValidationError(MESSAGES.emptyFile);
    if (analysis.report.totalRows > maxRows) throw new errors.ValidationError(MESSAGES.tooManyRows(maxRows));
    return withRegistered(analysis, await registeredUnits(serialKeys(analysis.drafts), donation.id));
  }

  /**
   * The import itself, all or nothing, in one transaction holding the donation's lock: the
   * serials are checked again under the lock, the label codes reserved, then every machine, link,
   * storage device and first event written. Any failure rolls everything back.
   */
  async function write(
    donation: Donation,
    analysis: Analysis,
    options: ImportOptions,
    progress: (p: { phase?: 'checking' | 'writing'; checked?: number; written?: number }) => Promise<void>,
    /** Runs last inside the import's transaction: what must commit with the machines or not at all. */
    beforeCommit?: (trx: Executor, result: ImportResult) => Promise<void>,
  ): Promise<ImportResult> {
    const started = Date.now();
    const drafts: Draft[] = analysis.drafts;
    const actor = options.actor ?? bulk().currentActor();
    const stage = await bulk().initialStage(MACHINE_UID);
    const serialColumn = analysis.report.columns.find((c) => c.target === 'serialNumber')?.header ?? null;
    let written: WrittenUnit[] = [];
    const resultOf = (): ImportResult => ({
      created: written.length,
      firstLabelCode: written[0]?.labelCode ?? null,
      lastLabelCode: written[written.length - 1]?.labelCode ?? null,
      durationMs: Date.now() - started,
    });
    await strapi.db.transaction(async ({ trx }) => {
      await lockDonation(trx, donation.documentId);
      await progress({ phase: 'checking', checked: 0 });
      const registered = await registeredUnits(serialKeys(drafts), donation.id, trx);
      const taken = registeredProblems(drafts, registered, serialColumn);
      if (taken.length > 0) throw new RowsError(taken);
      await progress({ phase: 'writing', checked: drafts.length, written: 0 });
      // The donation's workshop prefixes the labels (MO-001157), as the Document Service numbers a unit made by hand.
      const { code } = await numberingIdentity(strapi, donation.workshopId);
      const labelCodes = await reserveLabelCodes(trx, drafts.length, code ?? undefined);
      const onProgress = (count: number) => progress({ written: count });
      written =
        options.writer === 'documents'
          ? await createMachinesOneByOne(strapi, donation, drafts, labelCodes, onProgress)
          : await writeMachines({
              executor: trx, donation, drafts, labelCodes, stage, onProgress,
              appendCreated: (executor, subjectIds) =>
                bulk().appendCreated({ executor, subjectType: MACHINE_UID, subjectIds, toStage: stage as string, actor }),
            });
      if (beforeCommit) await beforeCommit(trx, resultOf());
    });
    await getService(strapi, 'mappings').remember(donation.donorDocumentId, analysis.report.format, analysis.report.columns);
    return resultOf();
  }

  function refused(report: DryRunReport, problems: RowProblem[], message = MESSAGES.rowsInError): errors.ValidationError {
    const rows = new Set(problems.map((p) => p.dataRow)).size;
    return new errors.ValidationError(message(rows), {
      report: { ...report, problems, invalidRows: rows, validRows: report.totalRows - rows },
    });
  }

  return {
    /** Whether the scope reaches the donation (the jobs routes: another workshop's answers 404). */
    async donationInScope(documentId: string, scope: WorkshopScope): Promise<boolean> {
      if (scope.all) return true;
      return Boolean(await strapi.db.query('api::donation.donation').findOne({ where: { documentId, ...scopeWhere('api::donation.donation', scope) }, select: ['id'] }));
    },

    /** The donations to import into (the requester's workshops'), newest first, with the machines each already has. */
    async listDonations(scope: WorkshopScope = ALL): Promise<DonationOption[]> {
      const donations = (await strapi.db.query('api::donation.donation').findMany({
        where: scopeWhere('api::donation.donation', scope),
        select: ['documentId', 'reference', 'collectedAt', 'announcedCount'],
        populate: { donor: { select: ['name', 'documentId'] }, machines: { count: true } },
        orderBy: [{ collectedAt: 'desc' }, { id: 'desc' }],
        limit: 500,
      })) as {
        documentId: string;
        reference: string | null;
        collectedAt: string | null;
        announcedCount: number | null;
        donor: { name: string; documentId: string } | null;
        machines: { count: number } | null;
      }[];
      return donations.map((d) => ({
        documentId: d.documentId,
        reference: d.reference,
        donor: d.donor?.name ?? null,
        donorDocumentId: d.donor?.documentId ?? null,
        collectedAt: d.collectedAt,
        announcedCount: d.announcedCount,
        machines: Number(d.machines?.count ?? 0),
      }));
    },

    /** What the import would do, writing nothing. */
    async dryRun(documentId: string, file: InventoryFile, chosen?: ColumnMappingInput, scope: WorkshopScope = ALL): Promise<DryRunReport> {
      const donation = await findDonation(documentId, scope);
      return (await analyze(donation, file, chosen)).report;
    },

    /**
     * All or nothing: a file with any problem, or whose warnings staff have not accepted, is
     * refused whole with the dry-run report; otherwise written in one transaction, at once or as
     * a job whose progress survives in the database.
     */
    async importFile(
      documentId: string,
      file: InventoryFile,
      chosen: ColumnMappingInput | undefined,
      options: ImportOptions = {},
      scope: WorkshopScope = ALL,
    ): Promise<{ mode: 'done'; result: ImportResult } | { mode: 'job'; job: ImportJob }> {
      const donation = await findDonation(documentId, scope);
      const analysis = await analyze(donation, file, chosen);
      const { report } = analysis;
      if (report.problems.length > 0) throw refused(report, report.problems);
      if (report.warningsDigest !== null && options.acceptWarnings !== report.warningsDigest) {
        throw new errors.ValidationError(MESSAGES.warningsNotAccepted(report.warnings.length), { report });
      }
      const actor = options.actor ?? bulk().currentActor();
      const background = options.background ?? report.validRows > config().syncRows;

      if (!background) {
        try {
          return { mode: 'done', result: await write(donation, analysis, { ...options, actor }, async () => undefined) };
        } catch (error) {
          if (error instanceof RowsError) throw refused(report, error.problems);
          throw error;
        }
      }

      // Run as a pg-boss job by whichever instance takes it: the file goes with it, not this process's memory.
      const job = await getService(strapi, 'jobs').create(
        { donation: donation.documentId, total: analysis.drafts.length, actorName: actor.name },
        { filename: file.filename, bytes: file.bytes, mapping: chosen ?? null, options: { acceptWarnings: options.acceptWarnings, actor, writer: options.writer } },
      );
      return { mode: 'job', job };
    },

    /**
     * Runs a queued import (the `intake-import` job, on any instance): the file is read and
     * checked again (the data may have changed since it was queued), then written all or nothing.
     * It is marked done inside its own transaction, so a retry after a crash between the commit
     * and pg-boss's bookkeeping finds it done and writes nothing twice.
     */
    async runJob(jobId: string, retryCount: number): Promise<void> {
      const jobs = getService(strapi, 'jobs');
      const row = await jobs.row(jobId);
      if (!row || (row.state !== 'queued' && row.state !== 'running')) return;
      const input = await jobs.input(jobId);
      if (!input) return jobs.finish(jobId, { status: 'failed', errors: [failure()] });
      jobs.claim(jobId);
      try {
        const donation = await findDonation(row.donation);
        const analysis = await analyze(donation, input, input.mapping ?? undefined);
        const { report } = analysis;
        if (report.problems.length > 0) return await jobs.finish(jobId, { status: 'failed', errors: report.problems });
        if (report.warningsDigest !== null && input.options.acceptWarnings !== report.warningsDigest) {
          return await jobs.finish(jobId, { status: 'failed', errors: [failure(MESSAGES.warningsNotAccepted(report.warnings.length))] });
        }
        const result = await write(donation, analysis, input.options, (p) => jobs.progress(jobId, p), (trx, done) =>
          jobs.markDone(trx, jobId, done),
        );
        await jobs.finish(jobId, { status: 'done', result });
      } catch (error) {
        if (error instanceof RowsError) return jobs.finish(jobId, { status: 'failed', errors: error.problems });
        if (error instanceof errors.ValidationError || error instanceof errors.NotFoundError) {
          return jobs.finish(jobId, { status: 'failed', errors: [failure(error.message)] });
        }
        strapi.log.error(`intake: l'import ${jobId} a échoué (essai ${retryCount + 1}) : ${error instanceof Error ? error.message : String(error)}`);
        if (retryCount < IMPORT_RETRIES) {
          // Nothing was written (rolled back): pg-boss runs it again, here or on another instance.
          await jobs.release(jobId);
          throw error;
        }
        return jobs.finish(jobId, { status: 'failed', errors: [failure()] });
      }
    },
  };
};
