import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { AttestationFact, DeviceFact, ErasureFact, ErasureStatus, ErasureStatusService } from '../../../../../shared/erasure';
import { erasureStatus } from '../domain/erasure-status';
import { MACHINE_UID } from '../domain/workflow';

export const DEVICE_UID = 'api::storage-device.storage-device';
export const ERASURE_UID = 'plugin::pipeline.erasure-record';
export const EVENT_UID = 'plugin::pipeline.event';
export const ATTESTATION_EVENT = 'no_storage_attested';

const BATCH = 1000;
const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

type Row = Record<string, unknown>;

/** A storage-device row (Query Engine) as the erasure status reads it. */
export function deviceFact(r: Row): DeviceFact {
  return {
    documentId: String(r.documentId),
    serial: (r.serial as string | null) ?? null,
    model: (r.model as string | null) ?? null,
    interface: (r.interface as string | null) ?? null,
    capacityGb: (r.capacityGb as number | null) ?? null,
    state: r.state === 'removed' ? 'removed' : 'present',
    removedAt: iso(r.removedAt),
    removedBy: (r.removedBy as string | null) ?? null,
    removalReason: (r.removalReason as string | null) ?? null,
    removalDestination: (r.removalDestination as DeviceFact['removalDestination']) ?? null,
  };
}

function erasureFact(r: Row): ErasureFact {
  return {
    deviceDocumentId: (r.deviceDocumentId as string | null) ?? null,
    deviceSerial: (r.deviceSerial as string | null) ?? null,
    method: String(r.method),
    result: String(r.result),
    passes: (r.passes as number | null) ?? null,
    tool: (r.tool as string | null) ?? null,
    toolVersion: (r.toolVersion as string | null) ?? null,
    startedAt: iso(r.startedAt),
    endedAt: iso(r.endedAt),
    operator: (r.operator as string | null) ?? null,
    recordedAt: iso(r.createdAt) ?? new Date(0).toISOString(),
  };
}

/**
 * Loads what the erasure status reads (the unit's type, its device records, its erasure records,
 * its attestations) and asks the one function. Inside a transaction it reads that transaction's
 * view: the transition engine calls it after locking the unit's row.
 */
export default ({ strapi }: { strapi: Core.Strapi }): ErasureStatusService => {
  async function load(documentIds: string[]): Promise<Map<string, ErasureStatus>> {
    const out = new Map<string, ErasureStatus>();
    for (let i = 0; i < documentIds.length; i += BATCH) {
      const ids = documentIds.slice(i, i + BATCH);
      const machines = (await strapi.db.query(MACHINE_UID).findMany({ where: { documentId: { $in: ids } }, select: ['id', 'documentId', 'type'] })) as Array<{
        id: number;
        documentId: string;
        type: string | null;
      }>;
      if (machines.length === 0) continue;
      const devices = (await strapi.db.query(DEVICE_UID).findMany({
        where: { machine: { id: { $in: machines.map((m) => m.id) } } },
        populate: { machine: { select: ['id'] } },
        orderBy: { id: 'asc' },
      })) as Array<Row & { machine?: { id: number } | null }>;
      const erasures = (await strapi.db.query(ERASURE_UID).findMany({ where: { machineDocumentId: { $in: ids } }, orderBy: { id: 'asc' } })) as Row[];
      const attestations = (await strapi.db.query(EVENT_UID).findMany({
        where: { subjectType: MACHINE_UID, subjectId: { $in: ids }, kind: ATTESTATION_EVENT },
        select: ['subjectId', 'at', 'actorName', 'actorType', 'details'],
        orderBy: { seq: 'asc' },
      })) as Row[];
      for (const machine of machines) {
        out.set(
          machine.documentId,
          erasureStatus({
            type: machine.type,
            devices: devices.filter((d) => d.machine?.id === machine.id).map(deviceFact),
            erasures: erasures.filter((e) => e.machineDocumentId === machine.documentId).map(erasureFact),
            attestations: attestations
              .filter((a) => a.subjectId === machine.documentId)
              .map((a): AttestationFact => ({
                at: iso(a.at) ?? '',
                actorName: String(a.actorName ?? ''),
                actorType: String(a.actorType),
                note: ((a.details as { note?: string | null } | null)?.note as string | null) ?? null,
              })),
          })
        );
      }
    }
    return out;
  }

  return {
    async forMachine(machineDocumentId) {
      const status = (await load([machineDocumentId])).get(machineDocumentId);
      if (!status) throw new errors.NotFoundError('Machine introuvable.');
      return status;
    },
    forMachines: (machineDocumentIds) => load([...new Set(machineDocumentIds)]),
  };
};
