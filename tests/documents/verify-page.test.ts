import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken, removeUploads } from './helpers/admin';

// The public /verify page, as a donor holding a certificate reads it: it names the unit
// (label, type, brand and model, serial, each device with its method, tool, date and result, the
// donor), as it was when the certificate was issued; other documents say what a holder needs
// to recognise them and nothing about a household; anything that is not a number — or any other
// path or method under /verify — is the French 404 page, never JSON, never a 500.
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

async function generate(kind: string, documentId: string) {
  const res = await app.http().post('/documents/generate').set(auth()).send({ kind, documentId });
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { documentId: string; number: string; sha256: string };
}

/** The page's text as a visitor reads it (tags out, entities decoded, spaces folded). */
const visible = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** A demo unit handed over with its disk(s) erased, and what the database says about it. */
async function handedOverUnit() {
  const { rows: [unit] } = await app.sql.query(`
    SELECT m.document_id, m.label_code, m.serial_number, m.brand, m.model, m.type, o.name AS donor FROM machines m
      JOIN machines_donor_lnk dl ON dl.machine_id = m.id JOIN donors o ON o.id = dl.donor_id
     WHERE m.pipeline_stage = 'handed_over' AND EXISTS (SELECT 1 FROM storage_devices_machine_lnk l WHERE l.machine_id = m.id)
     ORDER BY m.label_code LIMIT 1`);
  const { rows: devices } = await app.sql.query(
    `SELECT d.document_id, d.serial, e.tool, e.tool_version, e.ended_at FROM storage_devices d
       JOIN storage_devices_machine_lnk l ON l.storage_device_id = d.id JOIN machines m ON m.id = l.machine_id
       JOIN sv_pipeline_erasures e ON e.device_document_id = d.document_id AND e.result = 'success'
      WHERE m.document_id = $1 ORDER BY d.id`,
    [unit.document_id]
  );
  return { unit, devices };
}

describe('the verify page of an erasure certificate', () => {
  it('names the unit, each device with its method, tool, date and result, and the donor', async () => {
    const { unit, devices } = await handedOverUnit();
    expect(devices.length).toBeGreaterThan(0);
    const issued = await generate('erasure-certificate', unit.document_id);
    const res = await app.http().get(`/verify/${issued.number}`);
    expect(res.status).toBe(200);
    const text = visible(res.text);
    expect(text).toContain(`Étiquette de l'atelier ${unit.label_code}`);
    expect(text).toContain(`Type ${unit.type === 'laptop' ? 'Portable' : 'Ordinateur fixe'}`);
    expect(text).toContain(`Marque et modèle ${unit.brand} ${unit.model}`);
    expect(text).toContain(`N° de série ${unit.serial_number}`);
    expect(text).toContain(`Donateur ${unit.donor}`);
    for (const d of devices) {
      const day = new Date(d.ended_at).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
      expect(text).toMatch(new RegExp(`${d.serial} (SATA|IDE \\(PATA\\)) \\d+ Go Effacé NIST SP 800-88 Clear \\(réécriture\\) — ${d.tool} ${d.tool_version} ${day} Réussi`));
    }
    expect(text).toContain(issued.sha256);
  });

  it('shows what was certified, not what changed since', async () => {
    const { unit, devices } = await handedOverUnit();
    const issued = await generate('erasure-certificate', unit.document_id);
    // After issuance, the unit's disk is taken out for the WEEE stream (a recorded removal).
    const removal = await app.http().post(`/pipeline/machines/${unit.document_id}/devices/${devices[0].document_id}/removal`).set(auth())
      .send({ reason: 'Unité revenue en panne', destination: 'weee_recycling' });
    expect(removal.status).toBe(200);
    const text = visible((await app.http().get(`/verify/${issued.number}`)).text);
    expect(text).toMatch(new RegExp(`${devices[0].serial} (SATA|IDE \\(PATA\\)) \\d+ Go Effacé`));
    expect(text).not.toContain('Retiré de l’unité');
    expect(text).not.toContain('Unité revenue en panne');
  });

  it('lists every unit of a donation’s certificate with its devices', async () => {
    const docs = (uid: string) => app.strapi.documents(uid as 'api::donor.donor') as unknown as { create(p: { data: Record<string, unknown> }): Promise<{ documentId: string }> };
    const donor = await docs('api::donor.donor').create({ data: { name: 'Mairie de Plouzané', kind: 'local_authority' } });
    const donation = await docs('api::donation.donation').create({ data: { donor: donor.documentId, announcedCount: 2 } });
    const serials = ['PLZ-DISK-1', 'PLZ-DISK-2'];
    for (const serial of serials) {
      const machine = await docs('api::machine.machine').create({ data: { type: 'desktop', brand: 'HP', model: 'dc7800', donation: donation.documentId } });
      const device = await docs('api::storage-device.storage-device').create({ data: { machine: machine.documentId, serial, interface: 'sata', capacityGb: 80 } });
      const erased = await app.http().post(`/pipeline/machines/${machine.documentId}/erasures`).set(auth())
        .send({ deviceDocumentId: device.documentId, method: 'ata_secure_erase', tool: 'hdparm', result: 'success' });
      expect(erased.status).toBe(201);
    }
    const issued = await generate('donation-erasure-certificate', donation.documentId);
    const text = visible((await app.http().get(`/verify/${issued.number}`)).text);
    expect(text).toContain('(2 unités)');
    expect(text).toContain('Donateur Mairie de Plouzané');
    for (const serial of serials) expect(text).toMatch(new RegExp(`${serial} SATA 80 Go Effacé ATA Secure Erase — hdparm`));
  });

  it('reads today’s record, said as such, for a certificate issued before certificates kept what they certify', async () => {
    const { unit } = await handedOverUnit();
    const issued = await generate('erasure-certificate', unit.document_id);
    await app.sql.query('UPDATE documents_generated SET certified = NULL WHERE number = $1', [issued.number]);
    const text = visible((await app.http().get(`/verify/${issued.number}`)).text);
    expect(text).toContain('ce qui suit est l’état actuel de la fiche');
    expect(text).toContain(unit.label_code);
  });
});

