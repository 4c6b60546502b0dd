import type { Data } from '@strapi/strapi';
import machineSchema from '../api/machine/content-types/machine/schema.json';

/**
 * The business vocabulary that several plugins (server and admin) rely on, written once: the
 * stage keys the workshop's rules name, the machine types, the erasure methods. Machine types
 * come from the machine schema's enumeration; the erasure record's schema is built from the
 * erasure methods listed here; the stage keys are the keys of the default workflows, which
 * staff may rename and reorder but never remove (the protected stages below). Compare against
 * these constants rather than retyping a key.
 */

/** Machine types (api::machine.machine `type`). */
export const MACHINE_TYPES = machineSchema.attributes.type.enum as readonly MachineType[];
/** A machine type, as the generated content types spell it (a plain string where they are not loaded: the admin build). */
export type MachineType = NonNullable<Data.ContentType<'api::machine.machine'>['type']> & string;
/** The computers a prescription asks for (a fixed one or a laptop): what the portal's form offers. */
export const REQUESTED_COMPUTER_TYPES: readonly MachineType[] = ['desktop', 'laptop'];

/** The first stage of every workflow, where a record arrives; staff may not move it. */
export const ARRIVAL_STAGE = 'received';

/** Stages of the machines' workflow, in the default line's order then its exits. */
export const MACHINE_STAGE = {
  received: ARRIVAL_STAGE,
  sorting: 'sorting',
  testing: 'testing',
  erasing: 'erasing',
  cleaning: 'cleaning',
  reinstalling: 'reinstalling',
  ready: 'ready',
  reserved: 'reserved',
  handedOver: 'handed_over',
  dismantled: 'dismantled',
  recycled: 'recycled',
} as const;
export type MachineStage = (typeof MACHINE_STAGE)[keyof typeof MACHINE_STAGE];

/** Stages of the prescriptions' workflow, in the default line's order then its exits. */
export const PRESCRIPTION_STAGE = {
  received: ARRIVAL_STAGE,
  reviewing: 'reviewing',
  accepted: 'accepted',
  machineReserved: 'machine_reserved',
  handedOver: 'handed_over',
  closed: 'closed',
  refused: 'refused',
  withdrawn: 'withdrawn',
} as const;
export type PrescriptionStage = (typeof PRESCRIPTION_STAGE)[keyof typeof PRESCRIPTION_STAGE];

const M = MACHINE_STAGE;
const P = PRESCRIPTION_STAGE;

/** Machine stages a unit may only enter once its disks are erased and its test passed: refurbished units. */
export const RELEASE_STAGES = [M.ready, M.reserved, M.handedOver] as const;
/** Machine stages only a prescription's move may set. */
export const PRESCRIPTION_DRIVEN_STAGES = [M.reserved, M.handedOver] as const;
/** Machine stages after which a unit leaves the line without going to a household. */
export const NOT_REUSED_STAGES = [M.dismantled, M.recycled] as const;
/** Machine stages a unit leaves the workshop by: to a household, taken apart, recycled. */
export const MACHINE_OUTCOME_STAGES = [M.handedOver, ...NOT_REUSED_STAGES] as const;
/** Prescription stages in which the prescription holds its machine. */
export const HOLDING_STAGES = [P.machineReserved] as const;
/** Prescription stages still waiting for a decision or a machine. */
export const OPEN_PRESCRIPTION_STAGES = [P.received, P.reviewing, P.accepted, P.machineReserved] as const;
/** Prescription stages after which the prescription no longer holds or awaits a machine. */
export const FINISHED_PRESCRIPTION_STAGES = [P.handedOver, P.closed, P.refused, P.withdrawn] as const;
/** Prescription stages that end it without a hand-over. */
export const DROPPED_PRESCRIPTION_STAGES = [P.refused, P.withdrawn] as const;

/**
 * Stages where a record waits by design (a ready unit waits for a household): not part of the
 * line's work, so neither a bottleneck nor "waiting too long".
 */
export const WAITING_STAGES: Record<string, readonly string[]> = {
  machines: [M.ready, M.reserved],
  prescriptions: [P.handedOver],
};

/**
 * Stages the workshop's rules rely on, per workflow: staff may rename, recolour and reorder
 * them, never remove them. « Effacement » is where each disk's erasure is recorded before a
 * unit may be released.
 */
export const PROTECTED_STAGES: Record<string, readonly string[]> = {
  machines: [M.received, M.testing, M.erasing, ...RELEASE_STAGES, ...NOT_REUSED_STAGES],
  prescriptions: [P.received, P.accepted, P.machineReserved, ...FINISHED_PRESCRIPTION_STAGES],
};

/** Whether `stage` is one of `stages` (a typed list read with any string). */
export const isOneOf = (stages: readonly string[], stage: string | null | undefined): boolean => stages.includes(stage ?? '');

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
