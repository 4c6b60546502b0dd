import type { Core } from '@strapi/strapi';
import { runAt } from '../shared/server/clock';
import type { GeneratedMachine } from './hardware';
import type { SeededMachine } from './pipeline';

/** A unit the seed created, with its devices' identities. */
export type SeededUnit = Omit<GeneratedMachine, 'storageDevices'> & { documentId: string; storageDevices: SeededMachine['storageDevices'] };

/** A collected fleet: the donation, as the intake would record it, and its drawn units. */
export interface Fleet {
  donor: string;
  convention: string | null;
  collectedAt: string;
  site: string;
  prefix: string;
  units: GeneratedMachine[];
}

type Create = (p: { data: Record<string, unknown> }) => Promise<{ documentId: string; id: number }>;

/**
 * Creates a donation and its units on the day it was collected (the units' histories start
 * there), each disk a record of its own attached to its unit (erasures point to it): written
 * set-based, as an intake import does, while the units are in Réception.
 */
export async function createFleet(strapi: Core.Strapi, fleet: Fleet): Promise<SeededUnit[]> {
  const create = (uid: 'api::donation.donation' | 'api::machine.machine'): Create => {
    const docs = strapi.documents(uid) as unknown as { create: Create };
    return (p) => docs.create(p);
  };
  return runAt(new Date(`${fleet.collectedAt}T09:00:00.000Z`), async () => {
    const donation = await create('api::donation.donation')({
      data: { donor: fleet.donor, convention: fleet.convention, announcedCount: fleet.units.length, collectedAt: fleet.collectedAt, collectionSite: fleet.site },
    });
    const created: Array<Omit<SeededUnit, 'storageDevices'> & { id: number; disks: GeneratedMachine['storageDevices'] }> = [];
    for (const [i, { storageDevices, ...unit }] of fleet.units.entries()) {
      const machine = await create('api::machine.machine')({
        data: {
          ...unit,
          assetTag: `${fleet.prefix}${String(4000 + i * 7).padStart(6, '0')}`,
          donation: donation.documentId,
          notes: unit.type !== 'screen' && storageDevices.length === 0 ? 'Disque retiré par le donateur avant la collecte.' : null,
        },
      });
      created.push({ ...unit, id: machine.id, documentId: machine.documentId, disks: storageDevices });
    }
    const devices = (await strapi.plugin('pipeline').service('devices').insertForUnitsInReception(
      created.flatMap((m) => m.disks.map((disk) => ({ ...disk, machineId: m.id })))
    )) as Array<{ documentId: string; machineId: number; serial: string | null }>;
    return created.map(({ id, disks: _disks, ...unit }) => ({ ...unit, storageDevices: devices.filter((d) => d.machineId === id).map((d) => ({ documentId: d.documentId, serial: d.serial })) }));
  });
}
