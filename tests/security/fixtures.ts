import { asLifecycle } from '../../src/shared/server/lifecycle';
import type { TestApp } from '../helpers/app';
import { giveErasedDisk } from '../helpers/bench';
import { staffToken } from '../helpers/admin';

type Ref = { id: number; documentId: string };

/** What the security tests act on: one household referred by one prescriber, one donor's donation with a unit. */
export interface SecurityWorld {
  prescriber: Ref;
  household: Ref;
  prescription: Ref & { number: string };
  donor: Ref;
  donation: Ref & { reference: string };
  machine: Ref & { labelCode: string };
}

export const HOUSEHOLD_NAME = 'Foyer Kerbrat-Secret';
export const HOUSEHOLD_PHONE = '02 98 12 34 56';
export const DONATION_NOTE = 'Note interne : le responsable parc part en juin';
export const MACHINE_NOTE = 'Remarque atelier : carte mère fragile';

let n = 0;

/** A prescriber with a signed membership, its household and prescription (« Reçue »), a donor with a donation and one unit. */
export async function buildSecurityWorld(app: TestApp): Promise<SecurityWorld> {
  n += 1;
  const docs = app.strapi.documents;
  const prescriber = (await docs('api::prescriber.prescriber').create({ data: { name: `CDAS Sécurité ${n}`, kind: 'cdas', commune: 'Brest' } })) as Ref;
  // A signed convention is a state its lifecycle owns: set as the lifecycle would.
  await asLifecycle('tests : monde de sécurité', () =>
    docs('api::convention.convention').create({
      data: { kind: 'membership', prescriber: prescriber.documentId, state: 'signed', signedAt: '2024-01-10', startDate: '2024-01-10', endDate: '2099-12-31' },
    })
  );
  const household = (await docs('api::household.household').create({
    data: { referenceName: `${HOUSEHOLD_NAME} ${n}`, commune: 'Plougastel-Daoulas', childrenInCollege: 2, phone: HOUSEHOLD_PHONE, prescriber: prescriber.documentId },
  })) as Ref;
  const prescription = (await docs('api::prescription.prescription').create({
    data: { prescriber: prescriber.documentId, household: household.documentId, reason: 'Motif confidentiel : recherche d’emploi', receivedAt: '2026-11-02', needs: { deviceType: 'desktop' } } as never,
  })) as unknown as Ref & { number: string };
  const donor = (await docs('api::donor.donor').create({ data: { name: `Donateur Sécurité ${n}`, kind: 'company', relationship: 'partner', publicListingConsent: false } })) as Ref;
  const donation = (await docs('api::donation.donation').create({ data: { donor: donor.documentId, announcedCount: 1, collectionSite: `Site ${n}`, notes: DONATION_NOTE } })) as unknown as Ref & {
    reference: string;
  };
  const machine = (await docs('api::machine.machine').create({
    data: { type: 'desktop', brand: 'Dell', model: 'Optiplex 755', serialNumber: `SN-SEC-${n}`, donation: donation.documentId, notes: MACHINE_NOTE },
  })) as unknown as Ref & { labelCode: string };
  // Its one disk is erased, as the bench records it: its erasure certificate can be issued.
  await giveErasedDisk(app, machine.documentId, `DISK-SEC-${n}`);
  return { prescriber, household, prescription, donor, donation, machine };
}

/** JWTs of a coordinator and a volunteer (the app's two staff roles). */
export async function staffTokens(app: TestApp, suffix: string): Promise<{ coordination: string; atelier: string }> {
  return {
    coordination: await staffToken(app, 'seconde-vie-coordination', `coordination-${suffix}@seconde-vie.test`),
    atelier: await staffToken(app, 'seconde-vie-atelier', `atelier-${suffix}@seconde-vie.test`),
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Issues a document as the given staff member through the admin route; returns its documentId and number. */
export async function issue(app: TestApp, token: string, kind: string, documentId: string): Promise<{ documentId: string; number: string }> {
  const res = await app.http().post('/documents/generate').set(bearer(token)).send({ kind, documentId });
  if (res.status !== 201) throw new Error(`generate ${kind}: ${res.status} ${JSON.stringify(res.body)}`);
  return { documentId: res.body.data.documentId, number: res.body.data.number };
}
