import type { TestApp } from './app';

/** A person at the bench, as the pipeline's services record them. */
const BENCH = { type: 'admin' as const, id: null, name: 'Bénévole (tests)', roleCodes: [], superAdmin: true };

/**
 * Gives a unit (still at Réception) one disk, erased as the bench records it: its erasure status is
 * then "released" and its erasure certificate can be issued.
 */
export async function giveErasedDisk(app: TestApp, machineDocumentId: string, serial: string): Promise<{ documentId: string }> {
  const pipeline = app.strapi.plugin('pipeline');
  const disk = (await pipeline.service('devices').add(machineDocumentId, { serial, interface: 'sata', capacityGb: 256 })) as { documentId: string };
  await pipeline
    .service('records')
    .recordErasure(machineDocumentId, { deviceDocumentId: disk.documentId, method: 'nist_clear', passes: 1, tool: 'nwipe', toolVersion: '0.34', result: 'success' }, BENCH);
  return disk;
}
