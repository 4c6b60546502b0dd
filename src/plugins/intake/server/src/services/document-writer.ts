import type { Core } from '@strapi/strapi';
import type { Draft } from '../domain/rows';
import type { TargetDonation, WrittenUnit } from './sql-writer';

/**
 * The reference path: each machine created through the Document Service, so that every
 * middleware applies (label code, workshop, donor derived, the pipeline's first stage and event,
 * storage devices as records linked to their machine).
 * Too slow for a fleet (~27 statements a machine); kept to prove the set-based path writes the
 * same rows (tests/intake/write-paths.test.ts). Runs inside the caller's transaction.
 */
export async function createMachinesOneByOne(
  strapi: Core.Strapi,
  donation: TargetDonation & { donorDocumentId: string | null; workshopDocumentId: string | null },
  drafts: Draft[],
  labelCodes: string[],
  onProgress: (written: number) => Promise<void>,
): Promise<WrittenUnit[]> {
  const written: WrittenUnit[] = [];
  for (let i = 0; i < drafts.length; i += 1) {
    const { storageDevices, ...machine } = drafts[i].machine;
    const data = {
      ...machine,
      labelCode: labelCodes[i],
      donation: donation.documentId,
      donor: donation.donorDocumentId,
      ...(donation.workshopDocumentId ? { workshop: donation.workshopDocumentId } : {}),
    };
    // The draft is checked against the schema already; the generated input type is stricter than needed here.
    const created = await strapi.documents('api::machine.machine').create({ data: data as never });
    // Storage devices are records of their own, created once their machine exists.
    for (const device of storageDevices) {
      await strapi.documents('api::storage-device.storage-device').create({ data: { ...device, machine: created.documentId } as never });
    }
    written.push({ documentId: created.documentId, labelCode: labelCodes[i] });
    if ((i + 1) % 100 === 0 || i + 1 === drafts.length) await onProgress(i + 1);
  }
  return written;
}
