import type { TestApp } from '../helpers/app';

/** Creates records through the Document Service, as the admin would. */
export function fixtures(app: TestApp) {
  const docs = (uid: string) => app.strapi.documents(uid as 'api::donor.donor') as unknown as {
    create(p: { data: Record<string, unknown> }): Promise<{ documentId: string; id: number }>;
  };
  let n = 0;
  return {
    async donation() {
      n += 1;
      const donor = await docs('api::donor.donor').create({ data: { name: `Donateur ${n} ${Date.now()}`, kind: 'company' } });
      return docs('api::donation.donation').create({ data: { donor: donor.documentId, announcedCount: 10 } });
    },
    /** A unit (desktop unless said) with one storage device record per serial. */
    async machine(serials: string[] = ['WD-TEST-1'], donation?: string, type = 'desktop') {
      const machine = await docs('api::machine.machine').create({ data: { type, brand: 'Dell', donation: donation ?? null } });
      const devices: Array<{ documentId: string; serial: string }> = [];
      for (const serial of serials) {
        const device = await docs('api::storage-device.storage-device').create({ data: { machine: machine.documentId, interface: 'sata', capacityGb: 160, serial } });
        devices.push({ documentId: device.documentId, serial });
      }
      return { ...machine, devices };
    },
    async prescriber(convention: { state: string; endDate?: string | null } | null) {
      n += 1;
      const prescriber = await docs('api::prescriber.prescriber').create({ data: { name: `CCAS ${n} ${Date.now()}`, kind: 'ccas', commune: 'Brest' } });
      if (convention) {
        await docs('api::convention.convention').create({
          data: { kind: 'membership', prescriber: prescriber.documentId, state: convention.state, signedAt: convention.state === 'signed' ? '2011-09-01' : null, startDate: '2011-09-01', endDate: convention.endDate ?? null },
        });
      }
      return prescriber;
    },
    async prescription(prescriber: string) {
      n += 1;
      const household = await docs('api::household.household').create({ data: { referenceName: `Foyer ${n}`, commune: 'Brest' } });
      return docs('api::prescription.prescription').create({ data: { prescriber, household: household.documentId, needs: { deviceType: 'desktop' } } });
    },
    /** Puts a record at a stage directly, for tests that start mid-line (not an API path). */
    async placeAt(table: 'machines' | 'prescriptions', documentId: string, stage: string) {
      await app.sql.query(`UPDATE ${table} SET pipeline_stage = $1 WHERE document_id = $2`, [stage, documentId]);
    },
    async stageOf(table: 'machines' | 'prescriptions', documentId: string): Promise<string> {
      return (await app.sql.query(`SELECT pipeline_stage FROM ${table} WHERE document_id = $1`, [documentId])).rows[0].pipeline_stage;
    },
    async eventCount(documentId: string): Promise<number> {
      return Number((await app.sql.query('SELECT count(*) FROM sv_pipeline_events WHERE subject_id = $1', [documentId])).rows[0].count);
    },
  };
}
