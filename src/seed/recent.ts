import type { Core } from '@strapi/strapi';
import { dayOf, now, runAt } from '../shared/server/clock';
import { staffName } from '../shared/server/display-name';
import { MACHINE_STAGE as M, isOneOf, NOT_REUSED_STAGES, type MachineStage } from '../shared/vocabulary';
import { createFleet, type SeededUnit } from './fleet';
import { generateMachine } from './hardware';
import { emptyHistory, pathTo, walkPrescription, walkUnit, writeHistory, type Actor } from './pipeline';
import { createRandom, type Random } from './random';

/**
 * The recent stretch of the demo: after the 2011–2012 story, the workshop as it runs today. Every
 * date is a number of days before (or after) the day the seed runs, in Europe/Paris, so that the
 * line reads like a working one whenever the demo is loaded: a fleet of the CHU collected four
 * months ago and through the line, a fleet of the UBO collected three weeks ago and spread across
 * the stages (an earlier one of Alcatel-Lucent fills the year's charts), households' files at
 * every state, next steps due, a convention to renew. Apart
 * from that day, deterministic (its own seeded generator).
 */
export const RECENT_CONVENTIONS = [
  // Three years ending in a few weeks: the follow-up widget asks for its renewal.
  { donor: 'CHU de Brest', signedDaysAgo: 1055, endsInDays: 40, unitsExpected: 120, declaredUnitValue: 30 },
  { donor: 'Université de Bretagne Occidentale (UBO)', signedDaysAgo: 240, endsInDays: 855, unitsExpected: 80, declaredUnitValue: 35 },
] as const;

/** `spread`: share of usable units at each stage today; `null`: every unit through the line. */
export const RECENT_LOTS = [
  {
    donor: 'Alcatel-Lucent Brest', daysAgo: 235, count: 32, site: 'Alcatel-Lucent, technopôle Brest-Iroise, Plouzané', prefix: 'ALU-',
    mix: [[15, 30], [16, 30], [18, 20], [21, 20]], spread: null,
  },
  {
    donor: 'CHU de Brest', daysAgo: 118, count: 46, site: 'CHU Morvan, 2 avenue Foch, Brest', prefix: 'CHU-25-',
    mix: [[15, 35], [16, 25], [19, 20], [21, 20]], spread: null,
  },
  {
    donor: 'Université de Bretagne Occidentale (UBO)', daysAgo: 19, count: 38, site: 'UBO, faculté des sciences, 6 avenue Le Gorgeu, Brest', prefix: 'UBO-TP-',
    mix: [[15, 20], [17, 30], [18, 25], [20, 15], [21, 10]],
    spread: [[M.ready, 15], [M.reinstalling, 10], [M.cleaning, 10], [M.erasing, 15], [M.testing, 20], [M.sorting, 15], [M.received, 15]],
  },
] as const;

/** Households referred in the last months, at every state (days before the seed's day), oldest first. */
export const RECENT_PRESCRIPTIONS = [
  { household: 'Foyer V. B.', commune: 'Brest', children: 2, prescriber: 'CDAS de Brest Bellevue', device: 'desktop', screen: true, received: 205, reviewing: 203, decided: 198, reserved: 185, handedOver: 178, closed: 88 },
  { household: 'Foyer W. E.', commune: 'Brest', children: 1, prescriber: 'CCAS de Brest', device: 'desktop', received: 150, reviewing: 148, decided: 142, reserved: 135, handedOver: 127 },
  { household: 'Foyer U. K.', commune: 'Brest', children: 1, prescriber: 'CCAS de Brest', device: 'desktop', received: 105, reviewing: 103, decided: 99, reserved: 90, handedOver: 83 },
  { household: 'Foyer T. G.', commune: 'Brest', children: 3, prescriber: 'CDAS de Brest Bellevue', device: 'laptop', received: 80, reviewing: 78, decided: 73, reserved: 66, handedOver: 57 },
  { household: 'Foyer S. A.', commune: 'Brest', children: 1, prescriber: 'CCAS de Brest', device: 'desktop', screen: true, webcam: true, received: 58, reviewing: 56, decided: 51, reserved: 44, handedOver: 34 },
  { household: 'Foyer R. M.', commune: 'Plouzané', children: 2, prescriber: 'CDAS de Brest Bellevue', device: 'desktop', screen: true, received: 31, reviewing: 29, decided: 24, reserved: 5 },
  { household: 'Foyer Q. L.', commune: 'Brest', children: 1, prescriber: 'CDAS de Brest Bellevue', device: 'laptop', received: 24, reviewing: 22, decided: 17 },
  { household: 'Foyer P. J.', commune: 'Brest', children: 2, prescriber: 'CDAS de Brest Bellevue', device: 'desktop', screen: true, received: 9, reviewing: 7 },
  { household: 'Foyer O. D.', commune: 'Brest', children: 1, prescriber: 'CCAS de Brest', device: 'laptop', received: 2 },
] as const;

