import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { operatorLabel, type Actor } from '../actor';
import { deviceLabel } from '../domain/erasure-status';
import { checklistPassed } from '../domain/guards';
import { isVerifyOnly, overwritePasses, parseNwipeLog, rowMatchesSerial, type NwipeDrive } from '../domain/nwipe';
import { MACHINE_UID } from '../domain/workflow';
import { getService } from '../utils';
import { DEVICE_UID, ERASURE_UID as ERASURE } from './erasure-status';
import { ALL, scopeWhere, type WorkshopScope } from '../../../../../shared/server/workshops';

const CHECKLIST = 'plugin::pipeline.checklist-result';

interface DeviceRow {
  id: number;
  documentId: string;
  serial: string | null;
  model: string | null;
  interface: string | null;
  capacityGb: number | null;
  state: string;
}

/** Which device an erasure is about: its documentId, or its serial when one device of the unit has it. */
export interface DeviceChoice {
  deviceDocumentId?: string | null;
  deviceSerial?: string | null;
}

export interface ErasureInput extends DeviceChoice {
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

  /**
   * The device an erasure is about, among the unit's: named by documentId (its identity), or by
   * serial when exactly one present device of the unit has it (case and spaces ignored).
   */
  async resolveDevice(machineId: number, choice: DeviceChoice): Promise<DeviceRow> {
    const devices = (await strapi.db.query(DEVICE_UID).findMany({ where: { machine: { id: machineId } }, orderBy: { id: 'asc' } })) as DeviceRow[];
    const known = devices.length ? devices.map((d) => deviceLabel(d)).join(', ') : 'aucun support enregistré';
    const field = choice.deviceDocumentId ? 'deviceDocumentId' : 'deviceSerial';
    const refuse = (message: string): never => {
      throw new errors.ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError', value: choice[field] ?? null }] });
    };
    let device: DeviceRow | undefined;
    if (choice.deviceDocumentId) {
      device = devices.find((d) => d.documentId === choice.deviceDocumentId);
      if (!device) refuse(`Ce support n'est pas un support de cette machine (supports : ${known}).`);
    } else {
      const wanted = (choice.deviceSerial ?? '').trim().toUpperCase();
      const hits = devices.filter((d) => d.state === 'present' && (d.serial ?? '').trim().toUpperCase() === wanted);
      if (hits.length === 0) refuse(`Le support « ${choice.deviceSerial} » n'est pas un support de cette machine (supports : ${known}).`);
      if (hits.length > 1) refuse(`Plusieurs supports de cette machine portent le n° « ${choice.deviceSerial} » : désignez-le par son identifiant (deviceDocumentId).`);
      device = hits[0];
    }
    if (device!.state === 'removed') refuse(`Le support ${deviceLabel(device!)} est enregistré comme retiré de l'unité : son effacement ne compte plus pour elle.`);
    return device!;
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
      const device = await this.resolveDevice(row.id, input);
      // Certified erasure needs its skill (workflow settings): checked here, in the transaction that writes it.
      const qualification = await getService(strapi, 'qualifications').forErasure(actor, row.stage);
      const record = await strapi.db.query(ERASURE).create({
        data: {
          ...input,
          deviceDocumentId: device.documentId,
          deviceSerial: device.serial,
          source: input.source ?? 'manual',
          // The volunteer at the bench, when one identified, whatever the body says; else the tool's or the account's name.
          operator: actor.operator ? operatorLabel(actor) : (input.operator ?? actor.name),
          machineDocumentId,
        },
      });
      await getService(strapi, 'history').append(
        {
          subjectType: MACHINE_UID,
          subjectId: machineDocumentId,
          kind: 'erasure',
          details: {
            erasureId: record.id, device: device.documentId, deviceSerial: device.serial, method: input.method, result: input.result, tool: input.tool ?? null, toolVersion: input.toolVersion ?? null,
            ...(qualification ? { qualification } : {}),
          },
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
      const row = await this.lock(uid, documentId);
      // The stage's required skill (workflow settings), read under the workflow's share lock.
      const locked = await getService(strapi, 'workflows').lockForMove(uid);
      const qualification = locked ? await getService(strapi, 'qualifications').forStage(actor, locked, locked.stages.find((s) => s.key === stageKey), row.stage) : null;
      const result = await strapi.db.query(CHECKLIST).create({
        data: { subjectType: uid, subjectId: documentId, stageKey, items, passed, operator: operatorLabel(actor), notes: notes ?? null },
      });
      await getService(strapi, 'history').append(
        { subjectType: uid, subjectId: documentId, kind: 'checklist', details: { stage: stageKey, passed, items, ...(qualification ? { qualification } : {}) } },
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
  async importNwipeLog(text: string, actor: Actor, machineDocumentId?: string, scope: WorkshopScope = ALL): Promise<NwipeImport> {
    const log = parseNwipeLog(text);
    if (log.drives.length === 0) {
      throw new errors.ValidationError("Ce fichier n'est pas un journal nwipe terminé : le tableau « Drive Status » de fin d'effacement est introuvable.");
    }
    if (isVerifyOnly(log)) {
      throw new errors.ValidationError(`La méthode « ${log.methodLabel} » vérifie les disques sans les effacer : ce journal ne prouve aucun effacement.`);
    }
    const candidates = await this.machinesForNwipe(log.drives, machineDocumentId, scope);
    const matched: Array<{ drive: NwipeDrive; machine: NwipeMachine; device: NwipeDevice }> = [];
    const unmatched: NwipeImport['unmatched'] = [];
    for (const drive of log.drives) {
      const hits = candidates.flatMap((machine) =>
        machine.devices.flatMap((device) => (device.serial && rowMatchesSerial(drive.modelSerial, device.serial) ? [{ machine, device }] : []))
      );
      if (hits.length === 0) unmatched.push({ device: drive.device, modelSerial: drive.modelSerial });
      else if (hits.length > 1) {
        throw new errors.ValidationError(
          `Le disque « ${drive.modelSerial} » correspond à plusieurs supports (${hits.map((h) => `${h.machine.labelCode} ${h.device.serial}`).join(', ')}) : importez ce journal depuis la fiche de la machine.`
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
      for (const { drive, machine, device } of matched) {
        const endedAt = log.finishedAt;
        const startedAt = endedAt ? new Date(endedAt.getTime() - drive.durationSeconds * 1000) : null;
        const result = drive.status === 'erased' ? 'success' : 'failure';
        const line = { labelCode: machine.labelCode, machineDocumentId: machine.documentId, deviceDocumentId: device.documentId, deviceSerial: device.serial, result } as const;
        const existing = endedAt
          ? await strapi.db.query(ERASURE).findOne({ where: { machineDocumentId: machine.documentId, deviceDocumentId: device.documentId, source: 'nwipe_log', endedAt: endedAt.toISOString() }, select: ['id'] })
          : null;
        if (existing) {
          alreadyRecorded.push(line);
          continue;
        }
        await this.recordErasure(
          machine.documentId,
          {
            deviceDocumentId: device.documentId,
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

  /**
   * Machines whose present storage devices may be the log's disks (one machine when given), among
   * the workshops of `scope` only: a disk of another workshop's unit stays unmatched.
   */
  async machinesForNwipe(drives: NwipeDrive[], machineDocumentId?: string, scope: WorkshopScope = ALL): Promise<NwipeMachine[]> {
    const inScope = scopeWhere(MACHINE_UID, scope);
    if (machineDocumentId && !(await strapi.db.query(MACHINE_UID).count({ where: { documentId: machineDocumentId, ...inScope } }))) throw new errors.NotFoundError('Machine introuvable.');
    const printed = drives.map((d) => (d.modelSerial.includes('/') ? d.modelSerial.slice(d.modelSerial.lastIndexOf('/') + 1) : d.modelSerial).trim()).filter(Boolean);
    if (printed.length === 0) return [];
    const devices = (await strapi.db.query(DEVICE_UID).findMany({
      where: {
        state: 'present',
        machine: { ...(machineDocumentId ? { documentId: machineDocumentId } : { id: { $notNull: true } }), ...inScope },
        $or: printed.map((serial) => (serial.length === 20 ? { serial: { $startsWithi: serial } } : { serial: { $eqi: serial } })),
      },
      select: ['documentId', 'serial'],
      populate: { machine: { select: ['documentId', 'labelCode'] } },
      orderBy: { id: 'asc' },
    })) as Array<NwipeDevice & { machine: { documentId: string; labelCode: string } }>;
    const machines = new Map<string, NwipeMachine>();
    for (const { machine, ...device } of devices) {
      const entry = machines.get(machine.documentId) ?? { documentId: machine.documentId, labelCode: machine.labelCode, devices: [] };
      entry.devices.push(device);
      machines.set(machine.documentId, entry);
    }
    return [...machines.values()];
  },
});

interface NwipeDevice {
  documentId: string;
  serial: string | null;
}

interface NwipeMachine {
  documentId: string;
  labelCode: string;
  devices: NwipeDevice[];
}

interface NwipeLine {
  labelCode: string;
  machineDocumentId: string;
  deviceDocumentId: string;
  deviceSerial: string | null;
  result: 'success' | 'failure';
}

export interface NwipeImport {
  method: string | null;
  toolVersion: string | null;
  recorded: NwipeLine[];
  alreadyRecorded: NwipeLine[];
  unmatched: Array<{ device: string; modelSerial: string }>;
}