describe('the verify page of other documents', () => {
  it('names a handover receipt’s prescription, structure and unit, never the household', async () => {
    const { rows: [p] } = await app.sql.query(`
      SELECT p.document_id, p.number, h.reference_name, h.commune, h.phone, s.name AS prescriber, m.label_code FROM prescriptions p
        JOIN prescriptions_household_lnk hl ON hl.prescription_id = p.id JOIN households h ON h.id = hl.household_id
        JOIN prescriptions_prescriber_lnk sl ON sl.prescription_id = p.id JOIN prescribers s ON s.id = sl.prescriber_id
        JOIN machines_prescription_lnk ml ON ml.prescription_id = p.id JOIN machines m ON m.id = ml.machine_id
       WHERE p.pipeline_stage IN ('handed_over', 'closed') ORDER BY p.number LIMIT 1`);
    const issued = await generate('handover-receipt', p.document_id);
    const res = await app.http().get(`/verify/${issued.number}`);
    const text = visible(res.text);
    expect(text).toContain(`Prescription ${p.number}`);
    expect(text).toContain(`Prescripteur ${p.prescriber}`);
    expect(text).toContain(`Unité remise ${p.label_code}`);
    for (const personal of [p.reference_name, p.phone]) expect(res.text).not.toContain(personal);
    const stored = (await app.sql.query('SELECT certified::text AS c FROM documents_generated WHERE number = $1', [issued.number])).rows[0].c as string;
    for (const personal of [p.reference_name, p.phone]) expect(stored).not.toContain(personal);
    expect(stored).not.toMatch(/household|referenceName|phone/);
  });
});

describe('anything else under /verify', () => {
  const malformed = ['%00', 'A'.repeat(41), 'ATT-2012-00012a', '..%2F..%2Fetc%2Fpasswd', '%E0%A4%A', 'ATT-2012-000123%00', encodeURIComponent("' OR 1=1 --")];

  it.each(malformed)('answers /verify/%s with the French 404 page', async (number) => {
    const res = await app.http().get(`/verify/${number}`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain("Ce numéro n'est pas un numéro de document de l'atelier");
    expect(res.text).toContain('lang="fr"');
  });

  it('answers other paths and methods under /verify with the same page, never JSON', async () => {
    const answers = await Promise.all([
      app.http().get('/verify'),
      app.http().get('/verify/'),
      app.http().get('/verify/ATT-2012-000001/extra'),
      app.http().put('/verify/ATT-2012-000001').send({ a: 1 }),
      app.http().delete('/verify/ATT-2012-000001'),
      app.http().patch('/verify/x'),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('Vérification d');
    }
  });

  it('answers a malformed number posted with a file with the French 404 page, and keeps no copy of the file', async () => {
    const tmp = os.tmpdir();
    const before = new Set(fs.readdirSync(tmp));
    const res = await app.http().post('/verify/%00').attach('file', Buffer.from('%PDF-1.4 pas un vrai'), { filename: 'x.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const left = fs.readdirSync(tmp).filter((f) => !before.has(f)).filter((f) => fs.statSync(path.join(tmp, f)).isFile() && fs.readFileSync(path.join(tmp, f)).includes('pas un vrai'));
    expect(left).toEqual([]);
  });

  it('asks in French for the file when a known number is posted without one', async () => {
    const { unit } = await handedOverUnit();
    const issued = await generate('erasure-certificate', unit.document_id);
    const res = await app.http().post(`/verify/${issued.number}`).field('other', 'x');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Joignez le fichier PDF à vérifier.');
  });
});