/** Contacts of the last weeks, with next steps due today, overdue, and due in a few days. */
export const RECENT_INTERACTIONS = [
  {
    donor: 'Alcatel-Lucent Brest', daysAgo: 250, kind: 'call', owned: false,
    summary: 'Appel aux moyens généraux : 32 postes et écrans du site remplacés ce printemps.', outcome: 'Collecte fixée ; la convention de 2011 court toujours.', nextStep: null, dueInDays: null,
  },
  {
    donor: 'Université de Bretagne Occidentale (UBO)', daysAgo: 33, kind: 'call', owned: false,
    summary: 'Appel à la DSI : 38 postes des salles de TP du Bouguen remplacés pendant les vacances.', outcome: 'Collecte fixée, deux bénévoles et le camion.', nextStep: null, dueInDays: null,
  },
  {
    donor: 'Banque du Ponant', daysAgo: 12, kind: 'meeting', owned: true,
    summary: 'Nouvelle rencontre avec la responsable RSE : les postes de l’agence de Brest seront renouvelés au printemps.', outcome: 'Intéressée ; attend une proposition de convention.',
    nextStep: 'Envoyer la proposition de convention et le modèle de certificat d’effacement', dueInDays: 4,
  },
  {
    donor: 'Technopôle Brest-Iroise', daysAgo: 16, kind: 'email', owned: false,
    summary: 'Courriel : présentation du reconditionnement solidaire aux entreprises du technopôle.', outcome: 'Pas encore de réponse.', nextStep: 'Relancer par téléphone', dueInDays: -2,
  },
  {
    donor: 'CHU de Brest', daysAgo: 6, kind: 'email', owned: true,
    summary: 'Courriel à la direction du numérique : la convention arrive à échéance, projet de renouvellement joint.', outcome: 'Accord de principe, signature à obtenir.',
    nextStep: 'Faire signer le renouvellement de la convention', dueInDays: 0,
  },
] as const;

const DAY = 86_400_000;
/** Moves made at the bench today, credited to the first staff account: its « Ma journée au poste ». */
const MOVED_TODAY = 4;

type Count = (uid: 'api::convention.convention' | 'api::donation.donation' | 'api::machine.machine' | 'api::storage-device.storage-device' | 'api::household.household' | 'api::prescription.prescription' | 'api::interaction.interaction' | 'api::pickup.pickup', n?: number) => void;
type Row = { id: number; documentId: string };

