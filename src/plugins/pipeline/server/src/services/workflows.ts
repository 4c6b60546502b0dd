import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DEFAULT_WORKFLOWS } from '../domain/defaults';
import type { ActionDef, ChecklistItem, StageDef, TransitionDef, WorkflowDef } from '../domain/workflow';

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
}

interface WorkflowRow {
  id: number;
  key: string;
  name: string;
  contentType: string;
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
      checklist: s.checklist ?? [], enterRoles: s.enterRoles ?? [],
    })),
  transitions: row.transitions.map((t): TransitionDef => ({ from: t.fromKey, to: t.toKey, actions: t.actions ?? [] })),
});

/** Workflows are read on every move: kept in memory, reloaded after an edit. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let cache: Map<string, WorkflowDef> | null = null;

  async function load(): Promise<Map<string, WorkflowDef>> {
    const rows = (await strapi.db.query(WORKFLOW).findMany({ populate: { stages: true, transitions: true } })) as WorkflowRow[];
    cache = new Map(rows.map((r) => [r.contentType, toDef(r)]));
    return cache;
  }

  async function writeStagesAndTransitions(workflowId: number, def: WorkflowDef): Promise<void> {
    await strapi.db.query(STAGE).deleteMany({ where: { workflow: workflowId } });
    await strapi.db.query(TRANSITION).deleteMany({ where: { workflow: workflowId } });
    for (const s of def.stages) {
      await strapi.db.query(STAGE).create({
        data: { key: s.key, label: s.label, color: s.color, position: s.position, terminal: s.terminal, checklist: s.checklist, enterRoles: s.enterRoles, workflow: workflowId },
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
          const created = await strapi.db.query(WORKFLOW).create({ data: { key: def.key, name: def.name, contentType: def.contentType } });
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

    /** Replaces a workflow's stages and transitions (the settings page saves the whole workflow). */
    async replace(key: string, def: WorkflowDef): Promise<WorkflowDef> {
      const row = await strapi.db.query(WORKFLOW).findOne({ where: { key } });
      if (!row) throw new errors.NotFoundError(`Workflow inconnu : ${key}`);
      await strapi.db.query(WORKFLOW).update({ where: { id: row.id }, data: { name: def.name } });
      await writeStagesAndTransitions(row.id as number, def);
      cache = null;
      return this.get(key);
    },

    invalidate(): void {
      cache = null;
    },
  };
};
