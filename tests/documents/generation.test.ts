import crypto from 'node:crypto';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken, binary, removeUploads } from './helpers/admin';
import { pdftotext, plain, qpdfCheck, readPdf } from './helpers/pdf';

let app: TestApp;
let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  app = await startApp('demo');
  token = await adminToken(app);
});

afterAll(async () => {
  if (app) await removeUploads(app);
  await app?.stop();
});

async function conventionOf(donorName: string): Promise<{ documentId: string; number: string }> {
  const row = await app.strapi.db.query('api::convention.convention').findOne({ where: { donor: { name: donorName } } });
  return row as { documentId: string; number: string };
}

async function previewPdf(body: Record<string, unknown>): Promise<Buffer> {
  const res = await app.http().post('/documents/preview').set(auth()).send({ ...body, format: 'pdf' }).buffer(true).parse(binary);
  if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Buffer;
}

describe('default templates', () => {
  it('installs the fourteen default templates at first boot, none marked as edited', async () => {
    const res = await app.http().get('/documents/templates').set(auth());
    expect(res.status).toBe(200);
    const kinds = res.body.data.map((t: { kind: string }) => t.kind).sort();
    expect(kinds).toEqual([
      'bilan', 'donation-erasure-certificate', 'erasure-certificate', 'handover-receipt', 'label-certificate', 'label-sheet', 'label-sheet', 'membership-convention',
      'outreach-letters', 'partnership-convention', 'prescription-form', 'thank-you-letter', 'traceability-report', 'transfer-slip',
    ]);
    expect(res.body.data.every((t: { edited: boolean }) => t.edited === false)).toBe(true);
  });

  it('renders each of the fourteen default templates, from a demo record, to a PDF that passes qpdf --check and reads back with pdftotext', async () => {
    const templates = (await app.http().get('/documents/templates').set(auth())).body.data as Array<{ documentId: string; kind: string; name: string; defaultKey: string }>;
    expect(templates).toHaveLength(14);
    const titles: Record<string, RegExp> = {
      'erasure-certificate': /Attestation d.effacement/i,
      'donation-erasure-certificate': /Attestation d.effacement/i,
      'partnership-convention': /Convention de partenariat/i,
      'membership-convention': /Convention d.adhésion/i,
      'prescription-form': /Fiche de prescription/i,
      'handover-receipt': /Récépissé de remise/i,
      'traceability-report': /Rapport de traçabilité/i,
      'label-sheet': /[A-Z]{2,}-?\d{3,}/,
      'label-certificate': /Attestation de donateur labellisé Ordi 2\.0/,
      'thank-you-letter': /Merci pour votre soutien en \d{4}/,
      'outreach-letters': /Objet : /,
      bilan: /Bilan d.activité/i,
      'transfer-slip': /Bordereau de transfert entre ateliers/,
    };
    for (const template of templates) {
      const records = (await app.http().get('/documents/records').query({ kind: template.kind }).set(auth())).body.data as Array<{ documentId: string }>;
      expect(records.length).toBeGreaterThan(0);
      const pdf = await previewPdf({ kind: template.kind, documentId: records[0].documentId, templateId: template.documentId });
      await expect(qpdfCheck(pdf)).resolves.toMatch(/No syntax or stream encoding errors/);
      expect([template.defaultKey, plain(await pdftotext(pdf))]).toEqual([template.defaultKey, expect.stringMatching(titles[template.kind])]);
    }
  });

  it('prints the L3212-2 free-transfer clauses in a public hospital’s partnership convention', async () => {
    const convention = await conventionOf('CHU de Brest');
    const pdf = await readPdf(await previewPdf({ kind: 'partnership-convention', documentId: convention.documentId }));
    const text = plain(pdf.text);
    expect(text).toContain('CHU de Brest');
    expect(text).toContain(convention.number);
    expect(text).toContain('L3212-2');
    expect(text).toContain('300 €');
    expect(text).toContain('2022-791');
    expect(text).toContain('ne pas revendre');
  });
});

