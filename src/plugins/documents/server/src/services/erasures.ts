import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  DEVICE_OUTCOME_LABELS,
  ERASURE_METHOD_LABELS,
  REMOVAL_DESTINATION_LABELS,
  STORAGE_EXEMPTION_RULE,
  type DeviceStatus,
  type ErasureStatus,
  pipelineErasureStatus,
  type ErasureStatusService,
} from '../../../../../shared/erasure';
import { MESSAGES } from '../domain/messages';
import { UID } from '../utils';

/** One storage device as a certificate and the verify page print it. */
export interface CertifiedDevice {
  documentId: string;
  serial: string | null;
  label: string;
  model: string | null;
  interface: string | null;
  capacityGb: number | null;
  outcome: DeviceStatus['outcome'];
  outcomeLabel: string;
  erasure: { method: string; tool: string | null; passes: number | null; performedAt: string | null; operator: string | null; resultLabel: string; passed: boolean } | null;
  removal: { at: string | null; by: string | null; reason: string | null; destination: string | null } | null;
}

/** What a certificate states about a unit's storage. */
export interface CertifiedStorage {
  released: boolean;
  basis: ErasureStatus['basis'];
  reason: string | null;
  devices: CertifiedDevice[];
  attestation: { at: string; by: string; note: string | null } | null;
  exemptRule: string | null;
}

function certifiedDevice(d: DeviceStatus): CertifiedDevice {
  const e = d.erasure;
  return {
    documentId: d.documentId,
    serial: d.serial,
    label: d.label,
    model: d.model,
    interface: d.interface,
    capacityGb: d.capacityGb,
    outcome: d.outcome,
    outcomeLabel: DEVICE_OUTCOME_LABELS[d.outcome],
    erasure: e
      ? {
          method: ERASURE_METHOD_LABELS[e.method as keyof typeof ERASURE_METHOD_LABELS] ?? e.method,
          tool: [e.tool, e.toolVersion].filter(Boolean).join(' ') || null,
          passes: e.passes,
          performedAt: e.endedAt ?? e.recordedAt,
          operator: e.operator,
          resultLabel: e.result === 'success' ? 'Réussi' : 'Échec',
          passed: e.result === 'success',
        }
      : null,
    removal:
      d.state === 'removed'
        ? { at: d.removedAt, by: d.removedBy, reason: d.removalReason, destination: d.removalDestination ? REMOVAL_DESTINATION_LABELS[d.removalDestination] : null }
        : null,
  };
}

/** The certificate's view of the one erasure status: it presents it, it never recomputes it. */
export function certifiedStorage(status: ErasureStatus): CertifiedStorage {
  return {
    released: status.released,
    basis: status.basis,
    reason: status.reason,
    devices: status.devices.map(certifiedDevice),
    attestation: status.attestation ? { at: status.attestation.at, by: status.attestation.actorName, note: status.attestation.note } : null,
    exemptRule: status.basis === 'exempt' ? STORAGE_EXEMPTION_RULE : null,
  };
}

/**
 * Reads the pipeline's `erasure-status` service (its contract is in src/shared/erasure.ts): the
 * one answer the transition guard also reads, so a certificate and a move never disagree.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  function statusService(): ErasureStatusService {
    const service = pipelineErasureStatus(strapi);
    if (!service) throw new errors.ValidationError(MESSAGES.erasureStatusUnavailable);
    return service;
  }
  return {
    async forMachine(machineDocumentId: string): Promise<CertifiedStorage> {
      return certifiedStorage(await statusService().forMachine(machineDocumentId));
    },
    /** The units among these that hold an issued erasure certificate: their own, or their donation's. */
    async certified(machineDocumentIds: string[]): Promise<Set<string>> {
      if (machineDocumentIds.length === 0) return new Set();
      const machines = (await strapi.db.query('api::machine.machine').findMany({
        where: { documentId: { $in: machineDocumentIds } },
        select: ['documentId'],
        populate: { donation: { select: ['documentId'] } },
      })) as Array<{ documentId: string; donation?: { documentId: string } | null }>;
      const donations = machines.map((m) => m.donation?.documentId).filter((d): d is string => Boolean(d));
      const issued = (await strapi.db.query(UID.generated).findMany({
        where: {
          $or: [
            { kind: 'erasure-certificate', targetDocumentId: { $in: machineDocumentIds } },
            ...(donations.length ? [{ kind: 'donation-erasure-certificate', targetDocumentId: { $in: donations } }] : []),
          ],
        },
        select: ['kind', 'targetDocumentId'],
      })) as Array<{ kind: string; targetDocumentId: string }>;
      const targets = new Set(issued.map((d) => d.targetDocumentId));
      return new Set(machines.filter((m) => targets.has(m.documentId) || (m.donation && targets.has(m.donation.documentId))).map((m) => m.documentId));
    },
    async forMachines(machineDocumentIds: string[]): Promise<Map<string, CertifiedStorage>> {
      const statuses = await statusService().forMachines(machineDocumentIds);
      return new Map([...statuses].map(([id, status]) => [id, certifiedStorage(status)]));
    },
  };
};
