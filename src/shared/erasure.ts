/**
 * The erasure vocabulary and the contract of the pipeline's `erasure-status` service: what
 * another plugin (documents, portal) may read about a unit's storage, without importing the
 * pipeline's files. The one function that computes it is the pipeline's
 * `server/src/domain/erasure-status.ts`; everything else reads its answer.
 */
import type { Core } from '@strapi/strapi';
import { pluginService } from './plugin-service';
import storageDeviceSchema from '../api/storage-device/content-types/storage-device/schema.json';
import { MACHINE_STAGE } from './vocabulary';

// The erasure methods are the shared vocabulary's (src/shared/vocabulary.ts).
export { DESTRUCTION_METHODS, ERASURE_METHOD_LABELS, ERASURE_METHODS, RECORDABLE_ERASURE_METHODS, type ErasureMethod } from './vocabulary';

/** How a storage device is connected (api::storage-device.storage-device `interface`), from its schema's enumeration. */
export const STORAGE_INTERFACES: readonly string[] = storageDeviceSchema.attributes.interface.enum;

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
export const INTAKE_STAGE = MACHINE_STAGE.received;

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

/** The pipeline's `erasure-status` service, or undefined when the pipeline plugin is not enabled (server side only). */
export const pipelineErasureStatus = (strapi: Core.Strapi): ErasureStatusService | undefined => pluginService(strapi, 'pipeline', 'erasure-status');

/** The pipeline's `devices` service as a certification registry, or undefined when the pipeline plugin is not enabled (server side only). */
export const pipelineCertification = (strapi: Core.Strapi): CertificationRegistry | undefined => pluginService(strapi, 'pipeline', 'devices');
