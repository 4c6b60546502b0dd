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

type PastEvent = Omit<EventPayload, 'seq' | 'prevHash'>;

/** A history to load: the events, the erasure and checklist records they speak of. */
export interface PastHistory {
  events: PastEvent[];
  erasures: Record<string, unknown>[];
  checklists: Record<string, unknown>[];
}

/** Who did a move: a volunteer at the bench (by name), or a staff account (by id). */
export interface Actor {
  id: string | null;
  name: string;
}

export const emptyHistory = (): PastHistory => ({ events: [], erasures: [], checklists: [] });

const event = (subjectType: string, subjectId: string, kind: EventPayload['kind'], at: Date, actor: Actor, extra: Partial<EventPayload> = {}): PastEvent => ({
  subjectType, subjectId, kind, fromStage: null, toStage: null, actorType: 'admin', actorId: actor.id,
  actorName: actor.name, at: at.toISOString(), details: {}, ...extra,
});

const volunteer = (r: Random): Actor => ({ id: null, name: r.pick(VOLUNTEERS) });

/** The stages a unit goes through from Réception to `target`. */
export function pathTo(target: MachineStage): MachineStage[] {
  return isOneOf(NOT_REUSED_STAGES, target) ? [M.received, M.sorting, target] : LINE.slice(0, LINE.indexOf(target as (typeof LINE)[number]) + 1);
}

/**
 * A unit's moves along `path` (its first stage is where it stands), the i-th at `times[i]`, with
 * what each stage leaves behind: the passed test checklist, an erasure per disk (or a volunteer's
 * attestation that it came without one), the cleaning and reinstallation checklists.
 */
export function walkUnit(history: PastHistory, m: SeededMachine, path: readonly string[], times: readonly Date[], r: Random, by?: (i: number) => Actor | undefined): void {
  path.slice(1).forEach((to, i) => {
    const from = path[i];
    const at = times[i];
    if (from === M.testing) {
      const items = TEST_ITEMS.map((item) => ({ key: item.key, label: item.label, required: item.required, checked: true }));
      history.checklists.push({ subjectType: MACHINE_UID, subjectId: m.documentId, stageKey: M.testing, items, passed: true, operator: r.pick(VOLUNTEERS) });
      history.events.push(event(MACHINE_UID, m.documentId, 'checklist', new Date(at.getTime() - 3_600_000), volunteer(r), { details: { stage: M.testing, passed: true, items } }));
    }
    if (from === M.erasing) {
      m.storageDevices.forEach((device) => {
        const ended = new Date(at.getTime() - 1_800_000);
        history.erasures.push({
          machineDocumentId: m.documentId, deviceDocumentId: device.documentId, deviceSerial: device.serial, method: 'nist_clear', passes: 1, tool: 'nwipe', toolVersion: '0.34',
          startedAt: new Date(ended.getTime() - 2 * 3_600_000).toISOString(), endedAt: ended.toISOString(), result: 'success',
          operator: r.pick(VOLUNTEERS), source: 'manual',
        });
        history.events.push(event(MACHINE_UID, m.documentId, 'erasure', ended, volunteer(r), {
          details: { device: device.documentId, deviceSerial: device.serial, method: 'nist_clear', result: 'success', tool: 'nwipe', toolVersion: '0.34' },
        }));
      });
      // A unit that came without its disk: a volunteer opened it and said so, at the bench.
      if (m.storageDevices.length === 0 && requiresStorageEvidence(m.type)) {
        history.events.push(event(MACHINE_UID, m.documentId, 'no_storage_attested', new Date(at.getTime() - 1_800_000), volunteer(r), {
          details: { statement: 'Aucun support de stockage constaté', note: 'Baie de disque vide : disque retiré par le donateur avant la collecte.' },
        }));
      }
    }
    if (from === M.cleaning || from === M.reinstalling) {
      const items = stageChecklist(from).map((item) => ({ key: item.key, label: item.label, required: item.required, checked: true }));
      history.checklists.push({ subjectType: MACHINE_UID, subjectId: m.documentId, stageKey: from, items, passed: true, operator: r.pick(VOLUNTEERS) });
    }
    history.events.push(event(MACHINE_UID, m.documentId, 'transition', at, by?.(i) ?? volunteer(r), { fromStage: from, toStage: to, details: { note: null, alsoMoved: [] } }));
  });
}

/**
 * A prescription's moves, and its unit's: received → under review → accepted (`decidedAt`) → a
 * ready unit reserved (`reservedAt`) → handed over (`handedOverAt`) → closed after the follow-up
 * (`closedAt`). Each date given takes it one step further.
 */
