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
import { ConflictError } from '../../../../../shared/server/errors';
import { IN_TRANSFER_MESSAGE, unitsInOpenTransfer } from '../../../../../shared/server/transfers';
import { StageRoleError } from '../errors';
import { eventHash, type EventPayload } from '../domain/chain';
import { getService } from '../utils';
import { today } from '../../../../../shared/server/clock';
import { workshopsOfRecords } from '../../../../../shared/server/workshops';
import { FINISHED_PRESCRIPTION_STAGES, isOneOf, MACHINE_STAGE as M, PRESCRIPTION_DRIVEN_STAGES, PRESCRIPTION_STAGE as P } from '../../../../../shared/vocabulary';

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

/** A move made by the workflow settings: its record's stage is being removed. */
export interface SettingsMove {
  /** The workflow as it will be saved: the destination is one of its stages. */
  workflow: WorkflowDef;
  /** The removed stage, which the edited workflow has no transition from. */
  removed: string;
}

/** An event of the past, loaded in bulk (the demo's history, a test's starting point). */
export type PastEvent = Omit<EventPayload, 'seq' | 'prevHash'>;

export interface MoveResult {
  documentId: string;
  from: string;
  to: string;
  /** Other records moved with this one (a prescription's machine). */
  alsoMoved: Array<{ uid: string; documentId: string; from: string; to: string }>;
}

function assertVerdict(verdict: Verdict, currentStage: string): void {
  if (!verdict.ok) throw new ConflictError(verdict.message, { rule: verdict.rule, currentStage });
}

