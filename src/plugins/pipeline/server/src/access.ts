import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { PRESCRIPTION_DRIVEN_STAGES } from './domain/guards';
import { MACHINE_UID, PRESCRIPTION_UID } from './domain/workflow';

/** What a request does with a workflow's records: read them (board, history, matches) or move them (moves, checklists). */
export type WorkflowUse = 'read' | 'transition';

/** The RBAC actions that open the prescriptions workflow, on top of the route's own (`board.read`, `transition`, `records.create`). */
export const PRESCRIPTION_ACTIONS: Record<WorkflowUse, string> = {
  read: 'plugin::pipeline.prescriptions.read',
  transition: 'plugin::pipeline.prescriptions.transition',
};

const MESSAGES = {
  read: 'Votre rôle ne permet pas de consulter le suivi des prescriptions.',
  transition: 'Votre rôle ne permet pas de faire avancer les prescriptions.',
  token: "Les outils de l'atelier (jetons d'API) ne traitent que les machines : les prescriptions restent aux coordinateurs.",
} as const;

interface RequestState {
  userAbility?: { can(action: string): boolean };
  auth?: { strategy?: { name?: string } };
}

/**
 * Prescriptions name a household: reading or moving them on the line needs the prescriptions'
 * own permissions, whatever the stage's roles say; workshop tools (API tokens) never reach them.
 * A PolicyError, the one 403 whose French message Strapi passes on.
 */
export function assertWorkflowAccess(ctx: Context, contentType: string, use: WorkflowUse): void {
  if (contentType !== PRESCRIPTION_UID) return;
  const state = ctx.state as RequestState;
  if (state.auth?.strategy?.name === 'content-api-token') throw new errors.PolicyError(MESSAGES.token, { rule: 'PRESCRIPTIONS_ACCESS' });
  if (!state.userAbility?.can(PRESCRIPTION_ACTIONS[use])) throw new errors.PolicyError(MESSAGES[use], { rule: 'PRESCRIPTIONS_ACCESS' });
}

/**
 * A unit reserved for (or handed over to) a prescription leaves that stage only as a move of the
 * prescription's reservation: the same permission as moving the prescription.
 */
export async function assertMachineMoveAccess(strapi: Core.Strapi, ctx: Context, contentType: string, documentId: string): Promise<void> {
  if (contentType !== MACHINE_UID) return;
  const row = (await strapi.db.query(MACHINE_UID).findOne({ where: { documentId }, select: ['pipelineStage'] })) as { pipelineStage?: string | null } | null;
  if (row?.pipelineStage && (PRESCRIPTION_DRIVEN_STAGES as readonly string[]).includes(row.pipelineStage)) assertWorkflowAccess(ctx, PRESCRIPTION_UID, 'transition');
}
