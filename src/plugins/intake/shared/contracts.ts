/**
 * Request and response shapes of the intake routes, shared by the server and the admin page.
 */

/** Machine fields a column can fill; `storage` and `storageSerial` fill the storage devices. */
export const MACHINE_TARGETS = [
  'assetTag',
  'serialNumber',
  'type',
  'brand',
  'model',
  'cpu',
  'ramGb',
  'storage',
  'storageSerial',
  'osInstalled',
  'conditionGrade',
  'notes',
] as const;

export type MachineTarget = (typeof MACHINE_TARGETS)[number];
export type Target = MachineTarget | 'ignore';
export const TARGETS: readonly Target[] = [...MACHINE_TARGETS, 'ignore'];

/** Several columns may go to notes (each line prefixed with its header); the others take one. */
export const MULTI_COLUMN_TARGETS: readonly Target[] = ['notes', 'ignore'];

/** An explicit mapping chosen by staff: column header → field. */
export type ColumnMappingInput = Record<string, Target>;

export type FormatId = 'seconde-vie' | 'glpi-fr' | 'glpi-en' | 'snipe-it' | 'unknown';

export interface ColumnMapping {
  /** The header as written in the file (made unique with " (2)" when repeated). */
  header: string;
  target: Target;
  /** True when the app recognised the header itself (or staff mapped it). */
  recognised: boolean;
}

export interface RowProblem {
  /** The row number shown by the spreadsheet (the header is usually row 1). */
  row: number;
  /** The column the value came from, when there is one. */
  column: string | null;
  field: MachineTarget | null;
  value: string | null;
  message: string;
}

export interface StorageDeviceDraft {
  interface: 'sata' | 'ide' | 'sas' | 'nvme' | 'emmc' | 'usb' | 'other';
  capacityGb?: number;
  serial?: string;
}

export type MachineType = 'desktop' | 'laptop' | 'all_in_one' | 'server' | 'screen' | 'other';
export type ConditionGrade = 'grade_a' | 'grade_b' | 'grade_c' | 'unusable';

/** What one row will create. */
export interface MachineDraft {
  assetTag?: string;
  serialNumber?: string;
  type?: MachineType;
  brand?: string;
  model?: string;
  cpu?: string;
  ramGb?: number;
  storageDevices: StorageDeviceDraft[];
  osInstalled?: string;
  conditionGrade?: ConditionGrade;
  notes?: string;
}

export interface PreviewRow {
  row: number;
  machine: MachineDraft;
}

export interface DryRunReport {
  filename: string;
  fileKind: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'windows-1252' | null;
  delimiter: ',' | ';' | '\t' | null;
  format: FormatId;
  formatLabel: string;
  headerRow: number;
  columns: ColumnMapping[];
  totalRows: number;
  validRows: number;
  invalidRows: number;
  /** The first rows as they will be created. */
  preview: PreviewRow[];
  /** Every problem that blocks the import, row by row. */
  problems: RowProblem[];
  /** Values taken with a guess (unknown type imported as "Autre"...): they do not block. */
  warnings: RowProblem[];
}

export interface ImportResult {
  created: number;
  firstLabelCode: string | null;
  lastLabelCode: string | null;
  durationMs: number;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ImportJob {
  id: string;
  donation: string;
  status: JobStatus;
  processed: number;
  total: number;
  /** Row problems (nothing was written) or the reason the job failed. */
  errors: RowProblem[];
  result: ImportResult | null;
  startedAt: string;
  finishedAt: string | null;
}

/** `POST /intake/donations/:documentId/import`: done at once for small files, else a job. */
export type ImportResponse = { data: { mode: 'done'; result: ImportResult } } | { data: { mode: 'job'; job: ImportJob } };

/** `GET /intake/donations`: the donations staff can import into, newest first. */
export interface DonationOption {
  documentId: string;
  reference: string | null;
  donor: string | null;
  collectedAt: string | null;
  announcedCount: number | null;
  machines: number;
}
