import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../actor';
import { checklistPassed, deviceKey, type ErasureRow, type StorageDevice } from '../domain/guards';
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
});
