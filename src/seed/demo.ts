import type { Core } from '@strapi/strapi';
import { runAt, today } from '../shared/server/clock';
import { asLifecycle } from '../shared/server/lifecycle';
import { createFleet, type SeededUnit } from './fleet';
import { generateMachine, siretFromStem } from './hardware';
import { advanceDemoPipeline, type SeededLot, type SeededPrescription } from './pipeline';
import { seedRecent } from './recent';
import { createRandom } from './random';
import { seedRelations } from './relations';
import { seedReporting } from './reporting';
import { DONORS, INTERACTIONS, PARTS, PRESCRIBERS, PRESCRIPTIONS } from './story';
import { seedOutreach } from './outreach';
import { seedTeam } from './team';
import { seedNetwork } from './network';


export interface SeedReport {
  created: Record<string, number>;
}

type Uid =
  | 'api::donor.donor'
  | 'api::convention.convention'
  | 'api::donation.donation'
  | 'api::machine.machine'
  | 'api::part.part'
  | 'api::prescriber.prescriber'
  | 'api::prescription.prescription'
  | 'api::household.household'
  | 'api::interaction.interaction'
  | 'api::pickup.pickup';

/**
 * Loads the demo data. Deterministic (seeded generator, fixed story) and idempotent: every
 * record is looked up by its natural key first, and all of it is written in one transaction.
 */
export async function seedDemo(strapi: Core.Strapi): Promise<SeedReport> {
  // The demo's conventions are signed, its pickups planned, its units reserved: states their
  // plugins' lifecycles own, set here as those lifecycles would have set them.
  return asLifecycle('données de démonstration', () => loadDemo(strapi));
}