describe('partnership and membership conventions', () => {
  it('leaves the L3212-2 clauses out of a company’s partnership convention', async () => {
    const convention = await conventionOf('Alcatel-Lucent Brest');
    const text = plain((await readPdf(await previewPdf({ kind: 'partnership-convention', documentId: convention.documentId }))).text);
    expect(text).toContain('Alcatel-Lucent Brest');
    expect(text).toContain('Effacement certifié des données');
    expect(text).toContain('DEEE');
    expect(text).not.toContain('L3212-2');
    expect(text).not.toContain('2022-791');
  });

  it('prints a membership convention for a CDAS', async () => {
    const row = await app.strapi.db.query('api::convention.convention').findOne({ where: { prescriber: { name: 'CDAS de Brest Bellevue' } } });
    const text = plain((await readPdf(await previewPdf({ kind: 'membership-convention', documentId: row.documentId }))).text);
    expect(text).toContain("Convention d'adhésion");
    expect(text).toContain('CDAS de Brest Bellevue');
    expect(text).toContain(row.number);
  });

  it('refuses a partnership template for a membership convention, in French', async () => {
    const row = await app.strapi.db.query('api::convention.convention').findOne({ where: { kind: 'membership' } });
    const res = await app.http().post('/documents/preview').set(auth()).send({ kind: 'partnership-convention', documentId: row.documentId });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('Convention de partenariat');
  });
});

/**
 * Erasure records come from the pipeline plugin, recorded as the bench station records them: each
 * device by its identity; a computer without any, on a person's « aucun support constaté ».
 */
const recordErasures = async (machine: { documentId: string; type?: string; storageDevices: Array<{ documentId: string; state?: string }> }) => {
  for (const d of machine.storageDevices.filter((x) => x.state !== 'removed')) {
    const res = await app.http().post(`/pipeline/machines/${machine.documentId}/erasures`).set(auth())
      .send({ deviceDocumentId: d.documentId, method: 'nist_clear', passes: 1, tool: 'nwipe', toolVersion: '0.34', result: 'success' });
    expect(res.status).toBe(201);
  }
  if (machine.storageDevices.length === 0 && machine.type !== 'screen') {
    const res = await app.http().post(`/pipeline/machines/${machine.documentId}/no-storage-attestation`).set(auth()).send({});
    expect([201, 409]).toContain(res.status);
  }
};

