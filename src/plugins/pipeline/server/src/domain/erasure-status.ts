/**
 * The one answer to "is this unit's storage dealt with?": which devices, what became of each,
 * released or not, and why. The transition guard, the certificates, the station, the board and
 * the verify page all read it (through the `erasure-status` service); nothing else recomputes it.
 */
import {
  DESTRUCTION_METHODS,
  STORAGE_EXEMPT_TYPES,
  type AttestationFact,
  type DeviceFact,
  type DeviceOutcome,
  type DeviceStatus,
  type ErasureFact,
  type ErasureMethod,
  type ErasureStatus,
} from '../../../../../shared/erasure';

export interface ErasureStatusInput {
  /** The machine's type (desktop, laptop, screen…). */
  type: string | null;
  /** Every device record of the unit, present or removed. */
  devices: DeviceFact[];
  /** The unit's erasure records (those of other units never count). */
  erasures: ErasureFact[];
  /** The unit's « aucun support de stockage constaté » attestations, oldest first. */
  attestations: AttestationFact[];
}

/** Whether a unit of this type needs storage evidence when it has no device. */
export function requiresStorageEvidence(type: string | null): boolean {
  return !type || !STORAGE_EXEMPT_TYPES.includes(type);
}

/** How a device is named to people: its serial, else what is known of it. */
export function deviceLabel(device: Pick<DeviceFact, 'serial' | 'model' | 'interface' | 'capacityGb'>): string {
  const serial = device.serial?.trim();
  if (serial) return serial;
  const parts = [device.model?.trim(), device.interface ? device.interface.toUpperCase() : null, device.capacityGb != null ? `${device.capacityGb} Go` : null].filter(Boolean);
  return `sans n° de série${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

const byTime = (e: ErasureFact) => e.endedAt ?? e.recordedAt;

function deviceStatus(device: DeviceFact, erasures: ErasureFact[]): DeviceStatus {
  const mine = erasures.filter((e) => e.deviceDocumentId === device.documentId).sort((a, b) => (byTime(a) < byTime(b) ? -1 : byTime(a) > byTime(b) ? 1 : 0));
  const success = [...mine].reverse().find((e) => e.result === 'success') ?? null;
  let outcome: DeviceOutcome;
  if (device.state === 'removed') outcome = 'removed';
  else if (success) outcome = DESTRUCTION_METHODS.includes(success.method as ErasureMethod) ? 'destroyed' : 'erased';
  else outcome = mine.length > 0 ? 'failed' : 'pending';
  return {
    ...device,
    outcome,
    resolved: outcome === 'erased' || outcome === 'destroyed' || outcome === 'removed',
    erasure: success ?? mine[mine.length - 1] ?? null,
    attempts: mine.length,
    label: deviceLabel(device),
  };
}

/**
 * A unit is released when it has at least one device and each is erased, destroyed or recorded
 * as removed; or, having no device at all, when its type never holds storage or a person
 * attested at the bench that it has none. Never by default: no device and no attestation is "no".
 */
export function erasureStatus(input: ErasureStatusInput): ErasureStatus {
  const devices = input.devices.map((d) => deviceStatus(d, input.erasures));
  const requiresEvidence = requiresStorageEvidence(input.type);
  // Only a person's statement counts (the service refuses any other, this is the second lock).
  const attestation = devices.length === 0 ? input.attestations.filter((a) => a.actorType === 'admin').at(-1) ?? null : null;
  const pending = devices.filter((d) => !d.resolved).map((d) => d.label);
  const base = { requiresEvidence, devices, pending, attestation };
  if (devices.length > 0) {
    if (pending.length === 0) return { ...base, released: true, basis: 'devices', reason: null };
    const several = pending.length > 1;
    return {
      ...base,
      released: false,
      basis: null,
      reason: `Effacement certifié manquant : aucun effacement réussi ni retrait n'est enregistré pour ${several ? 'les supports' : 'le support'} ${pending.join(', ')}. Une machine ne peut être prête, réservée ou remise sans que chaque support soit effacé, détruit ou retiré.`,
    };
  }
  if (!requiresEvidence) return { ...base, released: true, basis: 'exempt', reason: null };
  if (attestation) return { ...base, released: true, basis: 'attestation', reason: null };
  return {
    ...base,
    released: false,
    basis: null,
    reason:
      "Aucun support de stockage n'est enregistré pour cette unité et personne n'a attesté à l'établi « aucun support de stockage constaté » : enregistrez ses supports, ou faites l'attestation depuis le poste de travail après avoir ouvert l'unité.",
  };
}
