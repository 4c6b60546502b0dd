import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { assertMachineMoveAccess, assertWorkflowAccess } from '../access';
import { actorFromContext } from '../actor';
import { ConflictError, withConflicts } from '../../../../../shared/server/errors';
import { getService } from '../utils';
import { WAITING_STAGES } from '../domain/workflow';
import { bulkMoveSchema, validate, workflowSchema } from './validation';
import { checkWorkflowEdit } from '../domain/settings';
import { RELEASE_STAGES } from '../domain/guards';
import { MACHINE_TYPES } from '../../../../../shared/vocabulary';
import type { Board, Qualifications } from '../../../shared/contracts';
import { SKILL_UID } from '../../../../../shared/skills';
import type { Knex } from 'knex';
import { existsInScope, OUT_OF_SCOPE, recordsInScopeSql, requestScope } from '../scope';
import { assertNetworkSettingsWriter, scopeOf } from '../../../../../shared/server/workshops';

/** Workflows, the board and bulk moves. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'workflows').list() };
  },

  async actions(ctx: Context) {
    ctx.body = { data: getService(strapi, 'actions').list() };
  },

  async update(ctx: Context) {
    // One line for the whole network: its main workshop's staff change it (docs/network.md).
    await assertNetworkSettingsWriter(strapi, await scopeOf(strapi, ctx));
    const current = await getService(strapi, 'workflows').get(ctx.params.key);
    const body = await validate(workflowSchema, ctx.request.body ?? {});
    const stages = body.stages.map((s, position) => ({
      ...s,
      position,
      checklist: s.checklist ?? [],
      enterRoles: (s.enterRoles ?? []) as string[],
      requiredSkill: s.requiredSkill === undefined ? (current.stages.find((c) => c.key === s.key)?.requiredSkill ?? null) : s.requiredSkill,
    }));
    const qualifications = (body.qualifications as Qualifications | undefined) ?? current.qualifications;
    const transitions = body.transitions.map((t) => ({ from: t.from, to: t.to, actions: (t.actions ?? []) as Array<{ type: string; options: Record<string, unknown> }> }));
    const moveRecords = body.moveRecords as Record<string, string>;
    const actions = getService(strapi, 'actions');
    const skills = new Set(((await strapi.db.query(SKILL_UID).findMany({ select: ['key'] })) as Array<{ key: string }>).map((s) => s.key));
    const next = { ...current, name: body.name, stages, transitions, qualifications };
    const problems = [
      ...checkWorkflowEdit(current, next, moveRecords, (type) => actions.has(type), (key) => skills.has(key)),
      ...transitions.flatMap((t) => t.actions.flatMap((a) => actions.problems(a.type, a.options ?? {}))),
    ];
    if (problems.length) {
      throw new errors.ValidationError(problems.join(' '), { errors: problems.map((message) => ({ path: [], message, name: 'ValidationError', value: null })) });
    }
    const actor = actorFromContext(ctx);
    // Records of removed stages move through the transition service, each with its event and its rules.
    await withConflicts(ctx, async () => {
      const saved = await getService(strapi, 'workflows').update(current.key, next, moveRecords, actor);
      strapi.log.info(`[pipeline] workflow « ${current.key} » modifié par ${actor.name}`);
      return { data: saved };
    });
  },

  async board(ctx: Context) {
    const workflow = await getService(strapi, 'workflows').get(ctx.params.key);
    assertWorkflowAccess(ctx, workflow.contentType, 'read');
    const query = ctx.query as Record<string, unknown>;
    const donation = typeof query.donation === 'string' && query.donation ? query.donation : null;
    const type = typeof query.type === 'string' && query.type ? query.type : null;
    if (type && !(MACHINE_TYPES as readonly string[]).includes(type)) throw new errors.ValidationError('Type de machine inconnu.');
    const meta = strapi.db.metadata.get(workflow.contentType as 'api::machine.machine');
    const isMachine = workflow.key === 'machines';
    const knex = strapi.db.connection;
    // Aggregates in SQL: the board counts thousands of units and must not load them.
    const base = knex(`${meta.tableName} as r`);
    // Only the requester's workshops' records: counts, waiting lists and erasure gaps alike (« Réseau » and super-admins: all).
    const scope = await requestScope(strapi, ctx);
    if (!scope.all) base.whereRaw(...recordsInScopeSql(strapi, workflow.contentType, 'r.id', scope));
    if (isMachine && donation) {
      base.join('machines_donation_lnk as dl', 'dl.machine_id', 'r.id').join('donations as d', 'd.id', 'dl.donation_id').where('d.document_id', donation);
    }
    if (isMachine && type) base.where('r.type', type);
    const counts = (await base.clone().select('r.pipeline_stage as stage').count('* as count').groupBy('r.pipeline_stage')) as Array<{ stage: string; count: string }>;
    const resting = [...workflow.stages.filter((s) => s.terminal).map((s) => s.key), ...(WAITING_STAGES[workflow.key] ?? [])];
    const waiting = (await base
      .clone()
      .join('sv_pipeline_events as e', function joinEvents() {
        this.on('e.subject_id', '=', 'r.document_id').andOn('e.to_stage', '=', 'r.pipeline_stage');
      })
      .where('e.subject_type', workflow.contentType)
      .whereNotIn('r.pipeline_stage', resting)
      .groupBy('r.id', 'r.document_id', 'r.pipeline_stage', isMachine ? 'r.label_code' : 'r.number')
      .select('r.document_id as documentId', 'r.pipeline_stage as stage', isMachine ? 'r.label_code as label' : 'r.number as label')
      .max('e.at as since')
      .orderBy('since', 'asc')
      .limit(10)) as Array<{ documentId: string; stage: string; label: string; since: string }>;
    const byStage = new Map(counts.map((c) => [c.stage, Number(c.count)]));
    const columns = workflow.stages.map((s) => ({ ...s, count: byStage.get(s.key) ?? 0 }));
    const open = columns.filter((c) => !resting.includes(c.key) && c.position > 0);
    const bottleneck = open.reduce<(typeof columns)[number] | null>((max, c) => (c.count > (max?.count ?? 0) ? c : max), null);
    ctx.body = {
      data: {
        workflow: { key: workflow.key, name: workflow.name },
        columns,
        waitingLongest: waiting,
        bottleneck: bottleneck?.key ?? null,
        total: columns.reduce((s, c) => s + c.count, 0),
        erasureGaps: isMachine ? await erasureGaps(strapi, base.clone()) : null,
      },
    };
  },

  async bulkMove(ctx: Context) {
    const body = await validate(bulkMoveSchema, ctx.request.body ?? {});
    const workflow = await getService(strapi, 'workflows').get(body.workflow);
    assertWorkflowAccess(ctx, workflow.contentType, 'transition');
    const actor = actorFromContext(ctx);
    const scope = await requestScope(strapi, ctx);
    const results: Array<{ documentId: string; ok: boolean; status: number; message?: string; rule?: string; currentStage?: string }> = [];
    // One transaction per unit: a refused unit does not hold back the others.
    for (const documentId of body.documentIds) {
      try {
        // Another workshop's record is reported as not found, like an unknown one; it does not move.
        if (!(await existsInScope(strapi, workflow.contentType, documentId, scope))) throw new errors.NotFoundError(OUT_OF_SCOPE);
        await assertMachineMoveAccess(strapi, ctx, workflow.contentType, documentId);
        await getService(strapi, 'transitions').move({ uid: workflow.contentType, documentId, to: body.to }, actor);
        results.push({ documentId, ok: true, status: 200 });
      } catch (error) {
        const e = error as Error & { details?: { currentStage?: string; rule?: string } };
        const status = error instanceof ConflictError ? 409 : error instanceof errors.NotFoundError ? 404 : error instanceof errors.ForbiddenError ? 403 : 400;
        if (!(error instanceof errors.ApplicationError)) throw error;
        results.push({ documentId, ok: false, status, message: e.message, rule: e.details?.rule, currentStage: e.details?.currentStage });
      }
    }
    ctx.body = { data: { moved: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok).length, results } };
  },
});

/**
 * Units at a release stage whose erasure status says "not released": none can get there through
 * a move, so any found (data from before device identity, a raw write) is shown to be dealt with.
 */
async function erasureGaps(strapi: Core.Strapi, units: Knex.QueryBuilder): Promise<Board['erasureGaps']> {
  const released = (await units.whereIn('r.pipeline_stage', [...RELEASE_STAGES]).select('r.document_id as documentId', 'r.label_code as label', 'r.pipeline_stage as stage')) as Array<{
    documentId: string;
    label: string;
    stage: string;
  }>;
  const statuses = await getService(strapi, 'erasure-status').forMachines(released.map((u) => u.documentId));
  const gaps = released.filter((u) => statuses.get(u.documentId)?.released === false);
  return { checked: released.length, count: gaps.length, units: gaps.slice(0, 20).map((u) => ({ ...u, reason: statuses.get(u.documentId)?.reason ?? '' })) };
}