describe('erasure certificates', () => {
  type Machine = { documentId: string; labelCode: string; serialNumber: string; storageDevices: Array<{ documentId: string; serial: string }> };
  const machineWithDisk = async (offset = 0): Promise<Machine> =>
    (await app.strapi.db.query('api::machine.machine').findMany({
      // Units still at Réception: the demo data has erased every unit past Effacement.
      where: { storageDevices: { serial: { $notNull: true } }, pipelineStage: 'received' },
      populate: { storageDevices: true },
      orderBy: { id: 'asc' },
      offset,
      limit: 1,
    }))[0] as Machine;

  it('refuses to issue a certificate for a unit whose disks have no erasure record', async () => {
    const machine = await machineWithDisk();
    const res = await app.http().post('/documents/generate').set(auth()).send({ kind: 'erasure-certificate', documentId: machine.documentId });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/effacement réussi/);
    expect(await app.strapi.db.query('plugin::documents.generated-document').count({ where: { targetDocumentId: machine.documentId } })).toBe(0);
  });

  it('issues a numbered certificate with the unit’s serials, stored privately in the database, whose QR code leads to its verification page', async () => {
    const machine = await machineWithDisk();
    await recordErasures(machine);
    const res = await app.http().post('/documents/generate').set(auth()).send({ kind: 'erasure-certificate', documentId: machine.documentId });
    expect(res.status).toBe(201);
    const doc = res.body.data;
    const year = new Date().getUTCFullYear();
    expect(doc.number).toMatch(new RegExp(`^ATT-${year}-\\d{6}$`));
    const template = await app.strapi.db.query('plugin::documents.template').findOne({ where: { documentId: doc.template.documentId } });
    expect(doc).toMatchObject({ kind: 'erasure-certificate', targetUid: 'api::machine.machine', targetDocumentId: machine.documentId, version: 1, templateVersion: template.version, generatedByName: expect.any(String) });
    expect(doc.file).toBeUndefined();

    const download = await app.http().get(`/documents/generated/${doc.documentId}/download`).set(auth()).buffer(true).parse(binary);
    expect(download.status).toBe(200);
    const bytes = download.body as Buffer;
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(doc.sha256);

    const pdf = await readPdf(bytes, { qr: true });
    const text = plain(pdf.text);
    expect(text).toContain(doc.number);
    expect(text).toContain(machine.labelCode);
    expect(text).toContain(machine.serialNumber);
    for (const disk of machine.storageDevices) expect(text).toContain(disk.serial);
    expect(text).toContain('nwipe 0.34');
    expect(text).toContain('NIST SP 800-88 Clear');
    expect(pdf.qr).toContain(`http://localhost:1337/verify/${doc.number}`);

    // Kept in the documents' own storage, out of the media library and of public/.
    const stored = await app.sql.query('SELECT length(f.content)::int AS size FROM sv_document_files f JOIN documents_generated d ON d.id = f.generated_id WHERE d.document_id = $1', [doc.documentId]);
    expect(stored.rows).toEqual([{ size: bytes.length }]);
    expect(await app.strapi.db.query('plugin::upload.file').count({ where: { name: `${doc.number}.pdf` } })).toBe(0);
  });

  it('keeps the first certificate when the unit’s certificate is generated again, as version 2 with a new number', async () => {
    const machine = await machineWithDisk(1);
    await recordErasures(machine);
    const first = (await app.http().post('/documents/generate').set(auth()).send({ kind: 'erasure-certificate', documentId: machine.documentId })).body.data;
    const second = (await app.http().post('/documents/generate').set(auth()).send({ kind: 'erasure-certificate', documentId: machine.documentId })).body.data;
    expect(second.version).toBe(2);
    expect(second.number).not.toBe(first.number);
    const list = await app.http().get('/documents/generated').query({ targetUid: 'api::machine.machine', targetDocumentId: machine.documentId }).set(auth());
    expect(list.body.data.map((d: { number: string }) => d.number)).toEqual([second.number, first.number]);
    expect((await app.http().get(`/documents/generated/${first.documentId}/download`).set(auth())).status).toBe(200);
  });
});

describe('a donation’s erasure certificates', () => {
  it('issues one PDF with a certificate page for each unit of the donation, under one verifiable number', async () => {
    const donation = await app.strapi.db.query('api::donation.donation').findOne({
      where: { donor: { name: { $contains: 'UBO' } } },
      populate: { machines: { populate: { storageDevices: true } } },
    });
    type Unit = { documentId: string; labelCode: string; type: string; storageDevices: Array<{ documentId: string; state: string }> };
    const units = new Map<string, Unit>(donation.machines.map((m: Unit) => [m.documentId, m]));
    const refused = await app.http().post('/documents/generate').set(auth()).send({ kind: 'donation-erasure-certificate', documentId: donation.documentId });
    expect(refused.status).toBe(400);

    for (const unit of units.values()) await recordErasures(unit);
    const res = await app.http().post('/documents/generate').set(auth()).send({ kind: 'donation-erasure-certificate', documentId: donation.documentId });
    expect(res.status).toBe(201);
    const doc = res.body.data;
    expect(doc.number).toMatch(/^ATT-\d{4}-\d{6}$/);
    const bytes = (await app.http().get(`/documents/generated/${doc.documentId}/download`).set(auth()).buffer(true).parse(binary)).body as Buffer;
    const pdf = await readPdf(bytes, { qr: true });
    expect(pdf.pages).toBe(donation.machines.length);
    const text = plain(pdf.text);
    for (const unit of units.values()) expect(text).toContain(unit.labelCode);
    expect(text).toContain(`Unité ${donation.machines.length} sur ${donation.machines.length}`);
    expect(pdf.qr).toEqual([`http://localhost:1337/verify/${doc.number}`]);
  });
});

