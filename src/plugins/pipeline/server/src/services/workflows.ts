import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../actor';
import { DEFAULT_WORKFLOWS } from '../domain/defaults';
import { qualificationsOf, type ActionDef, type ChecklistItem, type Qualifications, type StageDef, type TransitionDef, type WorkflowDef } from '../domain/workflow';
import { ConflictError } from '../../../../../shared/server/errors';
import { getService } from '../utils';

const WORKFLOW = 'plugin::pipeline.workflow';
const STAGE = 'plugin::pipeline.stage';
const TRANSITION = 'plugin::pipeline.transition';

interface StageRow {
  id: number;
  key: string;
  label: string;
  color: string;
  position: number;
  terminal: boolean;
  checklist: ChecklistItem[] | null;
  enterRoles: string[] | null;
  requiredSkill: string | null;
}

interface WorkflowRow {
  id: number;
  key: string;
  name: string;
  contentType: string;
  updatedAt: string | Date;
  qualifications: Qualifications | null;
  stages: StageRow[];
  transitions: Array<{ fromKey: string; toKey: string; actions: ActionDef[] | null }>;
}

const toDef = (row: WorkflowRow): WorkflowDef => ({
  key: row.key,
  name: row.name,
  contentType: row.contentType,
  stages: [...row.stages]
    .sort((a, b) => a.position - b.position)
    .map((s): StageDef => ({
      key: s.key, label: s.label, color: s.color, position: s.position, terminal: s.terminal,
      checklist: s.checklist ?? [], enterRoles: s.enterRoles ?? [], requiredSkill: s.requiredSkill ?? null,
    })),
  transitions: row.transitions.map((t): TransitionDef => ({ from: t.fromKey, to: t.toKey, actions: t.actions ?? [] })),
  qualifications: qualificationsOf({ qualifications: row.qualifications ?? undefined }),
});

/** A record of a removed stage that could not go where the editor said, and why. */
export interface RefusedRecord {
  documentId: string;
  /** Label code (machine) or number (prescription). */
  reference: string;
  from: string;
  to: string;
  status: number;
  rule: string | null;
  message: string;
}

const version = (row: { updatedAt?: string | Date | null; updated_at?: string | Date | null }) => new Date(row.updatedAt ?? row.updated_at ?? 0).toISOString();

