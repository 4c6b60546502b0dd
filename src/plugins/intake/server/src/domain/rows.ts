import type {
  ColumnMapping,
  MachineDraft,
  MachineTarget,
  ProblemCode,
  RowProblem,
  StorageDeviceDraft,
} from '../../../shared/contracts';
import { readDiskCell } from './disks';
import { cleanCell } from './normalize';
import { SAY, type RegisteredUnit } from './problems';
import { unitHint } from './sizes';
import { isPlaceholderSerial, parseCondition, parseMachineType, parseRamGb } from './values';

/** Maximum lengths of the machine's text fields (read from its schema by the server). */
export type FieldLimits = Partial<Record<'assetTag' | 'serialNumber' | 'brand' | 'model' | 'cpu' | 'osInstalled' | 'storageSerial' | 'storageModel', number>>;

export const DEFAULT_LIMITS: Required<FieldLimits> = {
  assetTag: 60, serialNumber: 80, brand: 60, model: 80, cpu: 120, osInstalled: 80, storageSerial: 80, storageModel: 80,
};

export const RAM_MAX_GB = 4096;
export const CAPACITY_MAX_GB = 100000;

export interface SheetRecord {
  /** The row number the spreadsheet shows. */
  row: number;
  cells: string[];
}

export interface RowContext {
  limits?: FieldLimits;
  /** Units already registered with these serials (normalised key, see `serialKey`). */
  registered?: Map<string, RegisteredUnit>;
}

export interface Draft {
  dataRow: number;
  sheetRow: number;
  machine: MachineDraft;
}

export interface ValidatedRows {
  drafts: Draft[];
  problems: RowProblem[];
  warnings: RowProblem[];
  totalRows: number;
  invalidRows: number;
}

/**
 * What makes two serials the same: case, spaces and dashes aside ("CZC 1234-X" = "czc1234x").
 * The database compares with the same expression (see the intake migration's index).
 */
export const serialKey = (serial: string) => serial.toLowerCase().replace(/[\s-]/g, '');

/** The serials of the drafts, by key, for a look-up in the database. */
export const serialKeys = (drafts: Draft[]) =>
  [...new Set(drafts.flatMap((d) => (d.machine.serialNumber ? [serialKey(d.machine.serialNumber)] : [])))];

/** Problems the database reveals: serials of the file already registered (in any donation). */
export function registeredProblems(drafts: Draft[], registered: Map<string, RegisteredUnit>, serialColumn: string | null): RowProblem[] {
  return drafts.flatMap((d) => {
    const unit = d.machine.serialNumber ? registered.get(serialKey(d.machine.serialNumber)) : undefined;
    return unit
      ? [{ code: 'serial_in_database' as const, dataRow: d.dataRow, sheetRow: d.sheetRow, column: serialColumn, field: 'serialNumber' as const, value: d.machine.serialNumber ?? null, message: SAY.registered(unit) }]
      : [];
  });
}

/**
 * Turns data rows into machine drafts and lists every problem and warning, with the unit's
 * number in the file and the spreadsheet's row: nothing is written here, and a row with a
 * problem produces no draft.
 */
