/** Pure model of a workflow: stages in order and the moves allowed between them. */
import type { ChecklistItem, Qualifications, Stage, Transition } from '../../../shared/contracts';
import { ERASURE_SKILL } from '../../../../../shared/skills';

export type { ChecklistItem, Qualifications };
/** A stage as stored and as the admin sees it (shared/contracts.ts). */
export type StageDef = Stage;
export type TransitionDef = Transition;
export type ActionDef = Transition['actions'][number];

export interface WorkflowDef {
  key: string;
  name: string;
  contentType: string;
  stages: StageDef[];
  transitions: TransitionDef[];
  /** Absent: DEFAULT_QUALIFICATIONS. */
  qualifications?: Qualifications;
}

/**
 * Until staff say otherwise: recording a certified erasure needs the erasure skill; super-admins
 * (who may change these settings and every role) are exempt, and their events say so. Coordination,
 * Atelier and API tokens are exempt only when the settings list them.
 */
export const DEFAULT_QUALIFICATIONS: Qualifications = { erasure: ERASURE_SKILL, exempt: ['strapi-super-admin'] };

export function qualificationsOf(workflow: Pick<WorkflowDef, 'qualifications'>): Qualifications {
  return workflow.qualifications ?? DEFAULT_QUALIFICATIONS;
}

export const MACHINE_UID = 'api::machine.machine';
export const PRESCRIPTION_UID = 'api::prescription.prescription';

/** The stage a new record starts in: the first by position. */
export function initialStage(workflow: WorkflowDef): StageDef {
  const [first] = [...workflow.stages].sort((a, b) => a.position - b.position);
  if (!first) throw new Error(`le workflow ${workflow.key} n'a aucune étape`);
  return first;
}

export function findStage(workflow: WorkflowDef, key: string): StageDef | undefined {
  return workflow.stages.find((s) => s.key === key);
}

export function findTransition(workflow: WorkflowDef, from: string, to: string): TransitionDef | undefined {
  return workflow.transitions.find((t) => t.from === from && t.to === to);
}

/** Stages reachable from `from`, in the workflow's order. */
export function nextStages(workflow: WorkflowDef, from: string): StageDef[] {
  const targets = new Set(workflow.transitions.filter((t) => t.from === from).map((t) => t.to));
  return [...workflow.stages].sort((a, b) => a.position - b.position).filter((s) => targets.has(s.key));
}

/** Stages where a record waits by design (the shared vocabulary's list). */
export { WAITING_STAGES } from '../../../../../shared/vocabulary';
