/**
 * Request and response shapes of the intake routes, shared by the server and the admin page.
 */

import type { MachineType } from '../../../shared/vocabulary';

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

export const FORMAT_IDS = ['seconde-vie', 'glpi-fr', 'glpi-en', 'snipe-it', 'ocs-fr', 'ocs-en', 'unknown'] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** Why a column goes to its field. */
export type MappingSource =
  /** the recognised format names this column */
  | 'format'
  /** a usual wording of the field ("N° de série", "Serial number") */
  | 'synonym'
  /** chosen by staff in this request */
  | 'chosen'
  /** chosen by staff at this donor's (or this format's) last import */
  | 'remembered'
  /** nothing recognised: left aside until staff map it */
  | 'unknown';

export interface ColumnMapping {
  /** The header as written in the file (made unique with " (2)" when repeated). */
  header: string;
  target: Target;
  source: MappingSource;
}

/** A format that some of the file's headers point to. */
export interface FormatCandidate {
  format: FormatId;
  label: string;
  /** The file's headers that only this tool writes. */
  evidence: string[];
  /** How many of the file's columns this format knows (the tie-break). */
  known: number;
}

export interface FormatRecognition {
  format: FormatId;
  label: string;
  /** The headers that recognised it. */
  evidence: string[];
  /** Another tool's export has as much evidence: the choice is shown, never made silently. */
  ambiguous: boolean;
  /** Every format with at least one tell-tale header, best first. */
  candidates: FormatCandidate[];
}

/** Every kind of problem or warning a row (or the file) can have. */
export const PROBLEM_CODES = [
  'no_type_column',
  'type_missing',
  'unreadable',
  'out_of_range',
  'too_long',
  'duplicate_in_file',
  'serial_in_database',
  'serial_empty',
  'serial_placeholder',
  'type_unknown',
  'format_ambiguous',
  'import_failed',
  'import_interrupted',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface RowProblem {
  code: ProblemCode;
  /** The unit's number in the file (1 = the first unit under the header); null for the file itself. */
  dataRow: number | null;
  /** The row number the spreadsheet shows (the header is usually row 1). */
  sheetRow: number;
  /** The column the value came from, when there is one. */
  column: string | null;
  field: MachineTarget | null;
  value: string | null;
  message: string;
}

/** A storage device as the import creates it (api::storage-device.storage-device, linked to its machine). */
export interface StorageDeviceDraft {
  interface: 'sata' | 'ide' | 'sas' | 'nvme' | 'emmc' | 'usb' | 'other';
  capacityGb?: number;
  /** What the cell says besides size and interface: "WDC WD800JD-60LSA5". */
  model?: string;
  serial?: string;
}

/** A machine type (the shared vocabulary's, from the machine schema). */
export type { MachineType };
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
  dataRow: number;
  sheetRow: number;
  machine: MachineDraft;
}

export interface DryRunReport {
  filename: string;
  fileKind: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'windows-1252' | null;
  /** The text file began with a UTF-8 byte-order mark. */
  bom: boolean;
  delimiter: ',' | ';' | '\t' | null;
  /** The worksheet read, for a workbook. */
  sheetName: string | null;
  format: FormatId;
  formatLabel: string;
  recognition: FormatRecognition;
  headerRow: number;
  columns: ColumnMapping[];
  totalRows: number;
  validRows: number;
  invalidRows: number;
  /** The first rows as they will be created. */
  preview: PreviewRow[];
  /** Every problem that blocks the import, row by row. */
  problems: RowProblem[];
  /** What the import would take as it is: staff accept them (all of them) before importing. */
  warnings: RowProblem[];
  /** Send it back as `acceptWarnings` to import with exactly these warnings; null when there are none. */
  warningsDigest: string | null;
}

export interface ImportResult {
  created: number;
  firstLabelCode: string | null;
  lastLabelCode: string | null;
  durationMs: number;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'interrupted';
export type JobPhase = 'waiting' | 'checking' | 'writing' | 'finished';

export interface ImportJob {
  id: string;
  donation: string;
  filename: string;
  status: JobStatus;
  phase: JobPhase;
  total: number;
  /** Rows checked against the database under the donation's lock. */
  checked: number;
  /** Rows written (inside the import's one transaction: none stays if it fails). */
  written: number;
  /** Row problems (nothing was written) or the reason the job failed. */
  errors: RowProblem[];
  result: ImportResult | null;
  startedAt: string;
  finishedAt: string | null;
}

/** `POST …/import`: done at once for small files, else a job. */
export type ImportResponse = { data: { mode: 'done'; result: ImportResult } } | { data: { mode: 'job'; job: ImportJob } };

/** `GET /intake/donations`: the donations staff can import into, newest first. */
export interface DonationOption {
  documentId: string;
  reference: string | null;
  donor: string | null;
  donorDocumentId: string | null;
  collectedAt: string | null;
  announcedCount: number | null;
  machines: number;
}