describe('the other default templates, from the demo data', () => {
  it('prints a blank prescription form to fill by hand', async () => {
    const text = plain((await readPdf(await previewPdf({ kind: 'prescription-form' }))).text);
    expect(text).toContain('Fiche de prescription');
    expect(text).toContain('Enfants scolarisés au collège');
    expect(text).toContain('Webcam');
  });

  it('prints a prescription form filled from a prescription', async () => {
    const row = await app.strapi.db.query('api::prescription.prescription').findOne({ populate: { prescriber: true, household: true }, orderBy: { id: 'asc' } });
    const text = plain((await readPdf(await previewPdf({ kind: 'prescription-form', documentId: row.documentId }))).text);
    expect(text).toContain(row.number);
    expect(text).toContain(row.prescriber.name);
    expect(text).toContain(row.household.referenceName);
  });

  it('prints a handover receipt listing the units handed to the household', async () => {
    const row = await app.strapi.db.query('api::prescription.prescription').findOne({
      where: { handedOverAt: { $notNull: true }, machines: { id: { $notNull: true } } },
      populate: { machines: true, household: true },
    });
    const text = plain((await readPdf(await previewPdf({ kind: 'handover-receipt', documentId: row.documentId }))).text);
    expect(text).toContain('Récépissé de remise');
    expect(text).toContain(row.household.referenceName);
    for (const machine of row.machines) expect(text).toContain(machine.labelCode);
  });

  it('prints a donor traceability report with outcomes by commune and never a household’s name', async () => {
    const donation = await app.strapi.db.query('api::donation.donation').findOne({ where: { donor: { name: 'CHU de Brest' } }, populate: { donor: true } });
    const households = await app.strapi.db.query('api::household.household').findMany({ where: { prescriptions: { machines: { donation: donation.id } } } });
    const pdf = await readPdf(await previewPdf({ kind: 'traceability-report', documentId: donation.documentId }));
    const text = plain(pdf.text);
    expect(text).toContain('Rapport de traçabilité');
    expect(text).toContain('CHU de Brest');
    expect(text).toContain(donation.reference);
    expect(text).toContain('Remises par commune');
    expect(households.length).toBeGreaterThan(0);
    for (const household of households) expect(text).not.toContain(household.referenceName);
    expect(pdf.pages).toBeGreaterThan(1);
  });

  it('prints a label sheet of 24 labels a page whose QR codes read the label code', async () => {
    const donation = await app.strapi.db.query('api::donation.donation').findOne({ where: { donor: { name: 'UBO' } }, populate: { machines: { orderBy: { labelCode: 'asc' } } } })
      ?? await app.strapi.db.query('api::donation.donation').findOne({ populate: { machines: { orderBy: { labelCode: 'asc' } } } });
    const pdf = await readPdf(await previewPdf({ kind: 'label-sheet', documentId: donation.documentId }), { qr: true, cropMm: [0, 0, 70, 37] });
    expect(pdf.pages).toBe(Math.ceil(donation.machines.length / 24));
    expect(plain(pdf.text)).toContain(donation.machines[0].labelCode);
    expect(pdf.qr).toEqual([donation.machines[0].labelCode]);
  });

  it('prints labels for a 62 mm roll, one 62 × 29 mm label per unit', async () => {
    const donation = await app.strapi.db.query('api::donation.donation').findOne({ orderBy: { id: 'asc' }, populate: { machines: { orderBy: { labelCode: 'asc' } } } });
    const roll = await app.strapi.db.query('plugin::documents.template').findOne({ where: { defaultKey: 'label-roll-62mm' } });
    const bytes = await previewPdf({ kind: 'label-sheet', documentId: donation.documentId, templateId: roll.documentId });
    const pdf = await readPdf(bytes, { qr: true });
    expect(pdf.pages).toBe(donation.machines.length);
    expect(pdf.qr).toEqual([donation.machines[0].labelCode]);
    // 62 mm × 29 mm in PDF points, as the printer's driver expects.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(bytes.toString('latin1'));
    expect(box && [Math.round(Number(box[1]) / 72 * 25.4), Math.round(Number(box[2]) / 72 * 25.4)]).toEqual([62, 29]);
  });
});
