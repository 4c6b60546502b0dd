import { asLifecycle } from '../../src/shared/server/lifecycle';
import type { TestApp } from '../helpers/app';
import { giveErasedDisk } from '../helpers/bench';

type Ref = { id: number; documentId: string };

export interface PortalWorld {
  prescriberA: Ref;
  prescriberB: Ref;
  prescriberExpired: Ref;
  householdA: Ref;
  householdB: Ref;
  prescriptionA: Ref;
  prescriptionB: Ref;
  donorX: Ref;
  donorY: Ref;
  donationX: Ref;
  donationY: Ref;
  machineX: Ref;
  machineY: Ref;
  /** Strings that belong to each structure: none may appear in another's responses. */
  secrets: Record<'A' | 'B' | 'X' | 'Y', string[]>;
}

export const NAMES = {
  A: 'CDAS Alpha-Kerhuon',
  B: 'CCAS Beta-Lesneven',
  expired: 'Collège Gamma-Landerneau',
  householdA: 'Foyer Alpha-Secret',
  householdB: 'Foyer Beta-Secret',
  communeA: 'Plouzané',
  communeB: 'Ploudalmézeau',
  X: 'Donateur Xeres-Industries',
  Y: 'Donateur Ypres-Services',
};

/**
 * Two prescribers with a household and a prescription each, two donors with one handed-over unit each.
 * Their signed conventions and units linked to a prescription are states the lifecycles own: set as they would.
 */
export function buildWorld(app: TestApp): Promise<PortalWorld> {
  return asLifecycle('tests : monde du portail', () => build(app));
}

async function build(app: TestApp): Promise<PortalWorld> {
  const docs = app.strapi.documents;
  const prescriber = async (name: string, endDate: string) => {
    const p = (await docs('api::prescriber.prescriber').create({ data: { name, kind: 'cdas', commune: 'Brest' } })) as Ref;
    await docs('api::convention.convention').create({
      data: { kind: 'membership', prescriber: p.documentId, state: 'signed', signedAt: '2024-01-10', startDate: '2024-01-10', endDate },
    });
    return p;
  };
  const prescriberA = await prescriber(NAMES.A, '2099-12-31');
  const prescriberB = await prescriber(NAMES.B, '2099-12-31');
  const prescriberExpired = await prescriber(NAMES.expired, '2025-01-31');
  const household = (referenceName: string, commune: string, p: Ref) =>
    docs('api::household.household').create({ data: { referenceName, commune, childrenInCollege: 1, phone: '02 98 00 00 00', prescriber: p.documentId } }) as Promise<Ref>;
  const householdA = await household(NAMES.householdA, NAMES.communeA, prescriberA);
  const householdB = await household(NAMES.householdB, NAMES.communeB, prescriberB);
  const prescription = (p: Ref, h: Ref, reason: string) =>
    docs('api::prescription.prescription').create({
      data: { prescriber: p.documentId, household: h.documentId, reason, receivedAt: '2025-09-01', handedOverAt: '2025-10-01', needs: { deviceType: 'laptop' } },
    }) as Promise<Ref>;
  const prescriptionA = await prescription(prescriberA, householdA, 'Motif Alpha confidentiel');
  const prescriptionB = await prescription(prescriberB, householdB, 'Motif Beta confidentiel');

  const donor = (name: string) => docs('api::donor.donor').create({ data: { name, kind: 'company', relationship: 'partner', publicListingConsent: false } }) as Promise<Ref>;
  const donorX = await donor(NAMES.X);
  const donorY = await donor(NAMES.Y);
  const donation = (d: Ref, collectionSite: string) =>
    docs('api::donation.donation').create({ data: { donor: d.documentId, announcedCount: 1, collectionSite, notes: `Note interne ${collectionSite}` } }) as Promise<
      Ref & { reference: string }
    >;
  const donationX = await donation(donorX, 'Site Xeres');
  const donationY = await donation(donorY, 'Site Ypres');
  // Each unit has one disk, erased at the bench: its erasure certificate can be issued.
  const machine = async (d: Ref, serialNumber: string, p: Ref) => {
    const unit = (await docs('api::machine.machine').create({
      data: { type: 'laptop', serialNumber, brand: 'Dell', donation: d.documentId, prescription: p.documentId, notes: `Remarque atelier ${serialNumber}` },
    })) as Ref & { labelCode: string };
    await giveErasedDisk(app, unit.documentId, `DISK-${serialNumber}`);
    return unit;
  };
  const machineX = await machine(donationX, 'SN-XERES-001', prescriptionA);
  const machineY = await machine(donationY, 'SN-YPRES-001', prescriptionB);

  return {
    prescriberA, prescriberB, prescriberExpired, householdA, householdB, prescriptionA, prescriptionB,
    donorX, donorY, donationX, donationY, machineX, machineY,
    secrets: {
      A: [NAMES.A, NAMES.householdA, 'Motif Alpha', householdA.documentId, prescriptionA.documentId],
      B: [NAMES.B, NAMES.householdB, 'Motif Beta', NAMES.communeB, householdB.documentId, prescriptionB.documentId],
      X: [NAMES.X, 'Site Xeres', 'SN-XERES-001', donationX.documentId, machineX.documentId, donationX.reference, machineX.labelCode],
      Y: [NAMES.Y, 'Site Ypres', 'SN-YPRES-001', donationY.documentId, machineY.documentId, donationY.reference, machineY.labelCode],
    },
  };
}
