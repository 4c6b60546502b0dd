import type { Core } from '@strapi/strapi';
import type { EventPayload } from '../plugins/pipeline/server/src/domain/chain';
import { MACHINE_WORKFLOW } from '../plugins/pipeline/server/src/domain/defaults';
import { requiresStorageEvidence } from '../plugins/pipeline/server/src/domain/erasure-status';
import { MACHINE_UID, PRESCRIPTION_UID } from '../plugins/pipeline/server/src/domain/workflow';
import { createRandom, type Random } from './random';
import { MACHINE_STAGE as M, NOT_REUSED_STAGES, PRESCRIPTION_STAGE as P, isOneOf, type MachineStage } from '../shared/vocabulary';

/** What the seed knows of a unit it created: enough to tell its story on the line. */
export interface SeededMachine {
  documentId: string;
  type: string;
  conditionGrade: string;
  storageDevices: Array<{ documentId: string; serial: string | null }>;
}

export interface SeededLot {
  collectedAt: string;
  machines: SeededMachine[];
  /** Share of usable units at each stage, for a lot collected at that point of the story. */
  spread: ReadonlyArray<readonly [MachineStage, number]>;
}

export interface SeededPrescription {
  documentId: string;
  receivedAt: string;
  decidedAt: string | null;
  handedOverAt: string | null;
  machine: string | null;
}

const LINE = [M.received, M.sorting, M.testing, M.erasing, M.cleaning, M.reinstalling, M.ready];
const VOLUNTEERS = ['Marie K. (bénévole)', 'Yannick L. (bénévole)', 'Solène P. (bénévole)', 'Gaël T. (bénévole)'];
const DAY = 86_400_000;
const TEST_ITEMS = MACHINE_WORKFLOW.stages.find((s) => s.key === M.testing)!.checklist;
const stageChecklist = (key: string) => MACHINE_WORKFLOW.stages.find((s) => s.key === key)?.checklist ?? [];

interface Pending {
  events: Array<Omit<EventPayload, 'seq' | 'prevHash'>>;
}

/**
 * Spreads the demo data across the default workflows, with the history it would have: every
 * move an event, erasure records for every disk of a unit past Effacement, passed checklists.
 * Written in bulk by the pipeline's `importPast` (the seed loads ~8,000 events), which chains
 * them as the history service does and sets each record's stage to where its history leads, so
 * every record's chain verifies.
 */
