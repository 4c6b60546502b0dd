import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { assertMachineMoveAccess, assertWorkflowAccess, movesFor } from '../access';
import { actorFromContext } from '../actor';
import { matchUnits, TYPES_FOR, type Needs } from '../domain/matching';
import { findStage, MACHINE_UID, nextStages, PRESCRIPTION_UID } from '../domain/workflow';
import { getService } from '../utils';
import type { RemovalDestination } from '../../../../../shared/erasure';
import { withConflicts } from '../../../../../shared/server/errors';
import {
  attestationSchema,
  checklistSchema,
  documentId as documentIdSchema,
  erasureSchema,
  fitPartSchema,
  moveSchema,
  newDeviceSchema,
  nwipeSchema,
  removalSchema,
  searchSchema,
  validate,
} from './validation';
import { MACHINE_STAGE, MACHINE_TYPES, PRESCRIPTION_STAGE } from '../../../../../shared/vocabulary';
import { ENUM_LABELS } from '../../../../../shared/labels';
import { assertRecordInScope, recordsInScopeSql, requestScope, scopeWhere, workshopOf, type WorkshopScope } from '../scope';

const PART_UID = 'api::part.part';

async function workflowOf(strapi: Core.Strapi, key: string) {
  if (key !== 'machines' && key !== 'prescriptions') throw new errors.NotFoundError(`Workflow inconnu : ${key}`);
  return getService(strapi, 'workflows').get(key);
}

async function checkedId(id: unknown): Promise<string> {
  return validate(documentIdSchema.required(), id);
}

/** Words a search may name a machine type by (« portable », « fixe »…), from the admin's labels. */
const TYPE_WORDS = MACHINE_TYPES.map((type) => ({ type, words: [type, ENUM_LABELS[type]?.fr, ENUM_LABELS[type]?.en].filter(Boolean).map((w) => String(w).toLowerCase()) }));

/**
 * Ready units matching a staff search (label code, brand, model, processor, serial number, or a
 * type named in French or English), any type: the family may have seen a given unit.
 * `null` when nothing was asked.
 */
async function searchReady(strapi: Core.Strapi, raw: unknown, workshopWhere: Record<string, unknown>) {
  if (raw === undefined || raw === '') return null;
  const q = await validate(searchSchema, raw);
  const words = q.trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 6);
  if (words.length === 0) return null;
  const conditions = words.map((word) => {
    const like = { $containsi: word };
    const types = TYPE_WORDS.filter((t) => t.words.some((w) => w.startsWith(word))).map((t) => t.type);
    return {
      $or: [{ labelCode: like }, { brand: like }, { model: like }, { cpu: like }, { serialNumber: like }, ...(types.length ? [{ type: { $in: types } }] : [])],
    };
  });
  const rows = (await strapi.db.query(MACHINE_UID).findMany({
    where: { pipelineStage: MACHINE_STAGE.ready, $and: conditions, ...workshopWhere },
    select: ['documentId', 'labelCode', 'type', 'brand', 'model', 'cpu', 'ramGb'],
    orderBy: { labelCode: 'asc' },
    limit: 21,
  })) as Array<{ documentId: string; labelCode: string; type: string; brand: string | null; model: string | null; cpu: string | null; ramGb: number | null }>;
  return { query: q, more: rows.length > 20, machines: rows.slice(0, 20) };
}

