import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type {
  ColumnMappingInput,
  DonationOption,
  DryRunReport,
  ImportJob,
  ImportResult,
  MachineDraft,
  RowProblem,
} from '../../../shared/contracts';
import { analyzeSheet, type Analysis } from '../domain/analyze';
import { MappingError } from '../domain/headers';
import { serialKey, type FieldLimits } from '../domain/rows';
import { readSheet, UnreadableFileError } from '../domain/sheet';
import { MESSAGES } from '../messages';
import { getService } from '../utils';
import { COUNTERS_TABLE } from '../../../../../services/counters';
import { formatLabelCode, LABEL_SCOPE } from '../../../../../domain/numbering';

/**
 * Beyond this many rows an import runs as a background job polled by the admin: the Document
 * Service creates about 10 to 20 machines a second, and a proxy cuts requests after 60 s.
 */
export const SYNC_ROW_LIMIT = 500;
/** First key of the advisory lock that serialises imports into one donation. */
const IMPORT_LOCK_NAMESPACE = 0x5356;
export const MAX_ROWS = 20000;

export interface InventoryFile {
  filename: string;
  bytes: Uint8Array;
}

interface Donation {
  id: number;
  documentId: string;
  reference: string | null;
  donor: { documentId: string } | null;
  workshop: { documentId: string } | null;
}

type Draft = Analysis['drafts'][number];

/** Problems found while writing: the transaction rolls back and the rows are reported. */
class RowsError extends Error {
  /** `committed`: rows already imported by earlier transactions of a large file. */
  constructor(public readonly problems: RowProblem[], public readonly committed = 0) {
    super(problems.map((p) => p.message).join(' '));
  }
}

const problemAt = (row: number, message: string, field: RowProblem['field'] = null, value: string | null = null): RowProblem => ({
  row, column: null, field, value, message,
});

