import type {
  ColumnMapping,
  MachineDraft,
  MachineTarget,
  RowProblem,
  StorageDeviceDraft,
} from '../../../shared/contracts';
import { unitHint } from './headers';
import { cleanCell, normalizeKey } from './normalize';
import {
  isPlaceholderSerial,
  parseCapacityGb,
  parseCondition,
  parseInterface,
  parseMachineType,
  parseRamGb,
  splitMultiValue,
} from './values';

/** Maximum lengths of the machine's text fields (read from its schema by the server). */
export type FieldLimits = Partial<Record<'assetTag' | 'serialNumber' | 'brand' | 'model' | 'cpu' | 'osInstalled' | 'storageSerial', number>>;

export const DEFAULT_LIMITS: Required<FieldLimits> = {
  assetTag: 60, serialNumber: 80, brand: 60, model: 80, cpu: 120, osInstalled: 80, storageSerial: 80,
};

export const RAM_MAX_GB = 4096;
export const CAPACITY_MAX_GB = 100000;

export const FIELD_LABELS: Record<MachineTarget, string> = {
  assetTag: "N° d'inventaire", serialNumber: 'N° de série', type: 'Type', brand: 'Marque', model: 'Modèle',
  cpu: 'Processeur', ramGb: 'Mémoire vive', storage: 'Disques', storageSerial: 'N° de série des disques',
  osInstalled: 'Système installé', conditionGrade: 'État', notes: 'Notes',
};

export interface SheetRecord {
  row: number;
  cells: string[];
}

export interface RowContext {
  limits?: FieldLimits;
  /** Serials already registered in the donation (normalised key → label code). */
  existingSerials?: Map<string, string>;
}

export interface ValidatedRows {
  drafts: { row: number; machine: MachineDraft }[];
  problems: RowProblem[];
  warnings: RowProblem[];
  totalRows: number;
  invalidRows: number;
}

export const serialKey = (serial: string) => normalizeKey(serial).replace(/[\s-]/g, '');

/**
 * Turns data rows into machine drafts and lists every problem, row by row: nothing is written
 * here, and a row with a problem produces no draft.
 */
export function validateRows(records: SheetRecord[], columns: ColumnMapping[], context: RowContext = {}): ValidatedRows {
  const limits = { ...DEFAULT_LIMITS, ...context.limits };
  const problems: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const drafts: ValidatedRows['drafts'] = [];
  const serialsSeen = new Map<string, number>();
  let totalRows = 0;
  let invalidRows = 0;
  const typeMapped = columns.some((c) => c.target === 'type');

  for (const record of records) {
    const cells = record.cells.map(cleanCell);
    if (cells.every((c) => c === '')) continue;
    totalRows += 1;
    const rowProblems: RowProblem[] = [];
    const machine: MachineDraft = { storageDevices: [] };
    const notes: string[] = [];
    let disks: string[] = [];
    let diskSerials: string[] = [];
    let diskHeader = '';
    let diskSerialHeader = '';
    const problem = (column: string | null, field: MachineTarget | null, value: string | null, message: string) =>
      rowProblems.push({ row: record.row, column, field, value, message });
    const warn = (column: string | null, field: MachineTarget | null, value: string | null, message: string) =>
      warnings.push({ row: record.row, column, field, value, message });

    columns.forEach((column, index) => {
      const value = cells[index] ?? '';
      const { target, header } = column;
      if (target === 'ignore' || value === '') return;
      const tooLong = (field: keyof FieldLimits) => {
        const max = limits[field];
        if (value.length <= max) return false;
        problem(header, field, value, `${FIELD_LABELS[field]} trop long : ${value.length} caractères, ${max} au plus.`);
        return true;
      };
      switch (target) {
        case 'assetTag':
        case 'brand':
        case 'model':
        case 'cpu':
        case 'osInstalled':
          if (!tooLong(target)) machine[target] = value;
          break;
        case 'serialNumber':
          if (isPlaceholderSerial(value)) {
            warn(header, target, value, `N° de série « ${value} » ignoré : c'est une valeur par défaut du fabricant.`);
          } else if (!tooLong(target)) {
            machine.serialNumber = value;
          }
          break;
        case 'type': {
          const { type, known } = parseMachineType(value);
          machine.type = type;
          if (!known) warn(header, target, value, `Type « ${value} » non reconnu : la machine sera importée comme « Autre ».`);
          break;
        }
        case 'ramGb': {
          const ram = parseRamGb(value, unitHint(header));
          if (ram === null) problem(header, target, value, `Mémoire vive « ${value} » : ce n'est pas un nombre (ex. « 4 Go » ou « 4096 Mio »).`);
          else if (ram > RAM_MAX_GB) problem(header, target, value, `Mémoire vive de ${ram} Go : ${RAM_MAX_GB} Go au plus.`);
          else machine.ramGb = ram;
          break;
        }
        case 'storage':
          disks = splitMultiValue(value);
          diskHeader = header;
          break;
        case 'storageSerial':
          diskSerials = splitMultiValue(value);
          diskSerialHeader = header;
          break;
        case 'conditionGrade': {
          const grade = parseCondition(value);
          if (grade) machine.conditionGrade = grade;
          else problem(header, target, value, `État « ${value} » inconnu : A, B, C ou Non réutilisable (HS).`);
          break;
        }
        case 'notes':
          notes.push(`${header} : ${value}`);
          break;
      }
    });

    const devices: StorageDeviceDraft[] = [];
    for (let i = 0; i < Math.max(disks.length, diskSerials.length); i += 1) {
      const device: StorageDeviceDraft = { interface: disks[i] ? parseInterface(disks[i]) : 'sata' };
      if (disks[i]) {
        const capacity = parseCapacityGb(disks[i], unitHint(diskHeader));
        if (capacity === null) problem(diskHeader, 'storage', disks[i], `Disque « ${disks[i]} » : capacité illisible (ex. « 500 Go »).`);
        else if (capacity > CAPACITY_MAX_GB) problem(diskHeader, 'storage', disks[i], `Disque de ${capacity} Go : ${CAPACITY_MAX_GB} Go au plus.`);
        else device.capacityGb = capacity;
      }
      const serial = diskSerials[i];
      if (serial && !isPlaceholderSerial(serial)) {
        if (serial.length > limits.storageSerial) {
          problem(diskSerialHeader, 'storageSerial', serial, `N° de série de disque trop long : ${serial.length} caractères, ${limits.storageSerial} au plus.`);
        } else device.serial = serial;
      }
      devices.push(device);
    }
    machine.storageDevices = devices;
    if (notes.length > 0) machine.notes = notes.join('\n');

    if (typeMapped && !machine.type) problem(null, 'type', null, 'Type manquant : il est obligatoire (portable, unité centrale, écran...).');
    if (machine.serialNumber) {
      const key = serialKey(machine.serialNumber);
      const serialColumn = columns.find((c) => c.target === 'serialNumber')?.header ?? null;
      const firstRow = serialsSeen.get(key);
      const existing = context.existingSerials?.get(key);
      if (firstRow !== undefined) {
        problem(serialColumn, 'serialNumber', machine.serialNumber, `N° de série en double dans le fichier (déjà ligne ${firstRow}).`);
      } else serialsSeen.set(key, record.row);
      if (existing) {
        problem(serialColumn, 'serialNumber', machine.serialNumber, `N° de série déjà enregistré dans ce lot (machine ${existing}).`);
      }
    }

    if (rowProblems.length > 0) {
      invalidRows += 1;
      problems.push(...rowProblems);
    } else drafts.push({ row: record.row, machine });
  }
  return { drafts, problems, warnings, totalRows, invalidRows };
}