/** The transition engine: one move = one transaction, with the row locked and the rules checked. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const records = () => getService(strapi, 'records');
  const history = () => getService(strapi, 'history');

  /** A stage that names roles is entered only by them (and super-admins); API tokens never enter it. */
  function authorize(actor: Actor, workflow: WorkflowDef, stage: StageDef, currentStage: string): void {
    if (actor.superAdmin) return;
    if (stage.enterRoles.length === 0) return;
    if (actor.type === 'admin' && actor.roleCodes.some((c) => stage.enterRoles.includes(c))) return;
    const who = actor.type === 'api-token' ? 'Un jeton API ne peut pas' : 'Votre rôle ne permet pas de';
    throw new StageRoleError(`${who} passer une fiche à l'étape « ${stage.label} » (${workflow.name}) : elle est réservée à la coordination.`, {
      rule: 'STAGE_ROLE_REQUIRED',
      currentStage,
      stage: stage.key,
    });
  }

  /** The record's workflow as of now, read under a share lock on its row (a settings save waits, and is waited for). */
  async function lockedWorkflow(uid: string): Promise<WorkflowDef> {
    const workflow = await getService(strapi, 'workflows').lockForMove(uid);
    if (!workflow) throw new errors.NotFoundError("Ce type de fiche n'a pas de workflow.");
    return workflow;
  }

  /** The one place a stage is written: always next to the event that records the move. */
  async function setStage(uid: string, id: number, stage: string, extra: Record<string, unknown> = {}): Promise<void> {
    await strapi.db.query(uid as 'api::machine.machine').update({ where: { id }, data: { pipelineStage: stage, ...extra } });
  }

  /** A unit held by an open transfer between workshops moves for neither side (docs/network.md). Read with the unit's row locked. */
  async function assertNotInTransfer(machineId: number, from: string): Promise<void> {
    const held = await unitsInOpenTransfer(strapi, [machineId]);
    if (held.length) throw new ConflictError(IN_TRANSFER_MESSAGE(held.map((h) => `${h.labelCode ?? ''} : ${h.number ?? ''}`).join(', ')), { rule: 'IN_TRANSFER', currentStage: from });
  }

  /** Moves a machine as part of its prescription's move (same transaction, its own event). */
  async function moveMachineAlong(machineDocumentId: string, to: string, actor: Actor, because: string, extra: Record<string, unknown> = {}) {
    const workflow = await lockedWorkflow(MACHINE_UID);
    const row = await records().lock(MACHINE_UID, machineDocumentId);
    await assertNotInTransfer(row.id, row.stage ?? '');
    const from = row.stage ?? '';
    if (!findTransition(workflow, from, to)) {
      throw new ConflictError(`La machine est à l'étape « ${findStage(workflow, from)?.label ?? from} » : elle ne peut pas passer à « ${findStage(workflow, to)?.label ?? to} ».`, { rule: 'TRANSITION_NOT_ALLOWED', currentStage: from });
    }
    if (isOneOf(PRESCRIPTION_DRIVEN_STAGES, to)) {
      assertVerdict(await releaseVerdict(to, machineDocumentId), from);
    }
    const qualification = await getService(strapi, 'qualifications').forStage(actor, workflow, findStage(workflow, from), from);
    await setStage(MACHINE_UID, row.id, to, extra);
    await history().append(
      { subjectType: MACHINE_UID, subjectId: machineDocumentId, kind: 'transition', fromStage: from, toStage: to, details: { because, ...(qualification ? { qualification } : {}) } },
      actor
    );
    return { uid: MACHINE_UID, documentId: machineDocumentId, from, to };
  }

  /** The release rules, read after the unit's row is locked: the one erasure status and the latest test. */
  async function releaseVerdict(to: string, machineDocumentId: string): Promise<Verdict> {
    if (!isReleaseStage(to)) return { ok: true };
    return machineReleaseVerdict(
      to,
      await getService(strapi, 'erasure-status').forMachine(machineDocumentId),
      await records().latestChecklist(MACHINE_UID, machineDocumentId, M.testing)
    );
  }

  async function heldMachines(prescriptionId: number) {
    return (await strapi.db.query(MACHINE_UID).findMany({
      where: { prescription: { id: prescriptionId }, pipelineStage: { $in: [...PRESCRIPTION_DRIVEN_STAGES] } },
      select: ['id', 'documentId', 'pipelineStage'],
    })) as Array<{ id: number; documentId: string; pipelineStage: string }>;
  }

  return {
    /**
     * Moves a record: one transaction, the workflow's row share-locked and the record's row locked,
     * every rule checked, one event. `settings` is a move the workflow settings make when they remove
     * the record's stage: the edited workflow gives the destination, the removed stage has no
     * transition to check, and every other rule applies as to any move.
     */
    async move(input: MoveInput, actor: Actor, settings?: SettingsMove): Promise<MoveResult> {
      if (!settings) {
        // Checked before anything is locked: a move to a stage the workflow does not have is a bad request.
        const known = await getService(strapi, 'workflows').forContentType(input.uid);
        if (!known) throw new errors.NotFoundError("Ce type de fiche n'a pas de workflow.");
        if (!findStage(known, input.to)) {
          throw new errors.ValidationError(`Étape inconnue : « ${input.to} ».`, { errors: [{ path: ['to'], message: 'Étape inconnue.', name: 'ValidationError', value: input.to }] });
        }
      }

      const result = await strapi.db.transaction(async ({ onCommit }) => {
        const current = await lockedWorkflow(input.uid);
        const workflow = settings?.workflow ?? current;
        const target = findStage(workflow, input.to);
        if (!target) {
          throw new ConflictError(`L'étape « ${input.to} » n'existe plus : rechargez la page.`, { rule: 'TRANSITION_NOT_ALLOWED', currentStage: null });
        }
        const row = await records().lock(input.uid, input.documentId);
        const from = row.stage ?? '';
        if (input.uid === MACHINE_UID) await assertNotInTransfer(row.id, from);
        const label = (key: string) => findStage(workflow, key)?.label ?? findStage(current, key)?.label ?? key;
        if (input.from && input.from !== from) {
          throw new ConflictError(`Cette fiche a changé d'étape entre-temps : elle est maintenant à « ${label(from)} ».`, { rule: 'STALE_STAGE', currentStage: from });
        }
        if (from === input.to) {
          throw new ConflictError(`Cette fiche est déjà à l'étape « ${label(from)} ».`, { rule: 'ALREADY_THERE', currentStage: from });
        }
        const transition = settings ? { from, to: input.to, actions: [] } : findTransition(workflow, from, input.to);
        if (!transition) {
          throw new ConflictError(`Le workflow ne prévoit pas de passer de « ${label(from)} » à « ${label(input.to)} ».`, { rule: 'TRANSITION_NOT_ALLOWED', currentStage: from });
        }
        if (input.uid === MACHINE_UID) assertVerdict(directMachineMoveVerdict(input.to, false), from);
        authorize(actor, workflow, target, from);
        // The work of the stage the record leaves (its required skill, if the settings name one).
        const qualification = await getService(strapi, 'qualifications').forStage(actor, current, findStage(current, from), from);

        const alsoMoved: MoveResult['alsoMoved'] = [];
        const extra: Record<string, unknown> = {};
        if (input.uid === MACHINE_UID) {
          assertVerdict(await releaseVerdict(input.to, input.documentId), from);
        }
        if (input.uid === PRESCRIPTION_UID) {
          const held = await heldMachines(row.id);
          if (input.to === P.accepted && from !== P.machineReserved) {
            const prescription = await strapi.db.query(PRESCRIPTION_UID).findOne({
              where: { id: row.id },
              populate: { prescriber: { populate: { conventions: { select: ['kind', 'state', 'startDate', 'endDate'] } } } },
            });
            assertVerdict(membershipVerdict(prescription?.prescriber?.conventions ?? [], today()), from);
          }
          if (input.to === P.machineReserved) {
            if (!input.machine) {
              throw new errors.ValidationError('Choisissez la machine à réserver.', { errors: [{ path: ['machine'], message: 'Machine manquante.', name: 'ValidationError', value: null }] });
            }
            const machineRow = await records().lock(MACHINE_UID, input.machine);
            // A unit is reserved in its own workshop: another workshop's unit is unknown here (docs/network.md).
            const homes = await workshopsOfRecords(strapi, MACHINE_UID, [machineRow.id]);
            const prescriptionHome = (await workshopsOfRecords(strapi, PRESCRIPTION_UID, [row.id])).get(row.id) ?? null;
            if ((homes.get(machineRow.id) ?? null) !== prescriptionHome) throw new errors.NotFoundError('Fiche introuvable.');
            const machine = await strapi.db.query(MACHINE_UID).findOne({ where: { id: machineRow.id }, populate: { prescription: { select: ['id', 'number', 'pipelineStage'] } } });
            const other = machine?.prescription && machine.prescription.id !== row.id && !isOneOf(FINISHED_PRESCRIPTION_STAGES, machine.prescription.pipelineStage) ? [machine.prescription.number as string] : [];
            assertVerdict(reservationVerdict({ machineStage: machineRow.stage ?? '', otherOpenPrescriptions: other, heldMachines: held.length }), from);
            alsoMoved.push(await moveMachineAlong(input.machine, M.reserved, actor, `prescription ${input.documentId}`, { prescription: row.id }));
          }
          if (from === P.machineReserved && isOneOf([P.accepted, P.withdrawn], input.to)) {
            for (const m of held) alsoMoved.push(await moveMachineAlong(m.documentId, M.ready, actor, `réservation annulée (prescription ${input.documentId})`, { prescription: null }));
          }
          if (input.to === P.handedOver) {
            assertVerdict(handoverVerdict(held.map((m) => m.pipelineStage)), from);
            for (const m of held) alsoMoved.push(await moveMachineAlong(m.documentId, M.handedOver, actor, `remise (prescription ${input.documentId})`));
            extra.handedOverAt = today();
          }
          if (isOneOf([P.accepted, P.refused], input.to) && from !== P.machineReserved) extra.decidedAt = today();
        }

        await setStage(input.uid, row.id, input.to, extra);
        const event = await history().append(
          {
            subjectType: input.uid,
            subjectId: input.documentId,
            kind: 'transition',
            fromStage: from,
            toStage: input.to,
            details: {
              note: input.note ?? null,
              alsoMoved,
              ...(settings ? { because: `étape « ${label(settings.removed)} » supprimée dans la configuration` } : {}),
              ...(qualification ? { qualification } : {}),
            },
          },
          actor
        );
        onCommit(() => {
          void strapi.eventHub
            .emit('pipeline.transition', { uid: input.uid, documentId: input.documentId, from, to: input.to, actor: actor.name, at: event.at, alsoMoved })
            .catch((error: Error) => strapi.log.error(`[pipeline] événement pipeline.transition non émis : ${error.message}`));
          void getService(strapi, 'actions').runAll(transition.actions, { uid: input.uid, documentId: input.documentId, from, to: input.to, actor });
          // A machine moved along with its prescription made a transition of its own: its webhook and actions too.
          void (async () => {
            const machines = alsoMoved.length ? await getService(strapi, 'workflows').forContentType(MACHINE_UID) : null;
            for (const m of alsoMoved) {
              void strapi.eventHub
                .emit('pipeline.transition', { uid: m.uid, documentId: m.documentId, from: m.from, to: m.to, actor: actor.name, at: event.at, alsoMoved: [] })
                .catch((error: Error) => strapi.log.error(`[pipeline] événement pipeline.transition non émis : ${error.message}`));
              const own = machines ? findTransition(machines, m.from, m.to) : null;
              if (own) await getService(strapi, 'actions').runAll(own.actions, { uid: m.uid, documentId: m.documentId, from: m.from, to: m.to, actor });
            }
          })().catch((error: Error) => strapi.log.error(`[pipeline] actions des machines déplacées non exécutées : ${error.message}`));
        });
        return { documentId: input.documentId, from, to: input.to, alsoMoved };
      });
      return result;
    },

    /**
     * Loads a history that already happened (the demo's two years, a test's starting point), in
     * bulk: each record's events are chained after its existing ones, its erasure and checklist
     * records written, and its stage set to where its last move leads — derived from the events
     * written, so the stage and the history cannot disagree. No rule is checked: only the app's
     * own code calls this, never a route.
     */
    async importPast(events: PastEvent[], records: { erasures?: Array<Record<string, unknown>>; checklists?: Array<Record<string, unknown>> } = {}): Promise<void> {
      await strapi.db.transaction(async ({ trx }) => {
        const subjects = [...new Set(events.map((e) => e.subjectId))];
        const existing = (await trx('sv_pipeline_events')
          .select('subject_id', 'seq', 'hash')
          .whereIn('subject_id', subjects)
          .orderBy('seq')) as Array<{ subject_id: string; seq: number; hash: string }>;
        const last = new Map<string, { seq: number; hash: string }>();
        for (const e of existing) last.set(e.subject_id, e);
        /** Where each record's new history leads. */
        const stage = new Map<string, { uid: string; stage: string }>();
        const rows: Array<EventPayload & { hash: string }> = [];
        const key = (e: PastEvent) => `${e.subjectId}\u0000${e.at}`;
        // Stable: events of one record at the same instant keep the order they were given in.
        const sorted = [...events].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
        for (const e of sorted) {
          const prev = last.get(e.subjectId);
          const payload: EventPayload = { ...e, seq: (prev?.seq ?? 0) + 1, prevHash: prev?.hash ?? null };
          const hash = eventHash(payload);
          rows.push({ ...payload, hash });
          last.set(e.subjectId, { seq: payload.seq, hash });
          if (e.toStage) stage.set(e.subjectId, { uid: e.subjectType, stage: e.toStage });
        }
        // Bulk writes through the Query Engine (it fills ids and timestamps): thousands of rows.
        for (let i = 0; i < rows.length; i += 500) await strapi.db.query('plugin::pipeline.event').createMany({ data: rows.slice(i, i + 500) });
        const erasures = records.erasures ?? [];
        const checklists = records.checklists ?? [];
        for (let i = 0; i < erasures.length; i += 500) await strapi.db.query('plugin::pipeline.erasure-record').createMany({ data: erasures.slice(i, i + 500) });
        for (let i = 0; i < checklists.length; i += 500) await strapi.db.query('plugin::pipeline.checklist-result').createMany({ data: checklists.slice(i, i + 500) });
        const byStage = new Map<string, Map<string, string[]>>();
        for (const [subjectId, s] of stage) {
          const table = strapi.db.metadata.get(s.uid as 'api::machine.machine').tableName;
          const tables = byStage.get(s.stage) ?? new Map<string, string[]>();
          tables.set(table, [...(tables.get(table) ?? []), subjectId]);
          byStage.set(s.stage, tables);
        }
        // Raw knex: one UPDATE per stage for thousands of records, each stage the one its history just led to.
        for (const [to, tables] of byStage) {
          for (const [table, ids] of tables) {
            for (let i = 0; i < ids.length; i += 1000) await trx(table).whereIn('document_id', ids.slice(i, i + 1000)).update({ pipeline_stage: to });
          }
        }
      });
    },
  };
};
