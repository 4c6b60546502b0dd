import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../actor';
import { now } from '../../../../../shared/server/clock';
import { duplicateSerialProblems, type DeviceSnapshot, type MachineSnapshot } from '../domain/devices';
import { deviceLabel } from '../domain/erasure-status';
import { MACHINE_UID } from '../domain/workflow';
import { ConflictError } from '../../../../../shared/server/errors';
import { getService } from '../utils';
import { INTAKE_STAGE, REMOVAL_DESTINATION_LABELS, type CertifiedLookup, type RemovalDestination } from '../../../../../shared/erasure';
import { ATTESTATION_EVENT, DEVICE_UID, deviceFact, ERASURE_UID } from './erasure-status';

export interface RemovalInput {
  reason: string;
  destination: RemovalDestination;
  /** When it was taken out; now when not given. */
  removedAt?: string | null;
}

export interface NewDeviceInput {
  serial?: string | null;
  model?: string | null;
  interface: string;
  capacityGb?: number | null;
}

type Row = Record<string, unknown>;

const notFound = () => new errors.NotFoundError('Support de stockage introuvable pour cette machine.');

/**
 * A unit's storage devices as the pipeline sees them: snapshots for the integrity middleware,
 * and the two statements a person makes at the bench (a device was taken out; there is none).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let certifiedLookup: CertifiedLookup = async () => new Set();
  return {
    /** The documents plugin tells which units hold an erasure certificate (a registry: the pipeline does not know documents). */
    registerCertifiedLookup(lookup: CertifiedLookup): void {
      certifiedLookup = lookup;
    },

    /** Devices matching `where` (Query Engine filters), with their machine's id and whether an erasure points to them. */
    async snapshots(where: Record<string, unknown>): Promise<DeviceSnapshot[]> {
      const rows = (await strapi.db.query(DEVICE_UID).findMany({ where, populate: { machine: { select: ['id'] } } })) as Array<Row & { machine?: { id: number } | null }>;
      if (rows.length === 0) return [];
      const erased = (await strapi.db.query(ERASURE_UID).findMany({
        where: { deviceDocumentId: { $in: rows.map((r) => String(r.documentId)) } },
        select: ['deviceDocumentId'],
      })) as Array<{ deviceDocumentId: string }>;
      const withErasures = new Set(erased.map((e) => e.deviceDocumentId));
      return rows.map((r) => ({ ...deviceFact(r), machineId: r.machine?.id ?? null, hasErasures: withErasures.has(String(r.documentId)) }));
    },

    /** Locks the machines' rows (in id order, so two writers never deadlock) and reads their stage and type. */
    async lockMachines(ids: number[]): Promise<Map<number, MachineSnapshot>> {
      const out = new Map<number, MachineSnapshot>();
      const unique = [...new Set(ids)].sort((a, b) => a - b);
      if (unique.length === 0) return out;
      const rows = (await strapi.db.query(MACHINE_UID).findMany({ where: { id: { $in: unique } }, select: ['documentId'] })) as Array<{ documentId: string }>;
      for (const row of rows) await getService(strapi, 'records').lock(MACHINE_UID, row.documentId);
      const machines = (await strapi.db.query(MACHINE_UID).findMany({
        where: { id: { $in: unique } },
        select: ['id', 'documentId', 'labelCode', 'type', 'pipelineStage'],
      })) as Array<{ id: number; documentId: string; labelCode: string | null; type: string | null; pipelineStage: string | null }>;
      const certified = machines.length ? await certifiedLookup(machines.map((m) => m.documentId)) : new Set<string>();
      for (const m of machines) out.set(m.id, { id: m.id, documentId: m.documentId, labelCode: m.labelCode, type: m.type, stage: m.pipelineStage, certified: certified.has(m.documentId) });
      return out;
    },

    /**
     * Records that a device was taken out of its unit: who (the actor), when, why, where it went.
     * The device record stays, marked removed, and the unit's history gets the event.
     */
    async remove(machineDocumentId: string, deviceDocumentId: string, input: RemovalInput, actor: Actor) {
      return strapi.db.transaction(async () => {
        const machine = await getService(strapi, 'records').lock(MACHINE_UID, machineDocumentId);
        const device = (await strapi.db.query(DEVICE_UID).findOne({ where: { documentId: deviceDocumentId, machine: { id: machine.id } } })) as Row | null;
        if (!device) throw notFound();
        const label = deviceLabel(device as never);
        if (device.state === 'removed') {
          throw new ConflictError(`Le support ${label} est déjà enregistré comme retiré (le ${new Date(String(device.removedAt)).toLocaleDateString('fr-FR')}, par ${String(device.removedBy)}).`, {
            rule: 'DEVICE_ALREADY_REMOVED',
            currentStage: machine.stage,
          });
        }
        const removedAt = input.removedAt ? new Date(input.removedAt) : now();
        // The Query Engine, not the Document Service: the state is the pipeline's to write, and the integrity middleware refuses it to everyone else.
        const updated = await strapi.db.query(DEVICE_UID).update({
          where: { id: device.id },
          data: { state: 'removed', removedAt, removedBy: actor.name, removalReason: input.reason, removalDestination: input.destination },
        });
        await getService(strapi, 'history').append(
          {
            subjectType: MACHINE_UID,
            subjectId: machineDocumentId,
            kind: 'device_removed',
            details: {
              device: deviceDocumentId,
              serial: device.serial ?? null,
              reason: input.reason,
              destination: input.destination,
              destinationLabel: REMOVAL_DESTINATION_LABELS[input.destination],
              removedAt: removedAt.toISOString(),
            },
          },
          actor
        );
        return updated as Row;
      });
    },

    /**
     * A person at the bench states « aucun support de stockage constaté »: the unit was opened and
     * holds no disk, SSD or card. Only a logged-in person, on a unit with no device record.
     */
    async attestNoStorage(machineDocumentId: string, actor: Actor, note: string | null) {
      if (actor.type !== 'admin') {
        throw new ConflictError(
          "L'attestation « aucun support de stockage constaté » est faite par une personne, à l'établi, connectée à l'administration : un jeton API ou un compte portail ne peut pas l'enregistrer.",
          { rule: 'ATTESTATION_BY_A_PERSON' }
        );
      }
      return strapi.db.transaction(async () => {
        const machine = await getService(strapi, 'records').lock(MACHINE_UID, machineDocumentId);
        const devices = (await strapi.db.query(DEVICE_UID).count({ where: { machine: { id: machine.id } } })) as number;
        if (devices > 0) {
          throw new ConflictError(
            `Cette unité a ${devices > 1 ? `${devices} supports de stockage enregistrés` : 'un support de stockage enregistré'} : effacez-les ou enregistrez leur retrait, l'attestation « aucun support » ne s'applique pas.`,
            { rule: 'HAS_STORAGE_DEVICES', currentStage: machine.stage }
          );
        }
        const status = await getService(strapi, 'erasure-status').forMachine(machineDocumentId);
        if (status.attestation) {
          throw new ConflictError(`L'absence de support a déjà été attestée le ${new Date(status.attestation.at).toLocaleDateString('fr-FR')} par ${status.attestation.actorName}.`, {
            rule: 'ALREADY_ATTESTED',
            currentStage: machine.stage,
          });
        }
        return getService(strapi, 'history').append(
          { subjectType: MACHINE_UID, subjectId: machineDocumentId, kind: ATTESTATION_EVENT, details: { statement: 'Aucun support de stockage constaté', note } },
          actor
        );
      });
    },

    /**
     * Set-based creation of the devices of units still in Réception (an intake import, the demo
     * seed): one INSERT for the devices, one for their links, no per-row middleware. Refused
     * (nothing written) if a unit has left Réception or a unit would get one serial twice.
     */
    async insertForUnitsInReception(drafts: Array<NewDeviceInput & { machineId: number }>): Promise<Array<{ documentId: string; machineId: number; serial: string | null }>> {
      if (drafts.length === 0) return [];
      return strapi.db.transaction(async ({ trx }) => {
        const machineIds = [...new Set(drafts.map((d) => d.machineId))];
        const machines = await this.lockMachines(machineIds);
        const gone = [...machines.values()].filter((m) => m.stage !== INTAKE_STAGE || m.certified);
        if (gone.length || machines.size !== machineIds.length) {
          throw new errors.ValidationError(`Supports refusés : ${gone.map((m) => m.labelCode).join(', ') || 'unité introuvable'} n'est plus en Réception.`);
        }
        const existing = await this.snapshots({ machine: { id: { $in: machineIds } } });
        const problems = machineIds.flatMap((id) =>
          duplicateSerialProblems([
            ...existing.filter((d) => d.machineId === id),
            ...drafts.filter((d) => d.machineId === id).map((d) => ({ serial: d.serial ?? null, state: 'present' as const })),
          ] as DeviceSnapshot[])
        );
        if (problems.length) throw new errors.ValidationError(problems.map((p) => p.message).join(' '));
        const now = new Date();
        // Each device goes last in its unit's list (the link table's order column).
        const position = new Map(machineIds.map((id) => [id, existing.filter((d) => d.machineId === id).length]));
        const nextPosition = (machineId: number) => {
          position.set(machineId, (position.get(machineId) ?? 0) + 1);
          return position.get(machineId)!;
        };
        const created: Array<{ documentId: string; machineId: number; serial: string | null }> = [];
        const links = strapi.db.metadata.get(DEVICE_UID).attributes.machine as unknown as { joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string }; inverseOrderColumnName: string } };
        for (let i = 0; i < drafts.length; i += 500) {
          const chunk = drafts.slice(i, i + 500);
          const { ids } = (await strapi.db.query(DEVICE_UID).createMany({
            data: chunk.map(({ machineId: _m, ...d }) => ({ ...d, state: 'present', publishedAt: now })),
          })) as { ids: number[] };
          const rows = (await strapi.db.query(DEVICE_UID).findMany({ where: { id: { $in: ids } }, select: ['id', 'documentId'], orderBy: { id: 'asc' } })) as Array<{ id: number; documentId: string }>;
          // Raw knex: the Query Engine's createMany writes no relation; the link table is Strapi's own (storage_devices_machine_lnk).
          const { joinTable } = links;
          await trx(joinTable.name).insert(
            rows.map((row, k) => ({ [joinTable.joinColumn.name]: row.id, [joinTable.inverseJoinColumn.name]: chunk[k].machineId, [joinTable.inverseOrderColumnName]: nextPosition(chunk[k].machineId) }))
          );
          rows.forEach((row, k) => created.push({ documentId: row.documentId, machineId: chunk[k].machineId, serial: chunk[k].serial ?? null }));
        }
        return created;
      });
    },

    /** A device found at the bench: created through the Document Service, so the same rules apply as in the content manager. */
    async add(machineDocumentId: string, input: NewDeviceInput) {
      const exists = await strapi.db.query(MACHINE_UID).count({ where: { documentId: machineDocumentId } });
      if (!exists) throw new errors.NotFoundError('Machine introuvable.');
      return strapi.documents(DEVICE_UID).create({ data: { ...input, machine: machineDocumentId } as never });
    },
  };
};