/** Loads the recent stretch. Idempotent: each record is looked up by a key that does not depend on the day. */
export async function seedRecent(strapi: Core.Strapi, count: Count): Promise<void> {
  const anchor = now();
  const day = (offset: number) => dayOf(new Date(anchor.getTime() + offset * DAY));
  /** A moment of the workshop's day `offset` (working hours, UTC), never after now. */
  const at = (offset: number, hour = 9) => new Date(Math.min(new Date(`${day(offset)}T${String(hour).padStart(2, '0')}:00:00.000Z`).getTime(), anchor.getTime() - 3_600_000));
  const random = createRandom(2026);
  const findOne = (uid: string, where: Record<string, unknown>) => strapi.db.query(uid as 'api::donor.donor').findOne({ where, select: ['id', 'documentId'] }) as Promise<Row | null>;
  const create = async (uid: Parameters<Count>[0], data: Record<string, unknown>) => {
    count(uid);
    return (await (strapi.documents(uid) as unknown as { create(p: { data: Record<string, unknown> }): Promise<Row> }).create({ data })) as Row;
  };
  const donor = async (name: string) => {
    const row = await findOne('api::donor.donor', { name });
    if (!row) throw new Error(`donateur inconnu : ${name}`);
    return row;
  };
  const owner = (await strapi.db.query('admin::user').findOne({ select: ['id', 'firstname', 'lastname', 'email'], orderBy: { id: 'asc' } })) as
    | { id: number; firstname: string | null; lastname: string | null; email: string | null }
    | null;

  const conventions = new Map<string, string>();
  for (const c of RECENT_CONVENTIONS) {
    const d = await donor(c.donor);
    const existing = await findOne('api::convention.convention', { kind: 'partnership', donor: { id: d.id }, startDate: { $gt: '2013-01-01' } });
    const signed = day(-c.signedDaysAgo);
    const convention = existing ?? await create('api::convention.convention', {
      kind: 'partnership', donor: d.documentId, state: 'signed', signedAt: signed, startDate: signed, endDate: day(c.endsInDays),
      terms: { unitsExpected: c.unitsExpected, declaredUnitValue: c.declaredUnitValue, pickupArrangements: "Enlèvement par l'atelier avec le camion de l'association, deux bénévoles." },
    });
    conventions.set(c.donor, convention.documentId);
  }

  // A pickup planned next week at the CHU, under its current convention.
  const chu = await donor('CHU de Brest');
  const pickupSite = 'CHU Morvan, bâtiment 5, 2 avenue Foch, Brest';
  if (!(await findOne('api::pickup.pickup', { donor: { id: chu.id }, site: pickupSite }))) {
    await create('api::pickup.pickup', {
      convention: conventions.get('CHU de Brest'), donor: chu.documentId, plannedAt: `${day(8)}T07:30:00.000Z`, site: pickupSite,
      contactName: 'Anne Kerhervé', contactPhone: '02 98 00 20 20', expectedCount: 30, volunteers: 'Marie, Gaël', vehicle: "Camion de l'association", state: 'planned',
    });
  }

  for (const i of RECENT_INTERACTIONS) {
    const d = await donor(i.donor);
    if (await findOne('api::interaction.interaction', { donor: { id: d.id }, summary: i.summary })) continue;
    await create('api::interaction.interaction', {
      date: at(-i.daysAgo, 9).toISOString(), kind: i.kind, summary: i.summary, outcome: i.outcome, author: 'Coordination', donor: d.documentId,
      nextStep: i.nextStep, nextStepDue: i.dueInDays === null ? null : day(i.dueInDays), ...(i.owned && owner ? { owner: owner.id } : {}),
    });
  }

  // The units and the files come together: a re-run (another day) finds the fleets and adds none.
  const last = RECENT_LOTS[RECENT_LOTS.length - 1];
  if (await findOne('api::donation.donation', { donor: { id: (await donor(last.donor)).id }, collectionSite: last.site })) return;

  const history = emptyHistory();
  const staff: Actor | null = owner ? { id: String(owner.id), name: staffName(owner) } : null;
  /** When each unit reached Prête: a household's unit is reserved after it. */
  const readyAt = new Map<string, Date>();
  const lots: SeededUnit[][] = [];
  let today = 0;
  for (const lot of RECENT_LOTS) {
    const d = await donor(lot.donor);
    const units = Array.from({ length: lot.count }, () => generateMachine(random, lot.mix));
    // In the fleet on the line, a desktop whose disk the donor kept: it waits at Effacement for a
    // volunteer to attest that it has no storage device.
    const diskless = lot.spread ? units.findIndex((u) => u.type === 'desktop' && u.conditionGrade !== 'unusable') : -1;
    if (diskless >= 0) units[diskless] = { ...units[diskless], storageDevices: [] };
    // Under its recent convention, or the one still running (Alcatel's, open-ended since 2011).
    const convention = conventions.get(lot.donor) ?? (await findOne('api::convention.convention', { kind: 'partnership', donor: { id: d.id }, state: 'signed' }))?.documentId ?? null;
    const machines = await createFleet(strapi, { donor: d.documentId, convention, collectedAt: day(-lot.daysAgo), site: lot.site, prefix: lot.prefix, units });
    count('api::donation.donation');
    count('api::machine.machine', machines.length);
    count('api::storage-device.storage-device', machines.reduce((n, m) => n + m.storageDevices.length, 0));
    lots.push(machines);
    for (const [index, m] of machines.entries()) {
      const drawn: MachineStage = m.conditionGrade === 'unusable' ? (random.next() < 0.6 ? M.recycled : M.dismantled) : lot.spread ? random.weighted(lot.spread) : M.ready;
      const target = index === diskless ? M.erasing : drawn;
      const path = pathTo(target);
      const moves = path.length - 1;
      if (moves === 0) continue;
      // A unit left to the bench today: its last move is this morning's, by the staff account.
      const movedToday = staff && lot.spread && !isOneOf(NOT_REUSED_STAGES, target) && target !== M.ready && moves >= 2 && today < MOVED_TODAY;
      const times = daysOnLine(random, lot.spread ? 0 : random.int(0, 40), moves, lot.daysAgo - 1).map((offset) => at(offset - lot.daysAgo, random.int(8, 16)));
      if (movedToday) {
        today += 1;
        times[moves - 1] = new Date(anchor.getTime() - today * 20 * 60_000);
      }
      walkUnit(history, m, path, times, random, movedToday ? (i) => (i === moves - 1 && staff ? staff : undefined) : undefined);
      if (target === M.ready) readyAt.set(m.documentId, times[moves - 1]);
    }
  }

  const used = new Set<string>();
  for (const p of RECENT_PRESCRIPTIONS) {
    const household = (await findOne('api::household.household', { referenceName: p.household })) ?? await create('api::household.household', {
      referenceName: p.household, commune: p.commune, childrenInCollege: p.children, consentDate: day(-p.received),
      phone: `02 98 ${String(20 + p.children).padStart(2, '0')} ${String(p.received).padStart(2, '0').slice(-2)} ${String(p.received * 3).padStart(2, '0').slice(-2)}`,
    });
    if (await findOne('api::prescription.prescription', { household: { id: household.id } })) continue;
    const prescriber = await findOne('api::prescriber.prescriber', { name: p.prescriber });
    if (!prescriber) throw new Error(`prescripteur inconnu : ${p.prescriber}`);
    const reservedAt = 'reserved' in p ? at(-p.reserved, 14) : null;
    // The first unit of the right type that was ready the day before it was reserved.
    const machine = reservedAt
      ? lots.flat().find((m) => m.type === p.device && !used.has(m.documentId) && (readyAt.get(m.documentId)?.getTime() ?? Infinity) < reservedAt.getTime() - DAY)?.documentId ?? null
      : null;
    if (reservedAt && !machine) throw new Error(`aucune unité prête pour ${p.household}`);
    if (machine) used.add(machine);
    const handedOverAt = 'handedOver' in p ? day(-p.handedOver) : null;
    const prescription = await runAt(at(-p.received, 10), () => create('api::prescription.prescription', {
      prescriber: prescriber.documentId, household: household.documentId,
      needs: { deviceType: p.device, screen: 'screen' in p && p.screen, webcam: 'webcam' in p && p.webcam, microphone: false, keyboardMouse: true },
      reason: 'Enfant au collège sans ordinateur pour les devoirs à la maison.',
      receivedAt: day(-p.received), decidedAt: 'decided' in p ? day(-p.decided) : null, handedOverAt,
      machines: machine ? [machine] : [],
    }));
    if ('reviewing' in p) {
      walkPrescription(history, { documentId: prescription.documentId, machine }, {
        reviewingAt: at(-p.reviewing, 10),
        decidedAt: 'decided' in p ? at(-p.decided, 10) : null,
        reservedAt,
        handedOverAt: 'handedOver' in p ? at(-p.handedOver, 15) : null,
        closedAt: 'closed' in p ? at(-p.closed, 11) : null,
      });
    }
  }
  await writeHistory(strapi, history);
}

/**
 * The days (after the collection) of a unit's `moves` moves: starting `wait` days after it came
 * in, one to three days a stage, squeezed into the `room` days since the collection.
 */
function daysOnLine(r: Random, wait: number, moves: number, room: number): number[] {
  const days: number[] = [];
  let d = wait;
  for (let i = 0; i < moves; i += 1) days.push((d += r.int(1, 3)));
  if (days[moves - 1] <= room) return days;
  return days.map((_, i) => Math.max(i + 1, Math.round(((i + 1) * room) / moves)));
}
