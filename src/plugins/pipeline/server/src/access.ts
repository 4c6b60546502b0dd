import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { actorFromContext } from './actor';
import { PRESCRIPTION_DRIVEN_STAGES } from './domain/guards';
import { MACHINE_UID, nextStages, PRESCRIPTION_UID, type WorkflowDef } from './domain/workflow';
import type { MoveOffer } from '../../shared/contracts';
import { isOneOf, PRESCRIPTION_STAGE } from '../../../../shared/vocabulary';

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
  moveAny: 'Votre rôle ne permet pas de faire avancer les fiches.',
  throughPrescription: 'Une machine se réserve et se remet depuis sa prescription (fiche de la prescription, « Parcours »).',
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

const MACHINE_TRANSITION = 'plugin::pipeline.transition';

/**
 * The moves out of `stageKey` and whether this request's user may make each, by the same rules
 * the transition route applies before its transaction: the route's permission, the prescriptions'
 * own permission, the stage's roles, and units reserved or handed over only through their
 * prescription. Rules that depend on the record's data (erasure, tests, membership) stay with the
 * transition, which refuses with its French message.
 */
export function movesFor(ctx: Context, workflow: WorkflowDef, stageKey: string): MoveOffer[] {
  const state = ctx.state as RequestState;
  const actor = actorFromContext(ctx);
  const token = state.auth?.strategy?.name === 'content-api-token';
  const can = (action: string) => token || Boolean(state.userAbility?.can(action));
  const isPrescription = workflow.contentType === PRESCRIPTION_UID;
  const routeReason = !can(MACHINE_TRANSITION) ? MESSAGES.moveAny : null;
  const workflowReason = isPrescription ? (token ? MESSAGES.token : !can(PRESCRIPTION_ACTIONS.transition) ? MESSAGES.transition : null) : null;
  const heldByPrescription = !isPrescription && isOneOf(PRESCRIPTION_DRIVEN_STAGES, stageKey);
  const heldReason = heldByPrescription && (token || !can(PRESCRIPTION_ACTIONS.transition)) ? MESSAGES.transition : null;
  return nextStages(workflow, stageKey).map((stage) => {
    const reason =
      routeReason ??
      workflowReason ??
      heldReason ??
      (!isPrescription && isOneOf(PRESCRIPTION_DRIVEN_STAGES, stage.key) ? MESSAGES.throughPrescription : null) ??
      (stage.enterRoles.length > 0 && !actor.superAdmin && !(actor.type === 'admin' && actor.roleCodes.some((c) => stage.enterRoles.includes(c)))
        ? `Votre rôle ne permet pas de passer une fiche à l'étape « ${stage.label} » : elle est réservée à la coordination.`
        : null);
    return { stage, allowed: reason === null, reason, needsMachine: isPrescription && stage.key === PRESCRIPTION_STAGE.machineReserved };
  });
}