export async function advanceDemoPipeline(strapi: Core.Strapi, lots: SeededLot[], prescriptions: SeededPrescription[]): Promise<void> {
  const random = createRandom(1789);
  const plans = new Map<string, Pending>();
  const erasures: Record<string, unknown>[] = [];
  const checklists: Record<string, unknown>[] = [];
  const handedOver = new Map(prescriptions.filter((p) => p.machine && p.handedOverAt).map((p) => [p.machine!, p]));

  const event = (subjectType: string, subjectId: string, kind: EventPayload['kind'], at: Date, r: Random, extra: Partial<EventPayload> = {}) => ({
    subjectType, subjectId, kind, fromStage: null, toStage: null, actorType: 'admin', actorId: null,
    actorName: r.pick(VOLUNTEERS), at: at.toISOString(), details: {}, ...extra,
  });

  for (const lot of lots) {
    const start = new Date(`${lot.collectedAt}T09:00:00.000Z`).getTime();
    for (const m of lot.machines) {
      const reservation = handedOver.get(m.documentId);
      const target = reservation
        ? M.ready
        : m.conditionGrade === 'unusable'
          ? random.next() < 0.6 ? M.recycled : M.dismantled
          : random.weighted(lot.spread);
      const path: string[] = isOneOf(NOT_REUSED_STAGES, target) ? [M.received, M.sorting, target] : LINE.slice(0, LINE.indexOf(target as (typeof LINE)[number]) + 1);
      const until = reservation ? new Date(`${reservation.decidedAt}T09:00:00.000Z`).getTime() : start + 40 * DAY;
      const step = Math.max(DAY / 4, Math.min(2 * DAY, (until - start) / (path.length + 1)));
      const pending: Pending = { events: [] };
      path.slice(1).forEach((to, i) => {
        const from = path[i];
        const at = new Date(start + (i + 1) * step);
        if (from === M.testing) {
          const items = TEST_ITEMS.map((item) => ({ key: item.key, label: item.label, required: item.required, checked: true }));
          checklists.push({ subjectType: MACHINE_UID, subjectId: m.documentId, stageKey: M.testing, items, passed: true, operator: random.pick(VOLUNTEERS) });
          pending.events.push(event(MACHINE_UID, m.documentId, 'checklist', new Date(at.getTime() - 3_600_000), random, { details: { stage: M.testing, passed: true, items } }));
        }
        if (from === M.erasing) {
          m.storageDevices.forEach((device) => {
            const ended = new Date(at.getTime() - 1_800_000);
            erasures.push({
              machineDocumentId: m.documentId, deviceDocumentId: device.documentId, deviceSerial: device.serial, method: 'nist_clear', passes: 1, tool: 'nwipe', toolVersion: '0.34',
              startedAt: new Date(ended.getTime() - 2 * 3_600_000).toISOString(), endedAt: ended.toISOString(), result: 'success',
              operator: random.pick(VOLUNTEERS), source: 'manual',
            });
            pending.events.push(event(MACHINE_UID, m.documentId, 'erasure', ended, random, {
              details: { device: device.documentId, deviceSerial: device.serial, method: 'nist_clear', result: 'success', tool: 'nwipe', toolVersion: '0.34' },
            }));
          });
          // A unit that came without its disk: a volunteer opened it and said so, at the bench.
          if (m.storageDevices.length === 0 && requiresStorageEvidence(m.type)) {
            pending.events.push(event(MACHINE_UID, m.documentId, 'no_storage_attested', new Date(at.getTime() - 1_800_000), random, {
              details: { statement: 'Aucun support de stockage constaté', note: 'Baie de disque vide : disque retiré par le donateur avant la collecte.' },
            }));
          }
        }
        if (from === M.cleaning || from === M.reinstalling) {
          const items = stageChecklist(from).map((item) => ({ key: item.key, label: item.label, required: item.required, checked: true }));
          checklists.push({ subjectType: MACHINE_UID, subjectId: m.documentId, stageKey: from, items, passed: true, operator: random.pick(VOLUNTEERS) });
        }
        pending.events.push(event(MACHINE_UID, m.documentId, 'transition', at, random, { fromStage: from, toStage: to, details: { note: null, alsoMoved: [] } }));
      });
      plans.set(m.documentId, pending);
    }
  }

  for (const p of prescriptions) {
    const at = (date: string, plusDays = 0) => new Date(new Date(`${date}T10:00:00.000Z`).getTime() + plusDays * DAY);
    const pending: Pending = { events: [] };
    const moveP = (from: string, to: string, when: Date, alsoMoved: unknown[] = []) => {
      pending.events.push(event(PRESCRIPTION_UID, p.documentId, 'transition', when, random, { actorName: 'Coordination', fromStage: from, toStage: to, details: { note: null, alsoMoved } }));
    };
    moveP(P.received, P.reviewing, at(p.receivedAt, 2));
    if (p.decidedAt) moveP(P.reviewing, P.accepted, at(p.decidedAt));
    if (p.decidedAt && p.machine && p.handedOverAt) {
      const machinePlan = plans.get(p.machine);
      const reserveAt = at(p.decidedAt, 3);
      const handAt = at(p.handedOverAt);
      const moveM = (from: string, to: string, when: Date) => {
        machinePlan?.events.push(event(MACHINE_UID, p.machine!, 'transition', when, random, { actorName: 'Coordination', fromStage: from, toStage: to, details: { because: `prescription ${p.documentId}` } }));
      };
      moveM(M.ready, M.reserved, reserveAt);
      moveP(P.accepted, P.machineReserved, reserveAt, [{ uid: MACHINE_UID, documentId: p.machine, from: M.ready, to: M.reserved }]);
      moveM(M.reserved, M.handedOver, handAt);
      moveP(P.machineReserved, P.handedOver, handAt, [{ uid: MACHINE_UID, documentId: p.machine, from: M.reserved, to: M.handedOver }]);
      if (p.handedOverAt < '2012-06-01') moveP(P.handedOver, P.closed, at(p.handedOverAt, 90));
    }
    plans.set(p.documentId, pending);
  }

  await writePlans(strapi, plans, erasures, checklists);
}

/** Hands the whole history to the pipeline, which chains it and sets each record's stage from it. */
async function writePlans(strapi: Core.Strapi, plans: Map<string, Pending>, erasures: Record<string, unknown>[], checklists: Record<string, unknown>[]) {
  const events = [...plans.values()].flatMap((plan) => plan.events);
  const transitions = strapi.plugin('pipeline').service('transitions') as {
    importPast(events: Array<Omit<EventPayload, 'seq' | 'prevHash'>>, records: { erasures: Record<string, unknown>[]; checklists: Record<string, unknown>[] }): Promise<void>;
  };
  await transitions.importPast(events, { erasures, checklists });
}
