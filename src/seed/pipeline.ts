import type { Core } from '@strapi/strapi';
import { eventHash, type EventPayload } from '../plugins/pipeline/server/src/domain/chain';
import { MACHINE_WORKFLOW } from '../plugins/pipeline/server/src/domain/defaults';
import { requiresStorageEvidence } from '../plugins/pipeline/server/src/domain/erasure-status';
import { MACHINE_UID, PRESCRIPTION_UID } from '../plugins/pipeline/server/src/domain/workflow';
import { createRandom, type Random } from './random';

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
  spread: ReadonlyArray<readonly [string, number]>;
}

export interface SeededPrescription {
  documentId: string;
  receivedAt: string;
  decidedAt: string | null;
  handedOverAt: string | null;
  machine: string | null;
}

const LINE = ['received', 'sorting', 'testing', 'erasing', 'cleaning', 'reinstalling', 'ready'];
const VOLUNTEERS = ['Marie K. (bénévole)', 'Yannick L. (bénévole)', 'Solène P. (bénévole)', 'Gaël T. (bénévole)'];
const DAY = 86_400_000;
const TEST_ITEMS = MACHINE_WORKFLOW.stages.find((s) => s.key === 'testing')!.checklist;
const stageChecklist = (key: string) => MACHINE_WORKFLOW.stages.find((s) => s.key === key)?.checklist ?? [];

interface Pending {
  events: Array<Omit<EventPayload, 'seq' | 'prevHash'>>;
  stage: string;
}

/**
 * Spreads the demo data across the default workflows, with the history it would have: every
 * move an event, erasure records for every disk of a unit past Effacement, passed checklists.
 * Written in bulk (the seed loads ~8,000 events); the chain is computed exactly as the
 * history service computes it, so every record's chain verifies.
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
        ? 'ready'
        : m.conditionGrade === 'unusable'
          ? random.next() < 0.6 ? 'recycled' : 'dismantled'
          : random.weighted(lot.spread);
      const path = ['recycled', 'dismantled'].includes(target) ? ['received', 'sorting', target] : LINE.slice(0, LINE.indexOf(target) + 1);
      const until = reservation ? new Date(`${reservation.decidedAt}T09:00:00.000Z`).getTime() : start + 40 * DAY;
      const step = Math.max(DAY / 4, Math.min(2 * DAY, (until - start) / (path.length + 1)));
      const pending: Pending = { events: [], stage: path[path.length - 1] };
      path.slice(1).forEach((to, i) => {
        const from = path[i];
        const at = new Date(start + (i + 1) * step);
        if (from === 'testing') {
          const items = TEST_ITEMS.map((item) => ({ key: item.key, label: item.label, required: item.required, checked: true }));
          checklists.push({ subjectType: MACHINE_UID, subjectId: m.documentId, stageKey: 'testing', items, passed: true, operator: random.pick(VOLUNTEERS) });
          pending.events.push(event(MACHINE_UID, m.documentId, 'checklist', new Date(at.getTime() - 3_600_000), random, { details: { stage: 'testing', passed: true, items } }));
        }
        if (from === 'erasing') {
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
        if (from === 'cleaning' || from === 'reinstalling') {
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
    const pending: Pending = { events: [], stage: 'received' };
    const moveP = (from: string, to: string, when: Date, alsoMoved: unknown[] = []) => {
      pending.events.push(event(PRESCRIPTION_UID, p.documentId, 'transition', when, random, { actorName: 'Coordination', fromStage: from, toStage: to, details: { note: null, alsoMoved } }));
      pending.stage = to;
    };
    moveP('received', 'reviewing', at(p.receivedAt, 2));
    if (p.decidedAt) moveP('reviewing', 'accepted', at(p.decidedAt));
    if (p.decidedAt && p.machine && p.handedOverAt) {
      const machinePlan = plans.get(p.machine);
      const reserveAt = at(p.decidedAt, 3);
      const handAt = at(p.handedOverAt);
      const moveM = (from: string, to: string, when: Date) => {
        machinePlan?.events.push(event(MACHINE_UID, p.machine!, 'transition', when, random, { actorName: 'Coordination', fromStage: from, toStage: to, details: { because: `prescription ${p.documentId}` } }));
        if (machinePlan) machinePlan.stage = to;
      };
      moveM('ready', 'reserved', reserveAt);
      moveP('accepted', 'machine_reserved', reserveAt, [{ uid: MACHINE_UID, documentId: p.machine, from: 'ready', to: 'reserved' }]);
      moveM('reserved', 'handed_over', handAt);
      moveP('machine_reserved', 'handed_over', handAt, [{ uid: MACHINE_UID, documentId: p.machine, from: 'reserved', to: 'handed_over' }]);
      if (p.handedOverAt < '2012-06-01') moveP('handed_over', 'closed', at(p.handedOverAt, 90));
    }
    plans.set(p.documentId, pending);
  }

  await writePlans(strapi, plans, erasures, checklists);
}

async function writePlans(strapi: Core.Strapi, plans: Map<string, Pending>, erasures: Record<string, unknown>[], checklists: Record<string, unknown>[]) {
  await strapi.db.transaction(async ({ trx }) => {
    // The chains continue from each record's "created" event, written when it was created.
    const firsts = (await trx('sv_pipeline_events').select('subject_id', 'seq', 'hash').whereIn('subject_id', [...plans.keys()]).orderBy('seq')) as Array<{ subject_id: string; seq: number; hash: string }>;
    const last = new Map(firsts.map((e) => [e.subject_id, e]));
    const rows: Record<string, unknown>[] = [];
    for (const [subjectId, plan] of plans) {
      let prev = last.get(subjectId);
      const sorted = [...plan.events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      for (const e of sorted) {
        const payload: EventPayload = { ...e, seq: (prev?.seq ?? 0) + 1, prevHash: prev?.hash ?? null };
        const hash = eventHash(payload);
        rows.push({ ...payload, hash });
        prev = { subject_id: subjectId, seq: payload.seq, hash };
      }
    }
    // Bulk writes through the Query Engine (it fills ids and timestamps): thousands of rows.
    for (let i = 0; i < rows.length; i += 500) await strapi.db.query('plugin::pipeline.event').createMany({ data: rows.slice(i, i + 500) });
    for (let i = 0; i < erasures.length; i += 500) await strapi.db.query('plugin::pipeline.erasure-record').createMany({ data: erasures.slice(i, i + 500) });
    for (let i = 0; i < checklists.length; i += 500) await strapi.db.query('plugin::pipeline.checklist-result').createMany({ data: checklists.slice(i, i + 500) });
    const byStage = new Map<string, string[]>();
    for (const [id, plan] of plans) byStage.set(plan.stage, [...(byStage.get(plan.stage) ?? []), id]);
    for (const [stage, ids] of byStage) {
      for (const table of ['machines', 'prescriptions']) await trx(table).whereIn('document_id', ids).update({ pipeline_stage: stage });
    }
  });
}
