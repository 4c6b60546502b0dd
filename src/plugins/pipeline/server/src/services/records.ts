import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../actor';
import { checklistPassed, deviceKey, type ErasureRow, type StorageDevice } from '../domain/guards';
import { isVerifyOnly, overwritePasses, parseNwipeLog, rowMatchesSerial, type NwipeDrive } from '../domain/nwipe';
import { MACHINE_UID } from '../domain/workflow';
import { getService } from '../utils';

const ERASURE = 'plugin::pipeline.erasure-record';
const CHECKLIST = 'plugin::pipeline.checklist-result';

export interface ErasureInput {
  deviceSerial: string;
  method: string;
  passes?: number | null;
  tool?: string | null;
  toolVersion?: string | null;
  startedAt?: string | null;
  endedAt?: string | null;
  result: 'success' | 'failure';
  operator?: string | null;
  notes?: string | null;
  source?: 'manual' | 'api' | 'nwipe_log';
}

interface LockedRow {
  id: number;
  stage: string | null;
}

/** Erasure records, checklist results and the row locks every event-producing write takes. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Locks a record's row for the rest of the transaction (SELECT … FOR UPDATE) and returns
   * its id and stage. Two volunteers acting on one unit queue here; the second sees the first's result.
   */
  async lock(uid: string, documentId: string): Promise<LockedRow> {
    const meta = strapi.db.metadata.get(uid as 'api::machine.machine');
    const stageColumn = (meta.attributes.pipelineStage as { columnName?: string } | undefined)?.columnName ?? 'pipeline_stage';
    // Raw knex: the Query Engine has no row lock. Nested in the caller's transaction, it joins it.
    const row = await strapi.db.transaction(
      async ({ trx }) =>
        (await trx(meta.tableName)
          .select('id', `${stageColumn} as stage`)
          .where({ document_id: documentId })
          .forUpdate()
          .first()) as LockedRow | undefined
    );
    if (!row) throw new errors.NotFoundError('Fiche introuvable.');
    return row;
  },

  async storageDevices(machineId: number): Promise<StorageDevice[]> {
    const machine = await strapi.db.query(MACHINE_UID).findOne({ where: { id: machineId }, populate: { storageDevices: true } });
    return ((machine?.storageDevices ?? []) as StorageDevice[]);
  },

  async erasures(machineDocumentId: string): Promise<ErasureRow[]> {
    return (await strapi.db.query(ERASURE).findMany({
      where: { machineDocumentId },
      select: ['deviceSerial', 'method', 'result'],
    })) as ErasureRow[];
  },

  async latestChecklist(uid: string, documentId: string, stageKey: string): Promise<{ passed: boolean } | null> {
    return (await strapi.db.query(CHECKLIST).findOne({
      where: { subjectType: uid, subjectId: documentId, stageKey },
      orderBy: { id: 'desc' },
      select: ['passed'],
    })) as { passed: boolean } | null;
  },

  /** Records the erasure (or removal) of one of a machine's storage devices. */
  async recordErasure(machineDocumentId: string, input: ErasureInput, actor: Actor) {
    return strapi.db.transaction(async () => {
      const row = await this.lock(MACHINE_UID, machineDocumentId);
      const devices = await this.storageDevices(row.id);
      const keys = devices.map(deviceKey);
      if (!keys.includes(input.deviceSerial)) {
        throw new errors.ValidationError(
          `Le support « ${input.deviceSerial} » n'est pas un support de cette machine (${keys.length ? keys.join(', ') : 'aucun support enregistré'}).`,
          { errors: [{ path: ['deviceSerial'], message: 'Support inconnu pour cette machine.', name: 'ValidationError', value: input.deviceSerial }] }
        );
      }
      const record = await strapi.db.query(ERASURE).create({
        data: { ...input, source: input.source ?? 'manual', operator: input.operator ?? actor.name, machineDocumentId },
      });
      await getService(strapi, 'history').append(
        {
          subjectType: MACHINE_UID,
          subjectId: machineDocumentId,
          kind: 'erasure',
          details: { erasureId: record.id, deviceSerial: input.deviceSerial, method: input.method, result: input.result, tool: input.tool ?? null, toolVersion: input.toolVersion ?? null },
        },
        actor
      );
      return record;
    });
  },

  /** Records what a volunteer ticked at a stage; passes when every required item is ticked. */
  async recordChecklist(uid: string, documentId: string, stageKey: string, ticked: Record<string, boolean>, actor: Actor, notes?: string) {
    const workflow = await getService(strapi, 'workflows').forContentType(uid);
    const stage = workflow?.stages.find((s) => s.key === stageKey);
    if (!stage) throw new errors.ValidationError(`Étape inconnue : ${stageKey}`);
    const unknown = Object.keys(ticked).filter((k) => !stage.checklist.some((i) => i.key === k));
    if (unknown.length) throw new errors.ValidationError(`Points inconnus pour l'étape « ${stage.label} » : ${unknown.join(', ')}.`);
    const required = stage.checklist.filter((i) => i.required).map((i) => i.key);
    const passed = checklistPassed(required, ticked);
    const items = stage.checklist.map((i) => ({ key: i.key, label: i.label, required: i.required, checked: ticked[i.key] === true }));
    return strapi.db.transaction(async () => {
      await this.lock(uid, documentId);
      const result = await strapi.db.query(CHECKLIST).create({
        data: { subjectType: uid, subjectId: documentId, stageKey, items, passed, operator: actor.name, notes: notes ?? null },
      });
      await getService(strapi, 'history').append(
        { subjectType: uid, subjectId: documentId, kind: 'checklist', details: { stage: stageKey, passed, items } },
        actor
      );
      return result;
    });
  },

  /**
   * Fills erasure records from an nwipe log: each disk of the summary table is matched by serial
   * to a storage device (of `machineDocumentId`, or of any machine), all in one transaction. A
   * disk already recorded from the same run is skipped, so sending a log twice records nothing twice.
   */
  async importNwipeLog(text: string, actor: Actor, machineDocumentId?: string): Promise<NwipeImport> {
    const log = parseNwipeLog(text);
    if (log.drives.length === 0) {
      throw new errors.ValidationError("Ce fichier n'est pas un journal nwipe terminé : le tableau « Drive Status » de fin d'effacement est introuvable.");
    }
    if (isVerifyOnly(log)) {
      throw new errors.ValidationError(`La méthode « ${log.methodLabel} » vérifie les disques sans les effacer : ce journal ne prouve aucun effacement.`);
    }
    const candidates = await this.machinesForNwipe(log.drives, machineDocumentId);
    const matched: Array<{ drive: NwipeDrive; machine: NwipeMachine; deviceSerial: string }> = [];
    const unmatched: NwipeImport['unmatched'] = [];
    for (const drive of log.drives) {
      const hits = candidates.flatMap((machine) =>
        machine.devices.flatMap((d, i) => (d.serial && rowMatchesSerial(drive.modelSerial, d.serial) ? [{ machine, deviceSerial: deviceKey(d, i) }] : []))
      );
      if (hits.length === 0) unmatched.push({ device: drive.device, modelSerial: drive.modelSerial });
      else if (hits.length > 1) {
        throw new errors.ValidationError(
          `Le disque « ${drive.modelSerial} » correspond à plusieurs supports (${hits.map((h) => `${h.machine.labelCode} ${h.deviceSerial}`).join(', ')}) : importez ce journal depuis la fiche de la machine.`
        );
      } else matched.push({ drive, ...hits[0] });
    }
    if (matched.length === 0) {
      throw new errors.ValidationError(
        `Aucun disque du journal ne correspond à un support ${machineDocumentId ? 'de cette machine' : 'enregistré'} (numéros lus : ${log.drives.map((d) => d.modelSerial).join(', ')}).`
      );
    }
    const passes = overwritePasses(log);
    const recorded: NwipeImport['recorded'] = [];
    const alreadyRecorded: NwipeImport['recorded'] = [];
    await strapi.db.transaction(async () => {
      for (const { drive, machine, deviceSerial } of matched) {
        const endedAt = log.finishedAt;
        const startedAt = endedAt ? new Date(endedAt.getTime() - drive.durationSeconds * 1000) : null;
        const result = drive.status === 'erased' ? 'success' : 'failure';
        const line = { labelCode: machine.labelCode, machineDocumentId: machine.documentId, deviceSerial, result } as const;
        const existing = endedAt
          ? await strapi.db.query(ERASURE).findOne({ where: { machineDocumentId: machine.documentId, deviceSerial, source: 'nwipe_log', endedAt: endedAt.toISOString() }, select: ['id'] })
          : null;
        if (existing) {
          alreadyRecorded.push(line);
          continue;
        }
        await this.recordErasure(
          machine.documentId,
          {
            deviceSerial,
            method: 'overwrite',
            passes,
            tool: 'nwipe',
            toolVersion: log.toolVersion,
            startedAt: startedAt?.toISOString() ?? null,
            endedAt: endedAt?.toISOString() ?? null,
            result,
            source: 'nwipe_log',
            notes: `Journal nwipe : ${drive.device}, statut « ${drive.statusText} », méthode ${log.methodLabel ?? 'inconnue'}${log.rounds !== null ? `, ${log.rounds} passage(s)` : ''}${
              log.verification ? `, vérification ${{ none: 'aucune', last: 'du dernier passage', all: 'de chaque passage' }[log.verification]}` : ''
            }, débit ${drive.throughput}.`,
          },
          actor
        );
        recorded.push(line);
      }
    });
    return { method: log.methodLabel, toolVersion: log.toolVersion, recorded, alreadyRecorded, unmatched };
  },

  /** Machines whose storage devices may be the log's disks (one machine when given). */
  async machinesForNwipe(drives: NwipeDrive[], machineDocumentId?: string): Promise<NwipeMachine[]> {
    const printed = drives.map((d) => (d.modelSerial.includes('/') ? d.modelSerial.slice(d.modelSerial.lastIndexOf('/') + 1) : d.modelSerial).trim()).filter(Boolean);
    const where = machineDocumentId
      ? { documentId: machineDocumentId }
      : { storageDevices: { $or: printed.map((serial) => (serial.length === 20 ? { serial: { $startsWithi: serial } } : { serial: { $eqi: serial } })) } };
    const machines = (await strapi.db.query(MACHINE_UID).findMany({ where, select: ['documentId', 'labelCode'], populate: { storageDevices: true } })) as Array<{
      documentId: string;
      labelCode: string;
      storageDevices?: StorageDevice[];
    }>;
    if (machineDocumentId && machines.length === 0) throw new errors.NotFoundError('Machine introuvable.');
    return machines.map((m) => ({ documentId: m.documentId, labelCode: m.labelCode, devices: m.storageDevices ?? [] }));
  },
});

interface NwipeMachine {
  documentId: string;
  labelCode: string;
  devices: StorageDevice[];
}

export interface NwipeImport {
  method: string | null;
  toolVersion: string | null;
  recorded: Array<{ labelCode: string; machineDocumentId: string; deviceSerial: string; result: 'success' | 'failure' }>;
  alreadyRecorded: Array<{ labelCode: string; machineDocumentId: string; deviceSerial: string; result: 'success' | 'failure' }>;
  unmatched: Array<{ device: string; modelSerial: string }>;
}