/** Moves, records and history of one record, for the admin (and, for machines, workshop tools). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    const workflow = await workflowOf(strapi, ctx.params.workflow);
    assertWorkflowAccess(ctx, workflow.contentType, 'read');
    const documentId = await checkedId(ctx.params.documentId);
    await assertRecordInScope(strapi, ctx, workflow.contentType, documentId);
    const record = await strapi.db.query(workflow.contentType as 'api::machine.machine').findOne({ where: { documentId } });
    if (!record) throw new errors.NotFoundError('Fiche introuvable.');
    const stageKey = record.pipelineStage as string;
    const history = getService(strapi, 'history');
    ctx.body = {
      data: {
        documentId,
        stage: findStage(workflow, stageKey) ?? null,
        nextStages: nextStages(workflow, stageKey),
        moves: movesFor(ctx, workflow, stageKey),
        events: await history.list(workflow.contentType, documentId),
        chain: await history.verify(workflow.contentType, documentId),
      },
    };
  },

  async verify(ctx: Context) {
    const workflow = await workflowOf(strapi, ctx.params.workflow);
    assertWorkflowAccess(ctx, workflow.contentType, 'read');
    const documentId = await checkedId(ctx.params.documentId);
    await assertRecordInScope(strapi, ctx, workflow.contentType, documentId);
    ctx.body = { data: await getService(strapi, 'history').verify(workflow.contentType, documentId) };
  },

  async move(ctx: Context) {
    const workflow = await workflowOf(strapi, ctx.params.workflow);
    assertWorkflowAccess(ctx, workflow.contentType, 'transition');
    const documentId = await checkedId(ctx.params.documentId);
    const body = await validate(moveSchema, ctx.request.body ?? {});
    await assertRecordInScope(strapi, ctx, workflow.contentType, documentId);
    await assertMachineMoveAccess(strapi, ctx, workflow.contentType, documentId);
    await withConflicts(ctx, async () => ({
      data: await getService(strapi, 'transitions').move({ uid: workflow.contentType, documentId, ...body }, actorFromContext(ctx)),
    }));
  },

  async checklist(ctx: Context) {
    const workflow = await workflowOf(strapi, ctx.params.workflow);
    assertWorkflowAccess(ctx, workflow.contentType, 'transition');
    const documentId = await checkedId(ctx.params.documentId);
    const body = await validate(checklistSchema, ctx.request.body ?? {});
    await assertRecordInScope(strapi, ctx, workflow.contentType, documentId);
    const items = body.items as Record<string, unknown>;
    if (!Object.values(items).every((v) => typeof v === 'boolean')) throw new errors.ValidationError('items : chaque point vaut true ou false.');
    // A stage's required skill refuses with 409 QUALIFICATION_REQUIRED.
    await withConflicts(ctx, async () => {
      const result = await getService(strapi, 'records').recordChecklist(workflow.contentType, documentId, body.stage, items as Record<string, boolean>, actorFromContext(ctx), body.notes);
      ctx.status = 201;
      return { data: result };
    });
  },

  async erasure(ctx: Context) {
    const documentId = await checkedId(ctx.params.documentId);
    const body = await validate(erasureSchema, ctx.request.body ?? {});
    await assertRecordInScope(strapi, ctx, MACHINE_UID, documentId);
    const actor = actorFromContext(ctx);
    // Certified erasure needs its skill: 409 QUALIFICATION_REQUIRED, nothing written.
    await withConflicts(ctx, async () => {
      const record = await getService(strapi, 'records').recordErasure(
        documentId,
        {
          ...body,
          result: body.result as 'success' | 'failure',
          startedAt: body.startedAt ? new Date(body.startedAt).toISOString() : null,
          endedAt: body.endedAt ? new Date(body.endedAt).toISOString() : null,
          source: actor.type === 'api-token' ? 'api' : 'manual',
        },
        actor
      );
      ctx.status = 201;
      return { data: record };
    });
  },

  /** POST …/machines/:documentId/devices/:deviceDocumentId/removal: a device taken out, with why and where. */
  async removeDevice(ctx: Context) {
    const documentId = await checkedId(ctx.params.documentId);
    const deviceDocumentId = await checkedId(ctx.params.deviceDocumentId);
    const body = await validate(removalSchema, ctx.request.body ?? {});
    await assertRecordInScope(strapi, ctx, MACHINE_UID, documentId);
    await withConflicts(ctx, async () => ({
      data: await getService(strapi, 'devices').remove(documentId, deviceDocumentId, { ...body, destination: body.destination as RemovalDestination }, actorFromContext(ctx)),
    }));
  },

  /** POST …/machines/:documentId/no-storage-attestation: « aucun support de stockage constaté », by the person logged in. */
  async attestNoStorage(ctx: Context) {
    const documentId = await checkedId(ctx.params.documentId);
    const body = await validate(attestationSchema, ctx.request.body ?? {});
    await assertRecordInScope(strapi, ctx, MACHINE_UID, documentId);
    await withConflicts(ctx, async () => {
      const event = await getService(strapi, 'devices').attestNoStorage(documentId, actorFromContext(ctx), body.note ?? null);
      ctx.status = 201;
      return { data: event };
    });
  },

  /** POST …/machines/:documentId/devices: a device found at the bench. */
  async addDevice(ctx: Context) {
    const documentId = await checkedId(ctx.params.documentId);
    const body = await validate(newDeviceSchema, ctx.request.body ?? {});
    await assertRecordInScope(strapi, ctx, MACHINE_UID, documentId);
    const device = await getService(strapi, 'devices').add(documentId, body);
    ctx.status = 201;
    ctx.body = { data: device };
  },

  /** GET …/machines/:documentId/erasure-status: the one answer (devices, outcomes, released or not, why). */
  async erasureStatus(ctx: Context) {
    const documentId = await checkedId(ctx.params.documentId);
    await assertRecordInScope(strapi, ctx, MACHINE_UID, documentId);
    ctx.body = { data: await getService(strapi, 'erasure-status').forMachine(documentId) };
  },

  async nwipe(ctx: Context) {
    const body = await validate(nwipeSchema, ctx.request.body ?? {});
    // Only the requester's workshops' units: a named machine of another workshop is unknown, and disks match only their units.
    const scope = await requestScope(strapi, ctx);
    if (body.machine) await assertRecordInScope(strapi, ctx, MACHINE_UID, body.machine, 'Machine introuvable.');
    // Every disk of the log in one transaction: one refused (QUALIFICATION_REQUIRED) and none is recorded.
    await withConflicts(ctx, async () => {
      const result = await getService(strapi, 'records').importNwipeLog(body.log, actorFromContext(ctx), body.machine ?? undefined, scope);
      ctx.status = result.recorded.length > 0 ? 201 : 200;
      return { data: result };
    });
  },

  /** Ready units that fit an accepted prescription's needs, best first (at most 20). */
  async matches(ctx: Context) {
    assertWorkflowAccess(ctx, PRESCRIPTION_UID, 'read');
    const documentId = await checkedId(ctx.params.documentId);
    await assertRecordInScope(strapi, ctx, PRESCRIPTION_UID, documentId, 'Prescription introuvable.');
    const prescription = await strapi.db.query(PRESCRIPTION_UID).findOne({ where: { documentId }, select: ['number', 'pipelineStage'], populate: { needs: true } });
    if (!prescription) throw new errors.NotFoundError('Prescription introuvable.');
    const needs = (prescription.needs ?? { deviceType: 'desktop' }) as Needs;
    const types = TYPES_FOR[needs.deviceType] ?? [];
    // Only units (and stock) of the prescription's workshop: a unit is handed over where it is.
    const home = await workshopOf(strapi, PRESCRIPTION_UID, documentId);
    const homeScope: WorkshopScope = { all: false, ids: home == null ? [] : [home] };
    const machines = (await strapi.db.query(MACHINE_UID).findMany({
      where: { pipelineStage: MACHINE_STAGE.ready, type: { $in: types }, ...scopeWhere(MACHINE_UID, homeScope) },
      select: ['documentId', 'labelCode', 'type', 'brand', 'model', 'cpu', 'ramGb', 'conditionGrade'],
      limit: 2000,
    })) as Array<{ documentId: string; labelCode: string; type: string; brand: string | null; model: string | null; cpu: string | null; ramGb: number | null; conditionGrade: string | null }>;
    const ids = machines.map((m) => m.documentId);
    const knex = strapi.db.connection;
    const partsTable = strapi.db.metadata.get('api::part.part').tableName;
    const fitted = ids.length
      ? ((await knex('sv_pipeline_events as e')
          .join(`${partsTable} as p`, 'p.document_id', knex.raw("e.details->>'part'"))
          .whereIn('e.subject_id', ids)
          .andWhere('e.kind', 'part_fitted')
          .distinct('e.subject_id as machine', 'p.category')) as Array<{ machine: string; category: string }>)
      : [];
    const readySince = ids.length
      ? ((await knex('sv_pipeline_events').whereIn('subject_id', ids).andWhere({ kind: 'transition', to_stage: MACHINE_STAGE.ready }).groupBy('subject_id').select('subject_id').max('at as at')) as Array<{
          subject_id: string;
          at: Date | string;
        }>)
      : [];
    const since = new Map(readySince.map((r) => [r.subject_id, new Date(r.at).toISOString()]));
    const search = await searchReady(strapi, ctx.query.q, scopeWhere(MACHINE_UID, homeScope));
    const stockRows = (await knex(partsTable)
      .whereRaw(...recordsInScopeSql(strapi, PART_UID, `${partsTable}.id`, homeScope))
      .select('category')
      .sum('quantity_on_hand as n')
      .groupBy('category')) as Array<{ category: string; n: string | number }>;
    const stock = Object.fromEntries(stockRows.map((r) => [r.category, Number(r.n)]));
    const ranked = matchUnits(
      needs,
      machines.map((m) => ({ ...m, fitted: fitted.filter((f) => f.machine === m.documentId).map((f) => f.category), readySince: since.get(m.documentId) ?? null })),
      stock
    );
    ctx.body = {
      data: {
        prescription: { documentId, number: prescription.number, stage: prescription.pipelineStage, needs },
        canReserve: prescription.pipelineStage === PRESCRIPTION_STAGE.accepted,
        stock,
        total: ranked.length,
        matches: ranked.slice(0, 20).map(({ machine, ...rest }) => ({ ...rest, machine })),
        search,
      },
    };
  },

  async fitPart(ctx: Context) {
    const documentId = await checkedId(ctx.params.documentId);
    const body = await validate(fitPartSchema, ctx.request.body ?? {});
    await assertRecordInScope(strapi, ctx, MACHINE_UID, documentId);
    // A part of the machine's own workshop only (within the requester's): another workshop's stock is unknown here.
    await assertRecordInScope(strapi, ctx, PART_UID, body.part, 'Pièce introuvable.');
    const [machineWorkshop, partWorkshop] = await Promise.all([workshopOf(strapi, MACHINE_UID, documentId), workshopOf(strapi, PART_UID, body.part)]);
    if (partWorkshop !== machineWorkshop) throw new errors.NotFoundError('Pièce introuvable.');
    await withConflicts(ctx, async () => ({
      data: await getService(strapi, 'parts').fit(documentId, body.part, body.quantity ?? 1, actorFromContext(ctx)),
    }));
  },

  async byLabel(ctx: Context) {
    const code = String(ctx.params.labelCode ?? '').trim().toUpperCase();
    if (!/^[A-Z]{2,4}-[0-9]{6}$/.test(code)) throw new errors.ValidationError("Code d'étiquette invalide (ex. SV-000123).");
    const machine = await strapi.db.query(MACHINE_UID).findOne({
      where: { labelCode: code, ...scopeWhere(MACHINE_UID, await requestScope(strapi, ctx)) },
      populate: { donor: { select: ['name'] }, donation: { select: ['reference'] } },
    });
    if (!machine) throw new errors.NotFoundError(`Aucune machine avec l'étiquette ${code}.`);
    const workflow = await getService(strapi, 'workflows').forContentType(MACHINE_UID);
    const stageKey = machine.pipelineStage as string;
    ctx.body = {
      data: {
        documentId: machine.documentId,
        labelCode: machine.labelCode,
        type: machine.type,
        brand: machine.brand,
        model: machine.model,
        serialNumber: machine.serialNumber,
        cpu: machine.cpu,
        ramGb: machine.ramGb,
        donor: machine.donor?.name ?? null,
        donation: machine.donation?.reference ?? null,
        stage: workflow ? findStage(workflow, stageKey) ?? null : null,
        nextStages: workflow ? nextStages(workflow, stageKey) : [],
        moves: workflow ? movesFor(ctx, workflow, stageKey) : [],
        erasure: await getService(strapi, 'erasure-status').forMachine(machine.documentId),
        // Whether the operator at the bench (else the account) may record an erasure: the station offers it only then.
        erasureOffer: await getService(strapi, 'qualifications').erasureOffer(actorFromContext(ctx)),
      },
    };
  },
});
