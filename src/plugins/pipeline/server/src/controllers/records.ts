import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { actorFromContext } from '../actor';
import { findStage, MACHINE_UID, nextStages } from '../domain/workflow';
import { getService } from '../utils';
import { withConflicts } from './respond';
import { checklistSchema, documentId as documentIdSchema, erasureSchema, fitPartSchema, moveSchema, nwipeSchema, validate } from './validation';

async function workflowOf(strapi: Core.Strapi, key: string) {
  if (key !== 'machines' && key !== 'prescriptions') throw new errors.NotFoundError(`Workflow inconnu : ${key}`);
  return getService(strapi, 'workflows').get(key);
}

async function checkedId(id: unknown): Promise<string> {
  return validate(documentIdSchema.required(), id);
}

/** Moves, records and history of one record, for the admin (and, for machines, workshop tools). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    const workflow = await workflowOf(strapi, ctx.params.workflow);
    const documentId = await checkedId(ctx.params.documentId);
    const record = await strapi.db.query(workflow.contentType as 'api::machine.machine').findOne({ where: { documentId } });
    if (!record) throw new errors.NotFoundError('Fiche introuvable.');
    const stageKey = record.pipelineStage as string;
    const history = getService(strapi, 'history');
    ctx.body = {
      data: {
        documentId,
        stage: findStage(workflow, stageKey) ?? null,
        nextStages: nextStages(workflow, stageKey),
        events: await history.list(workflow.contentType, documentId),
        chain: await history.verify(workflow.contentType, documentId),
      },
    };
  },

  async verify(ctx: Context) {
    const workflow = await workflowOf(strapi, ctx.params.workflow);
    const documentId = await checkedId(ctx.params.documentId);
    ctx.body = { data: await getService(strapi, 'history').verify(workflow.contentType, documentId) };
  },

  async move(ctx: Context) {
    const workflow = await workflowOf(strapi, ctx.params.workflow);
    const documentId = await checkedId(ctx.params.documentId);
    const body = await validate(moveSchema, ctx.request.body ?? {});
    await withConflicts(ctx, async () => ({
      data: await getService(strapi, 'transitions').move({ uid: workflow.contentType, documentId, ...body }, actorFromContext(ctx)),
    }));
  },

  async checklist(ctx: Context) {
    const workflow = await workflowOf(strapi, ctx.params.workflow);
    const documentId = await checkedId(ctx.params.documentId);
    const body = await validate(checklistSchema, ctx.request.body ?? {});
    const items = body.items as Record<string, unknown>;
    if (!Object.values(items).every((v) => typeof v === 'boolean')) throw new errors.ValidationError('items : chaque point vaut true ou false.');
    const result = await getService(strapi, 'records').recordChecklist(workflow.contentType, documentId, body.stage, items as Record<string, boolean>, actorFromContext(ctx), body.notes);
    ctx.status = 201;
    ctx.body = { data: result };
  },

  async erasure(ctx: Context) {
    const documentId = await checkedId(ctx.params.documentId);
    const body = await validate(erasureSchema, ctx.request.body ?? {});
    const actor = actorFromContext(ctx);
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
    ctx.body = { data: record };
  },

  async nwipe(ctx: Context) {
    const body = await validate(nwipeSchema, ctx.request.body ?? {});
    const result = await getService(strapi, 'records').importNwipeLog(body.log, actorFromContext(ctx), body.machine ?? undefined);
    ctx.status = result.recorded.length > 0 ? 201 : 200;
    ctx.body = { data: result };
  },

  async fitPart(ctx: Context) {
    const documentId = await checkedId(ctx.params.documentId);
    const body = await validate(fitPartSchema, ctx.request.body ?? {});
    await withConflicts(ctx, async () => ({
      data: await getService(strapi, 'parts').fit(documentId, body.part, body.quantity ?? 1, actorFromContext(ctx)),
    }));
  },

  async byLabel(ctx: Context) {
    const code = String(ctx.params.labelCode ?? '').trim().toUpperCase();
    if (!/^[A-Z]{2,4}-[0-9]{6}$/.test(code)) throw new errors.ValidationError("Code d'étiquette invalide (ex. SV-000123).");
    const machine = await strapi.db.query(MACHINE_UID).findOne({
      where: { labelCode: code },
      populate: { storageDevices: true, donor: { select: ['name'] }, donation: { select: ['reference'] } },
    });
    if (!machine) throw new errors.NotFoundError(`Aucune machine avec l'étiquette ${code}.`);
    const workflow = await getService(strapi, 'workflows').forContentType(MACHINE_UID);
    const stageKey = machine.pipelineStage as string;
    const records = getService(strapi, 'records');
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
        storageDevices: machine.storageDevices,
        donor: machine.donor?.name ?? null,
        donation: machine.donation?.reference ?? null,
        stage: workflow ? findStage(workflow, stageKey) ?? null : null,
        nextStages: workflow ? nextStages(workflow, stageKey) : [],
        erasures: await records.erasures(machine.documentId),
      },
    };
  },
});