/** Workflows are read on every move: kept in memory, reloaded when their row says they changed. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let cache: Map<string, WorkflowDef> | null = null;
  /** The `updated_at` of each workflow row the cache was read at. */
  let versions = new Map<string, string>();

  async function load(): Promise<Map<string, WorkflowDef>> {
    const rows = (await strapi.db.query(WORKFLOW).findMany({ populate: { stages: true, transitions: true } })) as WorkflowRow[];
    cache = new Map(rows.map((r) => [r.contentType, toDef(r)]));
    versions = new Map(rows.map((r) => [r.contentType, version(r)]));
    return cache;
  }

  /** Locks a workflow's row in the current transaction; reloads the cache when another process saved it since. */
  async function lockRow(where: { content_type: string } | { key: string }, mode: 'share' | 'update'): Promise<WorkflowDef | null> {
    // Raw knex: the Query Engine has no row lock. Joins the caller's transaction.
    const row = await strapi.db.transaction(async ({ trx }) => {
      const query = trx('sv_pipeline_workflows').where(where).first('content_type', 'updated_at');
      return (await (mode === 'share' ? query.forShare() : query.forUpdate())) as { content_type: string; updated_at: string | Date } | undefined;
    });
    if (!row) return null;
    if (!cache || versions.get(row.content_type) !== version(row)) await load();
    return cache?.get(row.content_type) ?? null;
  }

  async function writeStagesAndTransitions(workflowId: number, def: WorkflowDef): Promise<void> {
    await strapi.db.query(STAGE).deleteMany({ where: { workflow: workflowId } });
    await strapi.db.query(TRANSITION).deleteMany({ where: { workflow: workflowId } });
    for (const s of def.stages) {
      await strapi.db.query(STAGE).create({
        data: { key: s.key, label: s.label, color: s.color, position: s.position, terminal: s.terminal, checklist: s.checklist, enterRoles: s.enterRoles, requiredSkill: s.requiredSkill ?? null, workflow: workflowId },
      });
    }
    for (const t of def.transitions) {
      await strapi.db.query(TRANSITION).create({ data: { fromKey: t.from, toKey: t.to, actions: t.actions, workflow: workflowId } });
    }
  }

  return {
    /** Installs the default workflows that do not exist yet; never touches an edited one. */
    async installDefaults(): Promise<void> {
      await strapi.db.transaction(async () => {
        for (const def of DEFAULT_WORKFLOWS) {
          const existing = await strapi.db.query(WORKFLOW).findOne({ where: { contentType: def.contentType } });
          if (existing) continue;
          const created = await strapi.db.query(WORKFLOW).create({ data: { key: def.key, name: def.name, contentType: def.contentType, qualifications: qualificationsOf(def) } });
          await writeStagesAndTransitions(created.id as number, def);
        }
      });
      cache = null;
    },

    async list(): Promise<WorkflowDef[]> {
      return [...(cache ?? (await load())).values()];
    },

    /** The workflow of a content type, or null when it has none. */
    async forContentType(uid: string): Promise<WorkflowDef | null> {
      return (cache ?? (await load())).get(uid) ?? null;
    },

    async get(key: string): Promise<WorkflowDef> {
      const found = (await this.list()).find((w) => w.key === key);
      if (!found) throw new errors.NotFoundError(`Workflow inconnu : ${key}`);
      return found;
    },

    /**
     * A record's workflow for a move, read under a share lock on the workflow's row: moves run
     * side by side, a settings save waits for them and they wait for it.
     */
    async lockForMove(uid: string): Promise<WorkflowDef | null> {
      return lockRow({ content_type: uid }, 'share');
    },

    /**
     * Saves an edited workflow (the settings page saves it whole). The records of each removed
     * stage move where `moveRecords` says, each through the transition service, as any move: its
     * event, its rules. If one is refused, nothing is saved and nothing moves (409 listing them).
     */
    async update(key: string, next: WorkflowDef, moveRecords: Record<string, string>, actor: Actor): Promise<WorkflowDef> {
      await strapi.db.transaction(async ({ trx, onCommit }) => {
        const current = await lockRow({ key }, 'update');
        if (!current) throw new errors.NotFoundError(`Workflow inconnu : ${key}`);
        const meta = strapi.db.metadata.get(current.contentType as 'api::machine.machine');
        const referenceColumn = current.contentType === 'api::machine.machine' ? 'label_code' : 'number';
        const refused: RefusedRecord[] = [];
        for (const [removed, to] of Object.entries(moveRecords)) {
          // The stage is gone once this commits: every record in it moves, in a stable order.
          const records = (await trx(meta.tableName)
            .select('document_id', `${referenceColumn} as reference`)
            .where({ pipeline_stage: removed })
            .orderBy('id')) as Array<{ document_id: string; reference: string | null }>;
          for (const record of records) {
            try {
              await getService(strapi, 'transitions').move({ uid: current.contentType, documentId: record.document_id, to, from: removed }, actor, { workflow: next, removed });
            } catch (error) {
              if (!(error instanceof errors.ApplicationError)) throw error;
              const details = (error.details ?? {}) as { rule?: string };
              const status = error instanceof ConflictError ? 409 : error instanceof errors.ForbiddenError ? 403 : error instanceof errors.NotFoundError ? 404 : 400;
              refused.push({ documentId: record.document_id, reference: record.reference ?? record.document_id, from: removed, to, status, rule: details.rule ?? null, message: error.message });
            }
          }
        }
        if (refused.length > 0) throw refusal(current, next, refused);
        await strapi.db.query(WORKFLOW).update({ where: { key }, data: { name: next.name, qualifications: qualificationsOf(next), updatedAt: new Date() } });
        const row = (await strapi.db.query(WORKFLOW).findOne({ where: { key }, select: ['id'] })) as { id: number };
        await writeStagesAndTransitions(row.id, next);
        cache = null;
        onCommit(() => {
          cache = null;
        });
      });
      return this.get(key);
    },

    invalidate(): void {
      cache = null;
    },
  };
};

/** The settings save refused: which records could not leave their removed stage, and why. */
function refusal(current: WorkflowDef, next: WorkflowDef, refused: RefusedRecord[]): ConflictError {
  const label = (k: string) => next.stages.find((s) => s.key === k)?.label ?? current.stages.find((s) => s.key === k)?.label ?? k;
  const shown = refused.slice(0, 10).map((r) => `${r.reference} (${r.message})`);
  const more = refused.length > shown.length ? ` et ${refused.length - shown.length} autre(s)` : '';
  const moves = [...new Set(refused.map((r) => `« ${label(r.from)} » → « ${label(r.to)} »`))].join(', ');
  return new ConflictError(
    `Configuration non enregistrée : ${refused.length} fiche(s) ne peuvent pas passer ${moves} : ${shown.join(' ; ')}${more}. Rien n'a été modifié : traitez ces fiches ou choisissez une autre étape.`,
    { rule: 'STAGE_REMOVAL_REFUSED', refused }
  );
}
