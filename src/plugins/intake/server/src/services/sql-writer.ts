import { createId } from '@paralleldrive/cuid2';
import type { Executor } from '../../../../../shared/bulk-records';
import type { StorageDeviceDraft } from '../../../shared/contracts';
import type { Draft } from '../domain/rows';

/** The donation an import writes into, with what its machines inherit. */
export interface TargetDonation {
  id: number;
  documentId: string;
  reference: string | null;
  donorId: number | null;
  donorName: string | null;
  /** The donation's workshop, else the default one (as the rules middleware does). */
  workshopId: number | null;
}

export interface WriteInput {
  executor: Executor;
  donation: TargetDonation;
  drafts: Draft[];
  labelCodes: string[];
  /** The workflow's first stage (null when machines have no workflow). */
  stage: string | null;
  /** Appends each machine's first event, as the pipeline's bulk service does. */
  appendCreated: (executor: Executor, documentIds: string[]) => Promise<number>;
  onProgress: (written: number) => Promise<void>;
}

export interface WrittenUnit {
  documentId: string;
  labelCode: string;
}

/** Rows per statement: each chunk is 8 statements, and progress moves after each. */
export const CHUNK_ROWS = 2000;

const MACHINES = 'machines';
const DEVICES = 'storage_devices';
const DEVICE_LINKS = 'storage_devices_machine_lnk';

/** Ids for new rows of a table, taken from its sequence in one statement. */
async function nextIds(executor: Executor, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  // Raw SQL: the Query Engine has no way to reserve a block of ids from a sequence.
  const result = (await executor.raw(`SELECT nextval(pg_get_serial_sequence(?, 'id')) AS id FROM generate_series(1, ?)`, [table, count])) as {
    rows: { id: string | number }[];
  };
  return result.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/** Links every new machine to one record (donation, donor, workshop), after the ones it already has. */
async function link(executor: Executor, table: string, column: string, targetId: number, machineIds: number[]): Promise<void> {
  // Raw SQL: one INSERT … SELECT for every link; the order column continues the target's list as Strapi's connect does.
  await executor.raw(
    `INSERT INTO ?? (machine_id, ??, machine_ord)
     SELECT m.id, ?, (SELECT COALESCE(MAX(machine_ord), 0) FROM ?? WHERE ?? = ?) + m.n
       FROM unnest(?::int[]) WITH ORDINALITY AS m(id, n)`,
    [table, column, targetId, table, column, targetId, machineIds],
  );
}

/**
 * Writes the machines of an import set-based, into the tables Strapi uses (machines, their
 * relation links, their storage devices and links, each one's first event), with the
 * values the Document Service path would give them: same columns, same link order, same event.
 * Runs on the caller's transaction, one chunk of rows at a time.
 */
export async function writeMachines(input: WriteInput): Promise<WrittenUnit[]> {
  const { executor, donation, drafts, labelCodes, stage } = input;
  const written: WrittenUnit[] = [];
  for (let from = 0; from < drafts.length; from += CHUNK_ROWS) {
    const chunk = drafts.slice(from, from + CHUNK_ROWS);
    const codes = labelCodes.slice(from, from + chunk.length);
    const now = new Date();
    const ids = await nextIds(executor, MACHINES, chunk.length);
    const documentIds = chunk.map(() => createId());
    const m = chunk.map((d) => d.machine);
    const text = <K extends keyof (typeof m)[number]>(key: K) => m.map((x) => (x[key] ?? null) as string | number | null);
    // Raw SQL: a multi-row INSERT from arrays; the Document Service would take ~27 statements per machine.
    await executor.raw(
      `INSERT INTO ${MACHINES} (id, document_id, label_code, asset_tag, serial_number, type, brand, model, cpu, ram_gb,
          os_installed, condition_grade, notes, pipeline_stage, created_at, updated_at, published_at, created_by_id, updated_by_id, locale)
       SELECT r.id, r.document_id, r.label_code, r.asset_tag, r.serial_number, r.type, r.brand, r.model, r.cpu, r.ram_gb,
          r.os_installed, r.condition_grade, r.notes, ?, ?, ?, ?, NULL, NULL, NULL
         FROM unnest(?::int[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                     ?::varchar[], ?::numeric[], ?::varchar[], ?::varchar[], ?::text[])
           AS r(id, document_id, label_code, asset_tag, serial_number, type, brand, model, cpu, ram_gb, os_installed, condition_grade, notes)`,
      [
        stage, now, now, now,
        ids, documentIds, codes, text('assetTag'), text('serialNumber'), text('type'), text('brand'), text('model'), text('cpu'),
        text('ramGb'), text('osInstalled'), text('conditionGrade'), text('notes'),
      ],
    );
    await link(executor, 'machines_donation_lnk', 'donation_id', donation.id, ids);
    if (donation.donorId !== null) await link(executor, 'machines_donor_lnk', 'donor_id', donation.donorId, ids);
    if (donation.workshopId !== null) await link(executor, 'machines_workshop_lnk', 'workshop_id', donation.workshopId, ids);

    const devices = chunk.flatMap((d, i) => d.machine.storageDevices.map((device, order) => ({ machineId: ids[i], order: order + 1, device })));
    if (devices.length > 0) {
      const deviceIds = await nextIds(executor, DEVICES, devices.length);
      const column = <K extends keyof StorageDeviceDraft>(key: K) => devices.map((d) => d.device[key] ?? null);
      // Raw SQL: same reason, for the storage devices (records of their own) and their links to the machines.
      await executor.raw(
        `INSERT INTO ${DEVICES} (id, document_id, serial, model, interface, capacity_gb, state, removed_at, removed_by, removal_reason,
            removal_destination, created_at, updated_at, published_at, created_by_id, updated_by_id, locale)
         SELECT d.id, d.document_id, d.serial, d.model, d.interface, d.capacity_gb, 'present', NULL, NULL, NULL, NULL, ?, ?, ?, NULL, NULL, NULL
           FROM unnest(?::int[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::int[]) AS d(id, document_id, serial, model, interface, capacity_gb)`,
        [now, now, now, deviceIds, devices.map(() => createId()), column('serial'), column('model'), column('interface'), column('capacityGb')],
      );
      // The inverse order continues each machine's list of devices, as Strapi's connect does (new machines: 1, 2…).
      await executor.raw(
        `INSERT INTO ${DEVICE_LINKS} (storage_device_id, machine_id, storage_device_ord)
         SELECT * FROM unnest(?::int[], ?::int[], ?::float8[])`,
        [deviceIds, devices.map((d) => d.machineId), devices.map((d) => d.order)],
      );
    }
    if (stage !== null) await input.appendCreated(executor, documentIds);
    written.push(...documentIds.map((documentId, i) => ({ documentId, labelCode: codes[i] })));
    await input.onProgress(written.length);
  }
  return written;
}