/** The message of a Strapi validation error, with the fields it names. */
function describe(error: unknown): string {
  if (error instanceof errors.ValidationError) {
    const details = error.details as { errors?: { path?: string[]; message?: string }[] } | undefined;
    const fields = details?.errors?.map((e) => `${(e.path ?? []).join('.')} : ${e.message ?? ''}`).join(' ; ');
    return fields || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function machineData(machine: MachineDraft, donation: Donation, labelCode: string): Record<string, unknown> {
  // Storage devices are records of their own, created once the machine exists.
  const { storageDevices: _devices, ...fields } = machine;
  return {
    ...fields,
    labelCode,
    donation: donation.documentId,
    // The rules middleware derives these too; giving them saves it a write per machine.
    donor: donation.donor?.documentId ?? null,
    ...(donation.workshop ? { workshop: donation.workshop.documentId } : {}),
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function findDonation(documentId: string): Promise<Donation> {
    const donation = await strapi.db.query('api::donation.donation').findOne({
      where: { documentId },
      select: ['id', 'documentId', 'reference'],
      populate: { donor: { select: ['documentId'] }, workshop: { select: ['documentId'] } },
    });
    if (!donation) throw new errors.NotFoundError(MESSAGES.donationNotFound);
    return donation as unknown as Donation;
  }

  /** The machine's text limits, read from its schema so that both never drift apart. */
  function limits(): FieldLimits {
    const attributes = strapi.contentType('api::machine.machine').attributes as Record<string, { maxLength?: number }>;
    const device = strapi.contentType('api::storage-device.storage-device').attributes as Record<string, { maxLength?: number }>;
    const out: FieldLimits = {};
    for (const field of ['assetTag', 'serialNumber', 'brand', 'model', 'cpu', 'osInstalled'] as const) {
      const max = attributes[field]?.maxLength;
      if (max) out[field] = max;
    }
    if (device.serial?.maxLength) out.storageSerial = device.serial.maxLength;
    return out;
  }

  async function existingSerials(donationId: number): Promise<Map<string, string>> {
    const machines = (await strapi.db.query('api::machine.machine').findMany({
      where: { donation: { id: donationId }, serialNumber: { $notNull: true } },
      select: ['serialNumber', 'labelCode'],
    })) as { serialNumber: string | null; labelCode: string | null }[];
    return new Map(machines.filter((m) => m.serialNumber).map((m) => [serialKey(m.serialNumber as string), m.labelCode ?? '']));
  }

  /**
   * Reserves the label codes of a whole import at once, in its own short transaction: taking them
   * one by one inside the import's transaction would hold the counter's row lock for minutes and
   * block every machine created meanwhile. Codes of an import that fails are skipped for good.
   */
  async function reserveLabelCodes(count: number): Promise<string[]> {
    const codes: string[] = [];
    while (codes.length < count) {
      const need = count - codes.length;
      // Raw SQL, as in the app's counter service: an atomic increment by N has no Query Engine equivalent.
      const result = (await strapi.db.connection.raw(
        `INSERT INTO ${COUNTERS_TABLE} (scope, value) VALUES (?, ?)
         ON CONFLICT (scope) DO UPDATE SET value = ${COUNTERS_TABLE}.value + EXCLUDED.value
         RETURNING value`,
        [LABEL_SCOPE, need],
      )) as { rows: { value: number | string }[] };
      const last = Number(result.rows[0].value);
      const block = Array.from({ length: need }, (_, i) => formatLabelCode(last - need + 1 + i));
      const taken = new Set<string>();
      for (let i = 0; i < block.length; i += 5000) {
        const found = (await strapi.db.query('api::machine.machine').findMany({
          where: { labelCode: { $in: block.slice(i, i + 5000) } },
          select: ['labelCode'],
        })) as { labelCode: string }[];
        for (const m of found) taken.add(m.labelCode);
      }
      codes.push(...block.filter((code) => !taken.has(code))); // codes typed in by hand stay theirs
    }
    return codes;
  }

  async function analyze(donation: Donation, file: InventoryFile, mapping: ColumnMappingInput): Promise<Analysis> {
    let sheet;
    try {
      sheet = await readSheet(file.bytes);
    } catch (error) {
      if (error instanceof UnreadableFileError) throw new errors.ValidationError(error.message);
      throw error;
    }
    if (sheet.records.length > MAX_ROWS + 10) throw new errors.ValidationError(MESSAGES.tooManyRows(MAX_ROWS));
    let analysis: Analysis;
    try {
      analysis = analyzeSheet(sheet, file.filename, mapping, { limits: limits(), existingSerials: await existingSerials(donation.id) });
    } catch (error) {
      if (error instanceof MappingError) throw new errors.ValidationError(error.message, { mapping: error.problems });
      throw error;
    }
    if (analysis.report.totalRows === 0) throw new errors.ValidationError(MESSAGES.emptyFile);
    if (analysis.report.totalRows > MAX_ROWS) throw new errors.ValidationError(MESSAGES.tooManyRows(MAX_ROWS));
    return analysis;
  }

  /**
   * Creates the machines through the Document Service (label codes, rules and the pipeline's
   * initial stage all apply), in one transaction per `transactionRows` rows (1,000 by default),
   * which is the whole file but for fleets larger than that: at commit, Strapi re-reads every
   * created document at once for its events, and 10,000 at once exhaust the connection pool.
   */
  async function write(donation: Donation, drafts: Draft[], onProgress: (processed: number) => void): Promise<ImportResult> {
    const started = Date.now();
    const labelCodes = await reserveLabelCodes(drafts.length);
    const size = Math.max(1, Number(strapi.plugin('intake').config('transactionRows')) || drafts.length);
    let committed = 0;
    let firstLabelCode: string | null = null;
    let lastLabelCode: string | null = null;
    for (let from = 0; from < drafts.length; from += size) {
      const chunk = drafts.slice(from, from + size);
      try {
        await strapi.db.transaction(async ({ trx }) => {
          // An advisory lock rather than a row lock: two imports into one donation run one after the
          // other (so the serial check below holds) while staff can still edit the donation meanwhile.
          await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', [IMPORT_LOCK_NAMESPACE, donation.id]);
          const existing = await existingSerials(donation.id);
          const taken = chunk.flatMap((d) => {
            const labelCode = d.machine.serialNumber ? existing.get(serialKey(d.machine.serialNumber)) : undefined;
            return labelCode === undefined
              ? []
              : [problemAt(d.row, `N° de série déjà enregistré dans ce lot (machine ${labelCode}).`, 'serialNumber', d.machine.serialNumber ?? null)];
          });
          if (taken.length > 0) throw new RowsError(taken);
          for (let i = 0; i < chunk.length; i += 1) {
            const draft = chunk[i];
            let created: { documentId: string; labelCode?: string | null };
            try {
              // The draft is checked against the schema already; the generated input type is stricter than needed here.
              created = await strapi.documents('api::machine.machine').create({
                data: machineData(draft.machine, donation, labelCodes[from + i]) as never,
              });
              for (const device of draft.machine.storageDevices) {
                await strapi.documents('api::storage-device.storage-device').create({ data: { ...device, machine: created.documentId } as never });
              }
            } catch (error) {
              throw new RowsError([problemAt(draft.row, MESSAGES.rowRefused(draft.row, describe(error)))]);
            }
            if (from + i === 0) firstLabelCode = created.labelCode ?? null;
            lastLabelCode = created.labelCode ?? null;
            onProgress(from + i + 1);
          }
        });
      } catch (error) {
        if (committed === 0) throw error;
        const problems = error instanceof RowsError ? error.problems : [problemAt(chunk[0].row, describe(error))];
        throw new RowsError([...problems, problemAt(0, MESSAGES.partlyImported(committed, drafts[committed - 1].row))], committed);
      }
      committed += chunk.length;
    }
    return { created: drafts.length, firstLabelCode, lastLabelCode, durationMs: Date.now() - started };
  }

  function rowsRefused(report: DryRunReport, problems: RowProblem[]): errors.ValidationError {
    const rows = new Set(problems.map((p) => p.row)).size;
    return new errors.ValidationError(MESSAGES.rowsInError(rows), {
      report: { ...report, problems, invalidRows: rows, validRows: report.totalRows - rows },
    });
  }

  return {
    /** The donations to import into, newest first, with the machines each already has. */
    async listDonations(): Promise<DonationOption[]> {
      const donations = (await strapi.db.query('api::donation.donation').findMany({
        select: ['documentId', 'reference', 'collectedAt', 'announcedCount'],
        populate: { donor: { select: ['name'] }, machines: { count: true } },
        orderBy: [{ collectedAt: 'desc' }, { id: 'desc' }],
        limit: 500,
      })) as {
        documentId: string;
        reference: string | null;
        collectedAt: string | null;
        announcedCount: number | null;
        donor: { name: string } | null;
        machines: { count: number } | null;
      }[];
      return donations.map((d) => ({
        documentId: d.documentId,
        reference: d.reference,
        donor: d.donor?.name ?? null,
        collectedAt: d.collectedAt,
        announcedCount: d.announcedCount,
        machines: Number(d.machines?.count ?? 0),
      }));
    },

    /** What the import would do, writing nothing. */
    async dryRun(documentId: string, file: InventoryFile, mapping: ColumnMappingInput): Promise<DryRunReport> {
      const donation = await findDonation(documentId);
      return (await analyze(donation, file, mapping)).report;
    },

    /** All or nothing: a file with any problem is refused whole, with the dry-run report. */
    async importFile(
      documentId: string,
      file: InventoryFile,
      mapping: ColumnMappingInput,
      options: { background?: boolean } = {},
    ): Promise<{ mode: 'done'; result: ImportResult } | { mode: 'job'; job: ImportJob }> {
      const donation = await findDonation(documentId);
      const { report, drafts } = await analyze(donation, file, mapping);
      if (report.problems.length > 0) throw rowsRefused(report, report.problems);

      if (!options.background && drafts.length <= SYNC_ROW_LIMIT) {
        try {
          return { mode: 'done', result: await write(donation, drafts, () => undefined) };
        } catch (error) {
          if (error instanceof RowsError && error.committed === 0) throw rowsRefused(report, error.problems);
          if (error instanceof RowsError) throw new errors.ValidationError(error.message, { problems: error.problems, committed: error.committed });
          throw error;
        }
      }

      const jobs = getService(strapi, 'jobs');
      const job = jobs.create(donation.documentId, drafts.length);
      write(donation, drafts, (processed) => jobs.progress(job.id, processed))
        .then((result) => jobs.succeed(job.id, result))
        .catch((error: unknown) => {
          if (error instanceof RowsError) return jobs.fail(job.id, error.problems, error.committed);
          strapi.log.error(`intake: l'import ${job.id} a échoué : ${describe(error)}`);
          return jobs.fail(job.id, [problemAt(0, MESSAGES.failed)]);
        });
      return { mode: 'job', job };
    },
  };
};
