import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../actor';
import {
  directMachineMoveVerdict,
  isReleaseStage,
  handoverVerdict,
  machineReleaseVerdict,
  membershipVerdict,
  reservationVerdict,
  type Verdict,
} from '../domain/guards';
import { findStage, findTransition, MACHINE_UID, PRESCRIPTION_UID, type StageDef, type WorkflowDef } from '../domain/workflow';
import { ConflictError } from '../errors';
import { getService } from '../utils';

export interface MoveInput {
  uid: string;
  documentId: string;
  to: string;
  /** The stage the caller saw: when the record has moved since, the move is refused. */
  from?: string;
  /** For a prescription entering "Machine réservée": the machine to reserve. */
  machine?: string;
  note?: string;
}

export interface MoveResult {
  documentId: string;
  from: string;
  to: string;
  /** Other records moved with this one (a prescription's machine). */
  alsoMoved: Array<{ uid: string; documentId: string; from: string; to: string }>;
}

const today = () => new Date().toISOString().slice(0, 10);

function assertVerdict(verdict: Verdict, currentStage: string): void {
  if (!verdict.ok) throw new ConflictError(verdict.message, { rule: verdict.rule, currentStage });
}

/** The transition engine: one move = one transaction, with the row locked and the rules checked. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const records = () => getService(strapi, 'records');
  const history = () => getService(strapi, 'history');

  function authorize(actor: Actor, workflow: WorkflowDef, stage: StageDef): void {
    if (actor.superAdmin) return;
    if (stage.enterRoles.length === 0) return;
    if (actor.type === 'admin' && actor.roleCodes.some((c) => stage.enterRoles.includes(c))) return;
    throw new errors.ForbiddenError(`Votre rôle ne permet pas de passer une fiche à l'étape « ${stage.label} » (${workflow.name}).`);
  }

  async function setStage(uid: string, id: number, stage: string, extra: Record<string, unknown> = {}): Promise<void> {
    await strapi.db.query(uid as 'api::machine.machine').update({ where: { id }, data: { pipelineStage: stage, ...extra } });
  }

  /** Moves a machine as part of its prescription's move (same transaction, its own event). */
  async function moveMachineAlong(machineDocumentId: string, to: string, actor: Actor, because: string, extra: Record<string, unknown> = {}) {
    const workflow = await getService(strapi, 'workflows').forContentType(MACHINE_UID);
    const row = await records().lock(MACHINE_UID, machineDocumentId);
    const from = row.stage ?? '';
    if (workflow && !findTransition(workflow, from, to)) {
      throw new ConflictError(`La machine est à l'étape « ${findStage(workflow, from)?.label ?? from} » : elle ne peut pas passer à « ${findStage(workflow, to)?.label ?? to} ».`, { rule: 'TRANSITION_NOT_ALLOWED', currentStage: from });
    }
    if (to === 'reserved' || to === 'handed_over') {
      assertVerdict(await releaseVerdict(to, machineDocumentId), from);
    }
    await setStage(MACHINE_UID, row.id, to, extra);
    await history().append({ subjectType: MACHINE_UID, subjectId: machineDocumentId, kind: 'transition', fromStage: from, toStage: to, details: { because } }, actor);
    return { uid: MACHINE_UID, documentId: machineDocumentId, from, to };
  }

  /** The release rules, read after the unit's row is locked: the one erasure status and the latest test. */
  async function releaseVerdict(to: string, machineDocumentId: string): Promise<Verdict> {
    if (!isReleaseStage(to)) return { ok: true };
    return machineReleaseVerdict(
      to,
      await getService(strapi, 'erasure-status').forMachine(machineDocumentId),
      await records().latestChecklist(MACHINE_UID, machineDocumentId, 'testing')
    );
  }

  async function heldMachines(prescriptionId: number) {
    return (await strapi.db.query(MACHINE_UID).findMany({
      where: { prescription: { id: prescriptionId }, pipelineStage: { $in: ['reserved', 'handed_over'] } },
      select: ['id', 'documentId', 'pipelineStage'],
    })) as Array<{ id: number; documentId: string; pipelineStage: string }>;
  }

  return {
    async move(input: MoveInput, actor: Actor): Promise<MoveResult> {
      const workflow = await getService(strapi, 'workflows').forContentType(input.uid);
      if (!workflow) throw new errors.NotFoundError("Ce type de fiche n'a pas de workflow.");
      const target = findStage(workflow, input.to);
      if (!target) throw new errors.ValidationError(`Étape inconnue : « ${input.to} ».`, { errors: [{ path: ['to'], message: 'Étape inconnue.', name: 'ValidationError', value: input.to }] });
      authorize(actor, workflow, target);

      const result = await strapi.db.transaction(async ({ onCommit }) => {
        const row = await records().lock(input.uid, input.documentId);
        const from = row.stage ?? '';
        const label = (key: string) => findStage(workflow, key)?.label ?? key;
        if (input.from && input.from !== from) {
          throw new ConflictError(`Cette fiche a changé d'étape entre-temps : elle est maintenant à « ${label(from)} ».`, { rule: 'STALE_STAGE', currentStage: from });
        }
        if (from === input.to) {
          throw new ConflictError(`Cette fiche est déjà à l'étape « ${label(from)} ».`, { rule: 'ALREADY_THERE', currentStage: from });
        }
        const transition = findTransition(workflow, from, input.to);
        if (!transition) {
          throw new ConflictError(`Le workflow ne prévoit pas de passer de « ${label(from)} » à « ${label(input.to)} ».`, { rule: 'TRANSITION_NOT_ALLOWED', currentStage: from });
        }

        const alsoMoved: MoveResult['alsoMoved'] = [];
        const extra: Record<string, unknown> = {};
        if (input.uid === MACHINE_UID) {
          assertVerdict(directMachineMoveVerdict(input.to, false), from);
          assertVerdict(await releaseVerdict(input.to, input.documentId), from);
        }
        if (input.uid === PRESCRIPTION_UID) {
          const held = await heldMachines(row.id);
          if (input.to === 'accepted' && from !== 'machine_reserved') {
            const prescription = await strapi.db.query(PRESCRIPTION_UID).findOne({
              where: { id: row.id },
              populate: { prescriber: { populate: { conventions: { select: ['kind', 'state', 'startDate', 'endDate'] } } } },
            });
            assertVerdict(membershipVerdict(prescription?.prescriber?.conventions ?? [], today()), from);
          }
          if (input.to === 'machine_reserved') {
            if (!input.machine) {
              throw new errors.ValidationError('Choisissez la machine à réserver.', { errors: [{ path: ['machine'], message: 'Machine manquante.', name: 'ValidationError', value: null }] });
            }
            const machineRow = await records().lock(MACHINE_UID, input.machine);
            const machine = await strapi.db.query(MACHINE_UID).findOne({ where: { id: machineRow.id }, populate: { prescription: { select: ['id', 'number', 'pipelineStage'] } } });
            const other = machine?.prescription && machine.prescription.id !== row.id && !['handed_over', 'closed', 'refused', 'withdrawn'].includes(machine.prescription.pipelineStage) ? [machine.prescription.number as string] : [];
            assertVerdict(reservationVerdict({ machineStage: machineRow.stage ?? '', otherOpenPrescriptions: other, heldMachines: held.length }), from);
            alsoMoved.push(await moveMachineAlong(input.machine, 'reserved', actor, `prescription ${input.documentId}`, { prescription: row.id }));
          }
          if (from === 'machine_reserved' && ['accepted', 'withdrawn'].includes(input.to)) {
            for (const m of held) alsoMoved.push(await moveMachineAlong(m.documentId, 'ready', actor, `réservation annulée (prescription ${input.documentId})`, { prescription: null }));
          }
          if (input.to === 'handed_over') {
            assertVerdict(handoverVerdict(held.map((m) => m.pipelineStage)), from);
            for (const m of held) alsoMoved.push(await moveMachineAlong(m.documentId, 'handed_over', actor, `remise (prescription ${input.documentId})`));
            extra.handedOverAt = today();
          }
          if (['accepted', 'refused'].includes(input.to) && from !== 'machine_reserved') extra.decidedAt = today();
        }

        await setStage(input.uid, row.id, input.to, extra);
        const event = await history().append(
          { subjectType: input.uid, subjectId: input.documentId, kind: 'transition', fromStage: from, toStage: input.to, details: { note: input.note ?? null, alsoMoved } },
          actor
        );
        onCommit(() => {
          strapi.eventHub.emit('pipeline.transition', { uid: input.uid, documentId: input.documentId, from, to: input.to, actor: actor.name, at: event.at, alsoMoved });
          void getService(strapi, 'actions').runAll(transition.actions, { uid: input.uid, documentId: input.documentId, from, to: input.to, actor });
          // A machine moved along with its prescription made a transition of its own: its webhook and actions too.
          void (async () => {
            const machines = alsoMoved.length ? await getService(strapi, 'workflows').forContentType(MACHINE_UID) : null;
            for (const m of alsoMoved) {
              strapi.eventHub.emit('pipeline.transition', { uid: m.uid, documentId: m.documentId, from: m.from, to: m.to, actor: actor.name, at: event.at, alsoMoved: [] });
              const own = machines ? findTransition(machines, m.from, m.to) : null;
              if (own) await getService(strapi, 'actions').runAll(own.actions, { uid: m.uid, documentId: m.documentId, from: m.from, to: m.to, actor });
            }
          })().catch((error: Error) => strapi.log.error(`[pipeline] actions des machines déplacées non exécutées : ${error.message}`));
        });
        return { documentId: input.documentId, from, to: input.to, alsoMoved };
      });
      return result;
    },
  };
};
