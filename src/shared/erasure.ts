/**
 * The erasure vocabulary and the contract of the pipeline's `erasure-status` service: what
 * another plugin (documents, portal) may read about a unit's storage, without importing the
 * pipeline's files. The one function that computes it is the pipeline's
 * `server/src/domain/erasure-status.ts`; everything else reads its answer.
 */

/** Erasure methods, as recorded (plugin::pipeline.erasure-record `method`) and as a certificate names them. */
export const ERASURE_METHOD_LABELS = {
  nist_clear: 'NIST SP 800-88 Clear (réécriture)',
  nist_purge: 'NIST SP 800-88 Purge',
  nist_destroy: 'NIST SP 800-88 Destroy',
  overwrite: 'Réécriture multi-passes',
  ata_secure_erase: 'ATA Secure Erase',
  nvme_sanitize: 'NVMe Sanitize',
  physical_destruction: 'Destruction physique',
  // Before devices had an identity, a removal was recorded as an erasure with this method.
  removed: 'Support retiré de l’unité',
} as const;

export type ErasureMethod = keyof typeof ERASURE_METHOD_LABELS;
export const ERASURE_METHODS = Object.keys(ERASURE_METHOD_LABELS) as ErasureMethod[];
/** Methods a new erasure record may use: a removal is recorded as a removal, with who, why and where. */
export const RECORDABLE_ERASURE_METHODS = ERASURE_METHODS.filter((m) => m !== 'removed');
/** Methods after which the device no longer exists as a medium. */
export const DESTRUCTION_METHODS: readonly ErasureMethod[] = ['physical_destruction', 'nist_destroy'];

/** Where a removed device went (api::storage-device.storage-device `removalDestination`). */
export const REMOVAL_DESTINATION_LABELS = {
  destroyed: 'Détruit',
  returned_to_donor: 'Rendu au donateur',
  parts_stock: 'Stock de pièces',
  weee_recycling: 'Filière DEEE',
  other: 'Autre',
} as const;
export type RemovalDestination = keyof typeof REMOVAL_DESTINATION_LABELS;
export const REMOVAL_DESTINATIONS = Object.keys(REMOVAL_DESTINATION_LABELS) as RemovalDestination[];

/**
 * Machine types that never hold storage: such a unit with no device needs no attestation. Every
 * other type (desktop, laptop, all-in-one, server, and "other", which may be a thin client or a
 * tablet) needs each device erased, removed or destroyed, or a person's attestation that it has none.
 */
export const STORAGE_EXEMPT_TYPES: readonly string[] = ['screen'];
/** The rule as staff read it (station, docs, refusals). */
export const STORAGE_EXEMPTION_RULE =
  'Seuls les écrans sont dispensés de preuve d’effacement. Toute autre unité (fixe, portable, tout-en-un, serveur, autre) sort avec chaque support effacé, retiré ou détruit, ou avec l’attestation « aucun support de stockage constaté » faite à l’établi.';

/** The stage where a unit is registered: its devices may be corrected until it leaves it. */
export const INTAKE_STAGE = 'received';

export type DeviceState = 'present' | 'removed';
/** What became of one device: erased, destroyed, removed from the unit, failed (only failed attempts), or nothing yet. */
export type DeviceOutcome = 'erased' | 'destroyed' | 'removed' | 'failed' | 'pending';
export const DEVICE_OUTCOME_LABELS: Record<DeviceOutcome, string> = {
  erased: 'Effacé',
  destroyed: 'Détruit',
  removed: 'Retiré de l’unité',
  failed: 'Échec de l’effacement',
  pending: 'Non effacé',
};

export interface DeviceFact {
  documentId: string;
  serial: string | null;
  model: string | null;
  interface: string | null;
  capacityGb: number | null;
  state: DeviceState;
  removedAt: string | null;
  removedBy: string | null;
  removalReason: string | null;
  removalDestination: RemovalDestination | null;
}

export interface ErasureFact {
  deviceDocumentId: string | null;
  /** The serial as it read when the erasure was recorded. */
  deviceSerial: string | null;
  method: string;
  result: string;
  passes: number | null;
  tool: string | null;
  toolVersion: string | null;
  startedAt: string | null;
  endedAt: string | null;
  operator: string | null;
  /** When the record was written (orders records without an end date). */
  recordedAt: string;
}

export interface AttestationFact {
  at: string;
  actorName: string;
  actorType: string;
  note: string | null;
}

export interface DeviceStatus extends DeviceFact {
  outcome: DeviceOutcome;
  resolved: boolean;
  /** The erasure that resolves it (the latest success), else the latest attempt, else null. */
  erasure: ErasureFact | null;
  attempts: number;
  /** How messages and pages name it: its serial, else model, interface and capacity. */
  label: string;
}

export type ReleaseBasis = 'devices' | 'attestation' | 'exempt';

/** The answer to "which devices, which state, released or not, why". */
export interface ErasureStatus {
  released: boolean;
  /** Why it is released: every device resolved, a person's attestation, or a type without storage. */
  basis: ReleaseBasis | null;
  /** Whether this type needs storage evidence when it has no device. */
  requiresEvidence: boolean;
  devices: DeviceStatus[];
  /** The attestation « aucun support de stockage constaté », when the unit has no device and one was recorded. */
  attestation: AttestationFact | null;
  /** Labels of the devices still to erase, remove or destroy. */
  pending: string[];
  /** In French, when not released. */
  reason: string | null;
}

/** The pipeline's service `strapi.plugin('pipeline').service('erasure-status')`. */
export interface ErasureStatusService {
  /** The status of one unit (NotFoundError when there is no such machine). */
  forMachine(machineDocumentId: string): Promise<ErasureStatus>;
  /** The status of many units at once (units that do not exist are absent from the map). */
  forMachines(machineDocumentIds: string[]): Promise<Map<string, ErasureStatus>>;
}

/** Which of these units hold an issued erasure certificate (their own, or their donation's). */
export type CertifiedLookup = (machineDocumentIds: string[]) => Promise<Set<string>>;

/**
 * The part of the pipeline's `devices` service another plugin fills: the documents plugin says
 * which units are certified, so that nothing is added to them that would make the certificate untrue.
 */
export interface CertificationRegistry {
  registerCertifiedLookup(lookup: CertifiedLookup): void;
}
