import type { Stage, Transition, Workflow } from '../../../shared/contracts';

/** Pure edits of a workflow, as the settings page makes them. */

/** A stage key from its French label: "Mise à niveau" → "mise_a_niveau". */
export function keyFromLabel(label: string, taken: string[]): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^([0-9])/, 's_$1') || 'etape';
  let key = base.slice(0, 36);
  for (let i = 2; taken.includes(key); i += 1) key = `${base.slice(0, 33)}_${i}`;
  return key;
}

/**
 * Adds an optional stage after `after`: `after` may go to it, and it goes wherever `after`
 * could go; the old path stays, so units can skip it.
 */
export function addStageAfter(workflow: Workflow, after: string, label: string, color: string): Workflow {
  const key = keyFromLabel(label, workflow.stages.map((s) => s.key));
  const index = workflow.stages.findIndex((s) => s.key === after);
  const stage: Stage = { key, label, color, position: 0, terminal: false, checklist: [], enterRoles: [] };
  const stages = [...workflow.stages];
  stages.splice(index + 1, 0, stage);
  const outgoing = workflow.transitions.filter((t) => t.from === after).map((t) => ({ from: key, to: t.to, actions: [] }));
  return {
    ...workflow,
    stages: stages.map((s, position) => ({ ...s, position })),
    transitions: [...workflow.transitions, { from: after, to: key, actions: [] }, ...outgoing],
  };
}

/** Removes a stage; its predecessors are wired to its successors so the line stays whole. */
export function removeStage(workflow: Workflow, key: string): Workflow {
  const into = workflow.transitions.filter((t) => t.to === key).map((t) => t.from);
  const outOf = workflow.transitions.filter((t) => t.from === key).map((t) => t.to);
  const kept = workflow.transitions.filter((t) => t.from !== key && t.to !== key);
  const bypass: Transition[] = [];
  for (const from of into) {
    for (const to of outOf) {
      if (from !== to && !kept.some((t) => t.from === from && t.to === to) && !bypass.some((t) => t.from === from && t.to === to)) {
        bypass.push({ from, to, actions: [] });
      }
    }
  }
  return {
    ...workflow,
    stages: workflow.stages.filter((s) => s.key !== key).map((s, position) => ({ ...s, position })),
    transitions: [...kept, ...bypass],
  };
}

export function moveStage(workflow: Workflow, key: string, delta: -1 | 1): Workflow {
  const stages = [...workflow.stages];
  const i = stages.findIndex((s) => s.key === key);
  const j = i + delta;
  if (i < 1 || j < 1 || j >= stages.length) return workflow; // the arrival stage stays first
  [stages[i], stages[j]] = [stages[j], stages[i]];
  return { ...workflow, stages: stages.map((s, position) => ({ ...s, position })) };
}

export function updateStage(workflow: Workflow, key: string, patch: Partial<Stage>): Workflow {
  return { ...workflow, stages: workflow.stages.map((s) => (s.key === key ? { ...s, ...patch } : s)) };
}