export function validateRows(records: SheetRecord[], columns: ColumnMapping[], context: RowContext = {}): ValidatedRows {
  const limits = { ...DEFAULT_LIMITS, ...context.limits };
  const problems: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const drafts: Draft[] = [];
  const serialsSeen = new Map<string, { dataRow: number; sheetRow: number }>();
  let totalRows = 0;
  let invalidRows = 0;
  const typeMapped = columns.some((c) => c.target === 'type');
  const serialColumn = columns.find((c) => c.target === 'serialNumber')?.header ?? null;
  const active = columns.map((c, index) => ({ ...c, index, hint: unitHint(c.header) })).filter((c) => c.target !== 'ignore');

  for (const record of records) {
    const cells = record.cells.map(cleanCell);
    if (cells.every((c) => c === '')) continue;
    totalRows += 1;
    const dataRow = totalRows;
    const at = { dataRow, sheetRow: record.row };
    const rowProblems: RowProblem[] = [];
    const machine: MachineDraft = { storageDevices: [] };
    const notes: string[] = [];
    let disks: StorageDeviceDraft[] = [];
    let diskSerials: string[] = [];
    let diskSerialHeader = '';
    let placeholder = false;
    const problem = (code: ProblemCode, column: string | null, field: MachineTarget | null, value: string | null, message: string) =>
      rowProblems.push({ code, ...at, column, field, value, message });
    const warn = (code: ProblemCode, column: string | null, field: MachineTarget | null, value: string | null, message: string) =>
      warnings.push({ code, ...at, column, field, value, message });
    const tooLong = (field: Exclude<keyof FieldLimits, 'storageModel'>, header: string, value: string) => {
      const max = limits[field];
      if (value.length <= max) return false;
      problem('too_long', header, field, value, SAY.tooLong(field, value.length, max));
      return true;
    };

    for (const { target, header, index, hint } of active) {
      const value = cells[index] ?? '';
      if (value === '') continue;
      switch (target) {
        case 'assetTag':
        case 'brand':
        case 'model':
        case 'cpu':
        case 'osInstalled':
          if (!tooLong(target, header, value)) machine[target] = value;
          break;
        case 'serialNumber':
          if (isPlaceholderSerial(value)) {
            placeholder = true;
            warn('serial_placeholder', header, target, value, SAY.serialPlaceholder(value));
          } else if (!tooLong(target, header, value)) machine.serialNumber = value;
          break;
        case 'type': {
          const { type, known } = parseMachineType(value);
          machine.type = type;
          if (!known) warn('type_unknown', header, target, value, SAY.typeUnknown(value));
          break;
        }
        case 'ramGb': {
          const ram = parseRamGb(value, hint);
          if (ram === null) problem('unreadable', header, target, value, SAY.ramUnreadable(value));
          else if (ram > RAM_MAX_GB) problem('out_of_range', header, target, value, SAY.ramTooLarge(ram, RAM_MAX_GB));
          else machine.ramGb = ram;
          break;
        }
        case 'storage': {
          const read = readDiskCell(value, hint);
          if ('error' in read) {
            problem('unreadable', header, target, value, SAY.diskUnreadable(read.error));
            break;
          }
          const tooBig = read.disks.find((d) => (d.capacityGb ?? 0) > CAPACITY_MAX_GB);
          if (tooBig) {
            problem('out_of_range', header, target, value, SAY.diskTooLarge(tooBig.capacityGb ?? 0, CAPACITY_MAX_GB));
            break;
          }
          const longModel = read.disks.find((d) => d.model !== null && d.model.length > limits.storageModel);
          if (longModel?.model) {
            problem('too_long', header, target, value, SAY.diskModelTooLong(longModel.model, limits.storageModel));
            break;
          }
          disks = read.disks.map((d) => ({
            interface: d.interface,
            ...(d.capacityGb === null ? {} : { capacityGb: d.capacityGb }),
            ...(d.model === null ? {} : { model: d.model }),
          }));
          break;
        }
        case 'storageSerial':
          diskSerials = value.split(/\$\$##\$\$|<br\s*\/?>|\r\n|\n|\r|;/i).map((p) => p.trim());
          diskSerialHeader = header;
          break;
        case 'conditionGrade': {
          const grade = parseCondition(value);
          if (grade) machine.conditionGrade = grade;
          else problem('unreadable', header, target, value, SAY.conditionUnknown(value));
          break;
        }
        case 'notes':
          notes.push(`${header} : ${value}`);
          break;
      }
    }

    const devices: StorageDeviceDraft[] = [];
    for (let i = 0; i < Math.max(disks.length, diskSerials.filter((s) => s !== '').length); i += 1) {
      const device: StorageDeviceDraft = disks[i] ? { ...disks[i] } : { interface: 'sata' };
      const serial = diskSerials[i];
      if (serial && !isPlaceholderSerial(serial) && !tooLong('storageSerial', diskSerialHeader, serial)) device.serial = serial;
      devices.push(device);
    }
    // One disk listed twice on a unit: the pipeline refuses two devices of a unit with one serial.
    const seenDiskSerials = new Set<string>();
    for (const device of devices) {
      const key = device.serial?.trim().toUpperCase();
      if (key && seenDiskSerials.has(key)) problem('duplicate_in_file', diskSerialHeader, 'storageSerial', device.serial ?? null, SAY.duplicateDiskSerial(key));
      if (key) seenDiskSerials.add(key);
    }
    machine.storageDevices = devices;
    if (notes.length > 0) machine.notes = notes.join('\n');

    if (typeMapped && !machine.type) problem('type_missing', null, 'type', null, SAY.typeMissing());
    if (machine.serialNumber) {
      const key = serialKey(machine.serialNumber);
      const first = serialsSeen.get(key);
      if (first) problem('duplicate_in_file', serialColumn, 'serialNumber', machine.serialNumber, SAY.duplicate(first.dataRow, first.sheetRow));
      else serialsSeen.set(key, at);
      const registered = context.registered?.get(key);
      if (registered) problem('serial_in_database', serialColumn, 'serialNumber', machine.serialNumber, SAY.registered(registered));
    } else if (serialColumn && !placeholder) {
      warn('serial_empty', serialColumn, 'serialNumber', null, SAY.serialEmpty());
    }

    if (rowProblems.length > 0) {
      invalidRows += 1;
      problems.push(...rowProblems);
    } else drafts.push({ ...at, machine });
  }
  return { drafts, problems, warnings, totalRows, invalidRows };
}
