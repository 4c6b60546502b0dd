/**
 * What may happen to a storage device record, whatever path the write takes (content manager,
 * REST, a relation edited from the machine's side, a clone, a bulk delete). Pure: the Document
 * Service middleware loads the devices before and after a write and asks these functions; the
 * database triggers (migration 2026.12.02T00.00.00) hold the same line for anything else.
 */
import { INTAKE_STAGE, type DeviceFact } from '../../../../../shared/erasure';
import { deviceLabel, requiresStorageEvidence } from './erasure-status';
import { isReleaseStage } from './guards';

/** A device record as a write finds and leaves it. */
export interface DeviceSnapshot extends Pick<DeviceFact, 'documentId' | 'serial' | 'model' | 'interface' | 'capacityGb' | 'state' | 'removalDestination'> {
  /** The machine's row id, or null for a device attached to none. */
  machineId: number | null;
  /** Whether an erasure record points to it. */
  hasErasures: boolean;
}

export interface MachineSnapshot {
  id: number;
  documentId: string;
  labelCode: string | null;
  stage: string | null;
  type: string | null;
  /** It holds an issued erasure certificate: what was certified may not be made untrue. */
  certified: boolean;
}

export interface FieldProblem {
  path: string[];
  message: string;
}

/** An event the change leaves in a unit's history (a unit past Réception only). */
export interface DeviceEvent {
  machineId: number;
  kind: 'device_added' | 'device_updated';
  details: Record<string, unknown>;
}

/** Fields of a device that the pipeline alone writes (its removal service). */
export const PIPELINE_OWNED_DEVICE_FIELDS = ['state', 'removedAt', 'removedBy', 'removalReason', 'removalDestination'] as const;
const DESCRIPTIVE_FIELDS = ['model', 'interface', 'capacityGb'] as const;

/** Whether a unit has left Réception: from then on its devices are part of its chain of custody. */
export const leftIntake = (machine: MachineSnapshot | undefined): boolean => machine !== undefined && machine.stage !== null && machine.stage !== INTAKE_STAGE;

const unitName = (m: MachineSnapshot) => m.labelCode ?? 'cette unité';
const REMOVE_INSTEAD = 'Pour un support sorti de l’unité, enregistrez son retrait (qui, quand, pourquoi, où il est allé) depuis la fiche de la machine ou le poste de travail.';

/**
 * Problems with going from `before` to `after` (devices keyed by documentId; a device absent
 * from `after` was deleted, absent from `before` was created), and the events the change leaves.
 */
export function deviceChangeProblems(
  before: Map<string, DeviceSnapshot>,
  after: Map<string, DeviceSnapshot>,
  machines: Map<number, MachineSnapshot>
): { problems: FieldProblem[]; events: DeviceEvent[] } {
  const problems: FieldProblem[] = [];
  const events: DeviceEvent[] = [];
  const machineOf = (d: DeviceSnapshot) => (d.machineId === null ? undefined : machines.get(d.machineId));
  for (const documentId of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(documentId);
    const a = after.get(documentId);
    if (b && !a) {
      const m = machineOf(b);
      if (b.state === 'removed') problems.push({ path: ['storageDevices'], message: `Le support ${deviceLabel(b)} est enregistré comme retiré : il fait partie de l’historique et ne se supprime pas.` });
      else if (leftIntake(m)) problems.push({ path: ['storageDevices'], message: `Le support ${deviceLabel(b)} de ${unitName(m!)} ne peut plus être supprimé ni détaché : l’unité a quitté la Réception. ${REMOVE_INSTEAD}` });
      else if (b.hasErasures) problems.push({ path: ['storageDevices'], message: `Le support ${deviceLabel(b)} a un effacement enregistré : il ne se supprime pas.` });
      continue;
    }
    if (!b && a) {
      const m = machineOf(a);
      if (a.state !== 'present') problems.push({ path: ['state'], message: 'Un support se crée présent dans l’unité ; son retrait s’enregistre ensuite, avec qui, quand, pourquoi et où.' });
      if (m && (isReleaseStage(m.stage) || m.certified)) problems.push({ path: ['machine'], message: addedToReleased(m) });
      else if (m && leftIntake(m)) events.push({ machineId: m.id, kind: 'device_added', details: describe(a) });
      continue;
    }
    if (!b || !a) continue;
    const from = machineOf(b);
    const to = machineOf(a);
    if (b.state === 'removed' && changed(b, a)) {
      problems.push({ path: ['storageDevices'], message: `Le support ${deviceLabel(b)} est enregistré comme retiré : sa fiche ne change plus.` });
      continue;
    }
    if (a.state !== b.state) {
      problems.push({ path: ['state'], message: `L’état d’un support ne se modifie pas à la main. ${REMOVE_INSTEAD}` });
      continue;
    }
    if (a.machineId !== b.machineId) {
      if (leftIntake(from)) problems.push({ path: ['machine'], message: `Le support ${deviceLabel(b)} de ${unitName(from!)} ne peut plus être détaché ni déplacé : l’unité a quitté la Réception. ${REMOVE_INSTEAD}` });
      else if (to && (isReleaseStage(to.stage) || to.certified)) problems.push({ path: ['machine'], message: addedToReleased(to) });
      else if (to && leftIntake(to)) events.push({ machineId: to.id, kind: 'device_added', details: describe(a) });
      continue;
    }
    if ((a.serial ?? '') !== (b.serial ?? '')) {
      if (leftIntake(to)) problems.push({ path: ['serial'], message: `Le n° de série du support ${deviceLabel(b)} ne change plus : ${unitName(to!)} a quitté la Réception. Si ce n’est pas le même disque, enregistrez le retrait de l’ancien et ajoutez le nouveau.` });
      else if (b.hasErasures) problems.push({ path: ['serial'], message: `Le n° de série du support ${deviceLabel(b)} ne change plus : un effacement y est rattaché.` });
      continue;
    }
    const edits = DESCRIPTIVE_FIELDS.filter((f) => (a[f] ?? null) !== (b[f] ?? null));
    if (edits.length > 0 && to && leftIntake(to)) {
      events.push({ machineId: to.id, kind: 'device_updated', details: { ...describe(a), changes: Object.fromEntries(edits.map((f) => [f, { from: b[f] ?? null, to: a[f] ?? null }])) } });
    }
  }
  return { problems, events };
}