async function loadDemo(strapi: Core.Strapi): Promise<SeedReport> {
  const created: Record<string, number> = {};
  const count = (uid: Uid | 'api::storage-device.storage-device', n = 1) => {
    const key = uid.split('.')[1];
    created[key] = (created[key] ?? 0) + n;
  };

  // The Document Service's types are generated per content type; the seed writes plain data.
  const docs = (uid: Uid) => strapi.documents(uid) as unknown as {
    create(p: { data: Record<string, unknown> }): Promise<{ documentId: string; id: number }>;
  };
  const findOne = async (uid: Uid, where: Record<string, unknown>) =>
    (await strapi.db.query(uid).findOne({ where, select: ['id', 'documentId'] })) as { id: number; documentId: string } | null;
  const findOrCreate = async (uid: Uid, where: Record<string, unknown>, data: Record<string, unknown>) => {
    const existing = await findOne(uid, where);
    if (existing) return existing;
    count(uid);
    return docs(uid).create({ data });
  };

  await strapi.db.transaction(async () => {
    const random = createRandom(2012);
    const donorIds = new Map<string, string>();
    const machinesByDonation: Array<{ collectedAt: string; machines: SeededUnit[] }> = [];
    const lots: SeededLot[] = [];
    const seededPrescriptions: SeededPrescription[] = [];

    for (const d of DONORS) {
      const donor = await findOrCreate('api::donor.donor', { name: d.name }, {
        name: d.name, kind: d.kind, siret: siretFromStem(d.siretStem), commune: d.commune, postalCode: d.postalCode,
        relationship: d.relationship, ordiLabelDate: d.ordiLabelDate, publicListingConsent: d.relationship === 'partner',
        contacts: [d.contact],
      });
      donorIds.set(d.name, donor.documentId);
      let conventionId: string | null = null;
      if (d.convention) {
        const c = d.convention;
        // Signed in the story; those whose end has passed since have expired, as the daily job closes them.
        const convention = await findOrCreate('api::convention.convention', { kind: 'partnership', donor: { id: donor.id }, startDate: c.startDate }, {
          kind: 'partnership', donor: donor.documentId, state: c.endDate && c.endDate < today() ? 'expired' : 'signed',
          signedAt: c.signedAt, startDate: c.startDate, endDate: c.endDate,
          terms: { unitsExpected: c.unitsExpected, declaredUnitValue: c.declaredUnitValue, pickupArrangements: "Enlèvement par l'atelier, camion prêté par la collectivité, deux bénévoles." },
        });
        conventionId = convention.documentId;
      }
      if (!d.donation) continue;
      const lot = d.donation;
      const existing = await findOne('api::donation.donation', { donor: { id: donor.id }, collectedAt: lot.collectedAt });
      // Every unit is drawn even when the lot exists, so the generator stays in step.
      const units = Array.from({ length: lot.count }, () => generateMachine(random, lot.mix));
      if (existing) continue;
      const machines = await createFleet(strapi, { donor: donor.documentId, convention: conventionId, collectedAt: lot.collectedAt, site: lot.site, prefix: lot.prefix, units });
      count('api::donation.donation');
      count('api::storage-device.storage-device', machines.reduce((n, m) => n + m.storageDevices.length, 0));
      count('api::machine.machine', machines.length);
      machinesByDonation.push({ collectedAt: lot.collectedAt, machines });
      lots.push({ collectedAt: lot.collectedAt, machines, spread: lot.spread });
    }

    const prescriberIds = new Map<string, { id: number; documentId: string }>();
    for (const p of PRESCRIBERS) {
      const prescriber = await findOrCreate('api::prescriber.prescriber', { name: p.name }, {
        name: p.name, kind: p.kind, commune: p.commune,
        contacts: [{ name: 'Assistante sociale référente', role: 'Service social' }],
      });
      prescriberIds.set(p.name, prescriber);
      await findOrCreate('api::convention.convention', { kind: 'membership', prescriber: { id: prescriber.id } }, {
        kind: 'membership', prescriber: prescriber.documentId, ...p.convention,
      });
    }

    const used = new Set<string>();
    for (const p of PRESCRIPTIONS) {
      const household = await findOrCreate('api::household.household', { referenceName: p.household }, {
        referenceName: p.household, commune: p.commune, childrenInCollege: p.children, consentDate: p.receivedAt,
        phone: `02 98 ${String(10 + p.children).padStart(2, '0')} ${p.receivedAt.slice(5, 7)} ${p.receivedAt.slice(8, 10)}`,
      });
      const prescriber = prescriberIds.get(p.prescriber);
      if (!prescriber) throw new Error(`prescripteur inconnu : ${p.prescriber}`);
      // Only a newly loaded fleet has units to hand over (a re-run finds its prescriptions).
      const machine = p.handedOverAt ? pickMachine(machinesByDonation, p.device, p.handedOverAt, used) : null;
      const existing = await findOne('api::prescription.prescription', { household: { id: household.id } });
      if (existing) continue;
      const prescription = await runAt(new Date(`${p.receivedAt}T10:00:00.000Z`), () =>
        docs('api::prescription.prescription').create({
          data: {
            prescriber: prescriber.documentId, household: household.documentId,
            needs: { deviceType: p.device, screen: 'screen' in p && p.screen, webcam: 'webcam' in p && p.webcam, microphone: 'microphone' in p && p.microphone, keyboardMouse: true },
            reason: 'Enfant au collège sans ordinateur pour les devoirs à la maison.',
            receivedAt: p.receivedAt, decidedAt: p.decidedAt, handedOverAt: p.handedOverAt,
            machines: machine ? [machine] : [],
          },
        })
      );
      count('api::prescription.prescription');
      seededPrescriptions.push({ documentId: prescription.documentId, receivedAt: p.receivedAt, decidedAt: p.decidedAt, handedOverAt: p.handedOverAt, machine });
    }

    if (lots.length > 0 || seededPrescriptions.length > 0) await advanceDemoPipeline(strapi, lots, seededPrescriptions);

    for (const part of PARTS) {
      await findOrCreate('api::part.part', { category: part.category, description: part.description }, { ...part });
    }

    for (const i of INTERACTIONS) {
      const party = 'donor' in i
        ? { donor: await findOne('api::donor.donor', { name: i.donor }) }
        : { prescriber: prescriberIds.get(i.prescriber) ?? null };
      const [key, ref] = Object.entries(party)[0];
      if (!ref) throw new Error(`interlocuteur inconnu pour l'interaction du ${i.date}`);
      await findOrCreate('api::interaction.interaction', { date: i.date, [key]: { id: ref.id } }, {
        date: i.date, kind: i.kind, summary: i.summary, outcome: i.outcome, nextStep: i.nextStep, nextStepDue: i.nextStepDue, nextStepDoneAt: i.nextStepDoneAt,
        author: 'Coordination', [key]: ref.documentId,
      });
    }
    await seedRelations(strapi, count);
    await seedOutreach(strapi);
    await seedReporting(strapi, created);
    // The team: volunteers, trainings, permanences and presences, story and recent stretch.
    await seedTeam(strapi, created);
    // Then today's workshop: the last few months, dated from the day the seed runs.
    await seedRecent(strapi, count);
    // Last: a second workshop (Morlaix) and six screens Brest gave it (docs/network.md).
    await seedNetwork(strapi, () => {
      created.workshop = (created.workshop ?? 0) + 1;
    });
  });
  return { created };
}

/** The first reusable unit of the right type collected before the handover date. */
function pickMachine(
  lots: Array<{ collectedAt: string; machines: SeededUnit[] }>,
  device: 'desktop' | 'laptop',
  handedOverAt: string,
  used: Set<string>
): string | null {
  for (const lot of lots) {
    if (lot.collectedAt >= handedOverAt) continue;
    const unit = lot.machines.find((m) => m.type === device && m.conditionGrade !== 'unusable' && m.storageDevices.length > 0 && !used.has(m.documentId));
    if (unit) {
      used.add(unit.documentId);
      return unit.documentId;
    }
  }
  return null;
}