export function walkPrescription(
  history: PastHistory,
  p: { documentId: string; machine: string | null },
  dates: { reviewingAt: Date; decidedAt?: Date | null; reservedAt?: Date | null; handedOverAt?: Date | null; closedAt?: Date | null }
): void {
  const coordination: Actor = { id: null, name: 'Coordination' };
  const moveP = (from: string, to: string, when: Date, alsoMoved: unknown[] = []) => {
    history.events.push(event(PRESCRIPTION_UID, p.documentId, 'transition', when, coordination, { fromStage: from, toStage: to, details: { note: null, alsoMoved } }));
  };
  const moveM = (from: string, to: string, when: Date) => {
    history.events.push(event(MACHINE_UID, p.machine!, 'transition', when, coordination, { fromStage: from, toStage: to, details: { because: `prescription ${p.documentId}` } }));
  };
  moveP(P.received, P.reviewing, dates.reviewingAt);
  if (!dates.decidedAt) return;
  moveP(P.reviewing, P.accepted, dates.decidedAt);
  if (!p.machine || !dates.reservedAt) return;
  moveM(M.ready, M.reserved, dates.reservedAt);
  moveP(P.accepted, P.machineReserved, dates.reservedAt, [{ uid: MACHINE_UID, documentId: p.machine, from: M.ready, to: M.reserved }]);
  if (!dates.handedOverAt) return;
  moveM(M.reserved, M.handedOver, dates.handedOverAt);
  moveP(P.machineReserved, P.handedOver, dates.handedOverAt, [{ uid: MACHINE_UID, documentId: p.machine, from: M.reserved, to: M.handedOver }]);
  if (dates.closedAt) moveP(P.handedOver, P.closed, dates.closedAt);
}

/** The line resumed after the summer of 2012: the story's units still on it were all through by the winter. */
const RESUMED = new Date('2012-09-03T08:00:00.000Z').getTime();

/**
 * Spreads the demo data across the default workflows, with the history it would have: every
 * move an event, erasure records for every disk of a unit past Effacement, passed checklists.
 * At the end of the report (31 August 2012) each lot stands as its `spread` says; the units still
 * on the line then go on to Prête in the autumn of 2012, and each household's file is closed
 * after its follow-up, so that nothing of the story still waits today.
 * Written in bulk by the pipeline's `importPast` (the seed loads ~10,000 events), which chains
 * them as the history service does and sets each record's stage to where its history leads, so
 * every record's chain verifies.
 */
export async function advanceDemoPipeline(strapi: Core.Strapi, lots: SeededLot[], prescriptions: SeededPrescription[]): Promise<void> {
  const random = createRandom(1789);
  // Its own generator: the autumn of 2012 leaves the report's two years as they were drawn.
  const autumn = createRandom(2013);
  const history = emptyHistory();
  const handedOver = new Map(prescriptions.filter((p) => p.machine && p.handedOverAt).map((p) => [p.machine!, p]));

  for (const lot of lots) {
    const start = new Date(`${lot.collectedAt}T09:00:00.000Z`).getTime();
    for (const m of lot.machines) {
      const reservation = handedOver.get(m.documentId);
      const target = reservation
        ? M.ready
        : m.conditionGrade === 'unusable'
          ? random.next() < 0.6 ? M.recycled : M.dismantled
          : random.weighted(lot.spread);
      const path = pathTo(target);
      const until = reservation ? new Date(`${reservation.decidedAt}T09:00:00.000Z`).getTime() : start + 40 * DAY;
      const step = Math.max(DAY / 4, Math.min(2 * DAY, (until - start) / (path.length + 1)));
      walkUnit(history, m, path, path.slice(1).map((_, i) => new Date(start + (i + 1) * step)), random);
      if (!isOneOf(LINE, target) || target === M.ready) continue;
      // Still on the line at the end of the report: through to Prête in the autumn.
      const rest = LINE.slice(LINE.indexOf(target as (typeof LINE)[number]));
      let at = RESUMED + autumn.int(0, 100) * DAY;
      walkUnit(history, m, rest, rest.slice(1).map(() => new Date((at += autumn.int(1, 3) * DAY))), autumn);
    }
  }

  for (const p of prescriptions) {
    const at = (date: string, plusDays = 0) => new Date(new Date(`${date}T10:00:00.000Z`).getTime() + plusDays * DAY);
    const handed = p.decidedAt && p.machine && p.handedOverAt;
    walkPrescription(history, p, {
      reviewingAt: at(p.receivedAt, 2),
      decidedAt: p.decidedAt ? at(p.decidedAt) : null,
      reservedAt: handed ? at(p.decidedAt!, 3) : null,
      handedOverAt: handed ? at(p.handedOverAt!) : null,
      closedAt: handed ? at(p.handedOverAt!, 90) : null,
    });
  }

  await writeHistory(strapi, history);
}

/** Hands a history to the pipeline, which chains it and sets each record's stage from it. */
export async function writeHistory(strapi: Core.Strapi, history: PastHistory): Promise<void> {
  const transitions = strapi.plugin('pipeline').service('transitions') as {
    importPast(events: PastEvent[], records: { erasures: Record<string, unknown>[]; checklists: Record<string, unknown>[] }): Promise<void>;
  };
  await transitions.importPast(history.events, { erasures: history.erasures, checklists: history.checklists });
}