const addedToReleased = (m: MachineSnapshot) =>
  m.certified && !isReleaseStage(m.stage)
    ? `${unitName(m)} a une attestation d’effacement émise : un support ne s’y ajoute plus, l’attestation deviendrait fausse.`
    : `${unitName(m)} est à une étape de sortie (prête, réservée ou remise) : un support ne s’y ajoute pas. Ramenez d’abord l’unité à une étape de travail pour l’effacer.`;

function changed(b: DeviceSnapshot, a: DeviceSnapshot): boolean {
  return (['serial', 'model', 'interface', 'capacityGb', 'state', 'removalDestination', 'machineId'] as const).some((f) => (a[f] ?? null) !== (b[f] ?? null));
}

function describe(d: DeviceSnapshot): Record<string, unknown> {
  return { device: d.documentId, serial: d.serial, model: d.model, interface: d.interface, capacityGb: d.capacityGb };
}

/** Two present devices of one unit with the same serial are one disk typed twice. */
export function duplicateSerialProblems(devices: DeviceSnapshot[]): FieldProblem[] {
  const seen = new Map<string, number>();
  for (const d of devices) {
    const key = d.serial?.trim().toUpperCase();
    if (d.state === 'present' && key) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen.entries()]
    .filter(([, n]) => n > 1)
    .map(([serial]) => ({ path: ['serial'], message: `Deux supports de la même unité portent le n° de série ${serial} : c’est le même disque saisi deux fois.` }));
}

/**
 * A unit past Réception (or certified) keeps whether it needs storage evidence: turning a laptop into a screen
 * would let it out with no attestation, turning a screen into a laptop would leave one out without.
 */
export function typeChangeProblem(machine: MachineSnapshot, newType: string | null): FieldProblem | null {
  if (newType === null || newType === machine.type || !(leftIntake(machine) || machine.certified)) return null;
  if (requiresStorageEvidence(machine.type) === requiresStorageEvidence(newType)) return null;
  return {
    path: ['type'],
    message: `${unitName(machine)} ${leftIntake(machine) ? 'a quitté la Réception' : 'a une attestation d’effacement émise'} : son type ne peut plus passer d’un type qui a des supports de stockage à un écran, ni l’inverse (la preuve d’effacement demandée en dépend).`,
  };
}

/** A unit past Réception is part of the chain of custody: it is recycled or dismantled, never deleted. */
export function machineDeleteProblem(machine: MachineSnapshot): FieldProblem | null {
  if (!leftIntake(machine)) return null;
  return {
    path: ['pipelineStage'],
    message: `${unitName(machine)} a quitté la Réception : son historique doit rester, elle ne se supprime pas. Faites-la passer en « Démontée (pièces) » ou « Recyclage DEEE ».`,
  };
}
