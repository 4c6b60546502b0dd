import { binary, removeUploads } from '../documents/helpers/admin';
import { pdftotext, plain, qpdfCheck } from '../documents/helpers/pdf';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';

// A letter or report states only what its figures support: read back from the real PDF.
let app: TestApp;
let jwt: string;
const auth = () => ({ Authorization: `Bearer ${jwt}` });

const ERASED_SENTENCE = /effac[ée]+s? avant toute sortie|vos données ont été effacées/;
const FAMILIES_SENTENCE = /disposent d'un ordinateur|dispose d'un ordinateur/;

const donorId = async (name: string) => ((await app.sql.query('SELECT document_id FROM donors WHERE name = $1', [name])).rows[0] as { document_id: string }).document_id;

async function download(generatedDocumentId: string): Promise<string> {
  const res = await app.http().get(`/documents/generated/${generatedDocumentId}/download`).set(auth()).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  await qpdfCheck(res.body as Buffer);
  return plain(await pdftotext(res.body as Buffer));
}

async function letter(donorDocumentId: string, year: number): Promise<string> {
  const res = await app.http().post(`/relations/donors/${donorDocumentId}/documents`).set(auth()).send({ kind: 'thank-you-letter', year });
  expect(res.status).toBe(201);
  return download(res.body.data.documentId);
}

/** A donor whose only donation of 2013 has `units` units, all still at « Réception ». */
async function donorWithReceptionsOnly(units: number) {
  const donor = (await app.strapi.documents('api::donor.donor').create({ data: { name: `Crédit Mutuel Arkéa ${units}`, kind: 'company' } as never })) as unknown as { documentId: string };
  const donation = (await app.strapi.documents('api::donation.donation').create({
    data: { donor: donor.documentId, announcedCount: units, collectedAt: '2013-03-14' } as never,
  })) as unknown as { documentId: string };
  for (let i = 0; i < units; i += 1) {
    const unit = (await app.strapi.documents('api::machine.machine').create({ data: { type: 'desktop', donation: donation.documentId } as never })) as unknown as { documentId: string };
    await app.strapi.documents('api::storage-device.storage-device').create({ data: { interface: 'sata', serial: `ARK-${units}-${i}`, machine: unit.documentId } as never });
  }
  return { donor, donation };
}

beforeAll(async () => {
  app = await startApp('demo');
  jwt = await adminToken(app);
});

afterAll(async () => {
  if (app) await removeUploads(app);
  await app?.stop();
});

describe('the annual thank-you letter', () => {
  it('claims nothing in a year without a donation', async () => {
    const text = await letter(await donorId('Université de Bretagne Occidentale (UBO)'), 2010);
    expect(text).toContain("Nous n'avons pas enregistré de collecte de votre matériel en 2010");
    expect(text).not.toMatch(ERASED_SENTENCE);
    expect(text).not.toMatch(FAMILIES_SENTENCE);
  });

  it('says neither « vos données ont été effacées » nor « des familles disposent d’un ordinateur » in a year of receptions only', async () => {
    const { donor } = await donorWithReceptionsOnly(3);
    const text = await letter(donor.documentId, 2013);
    expect(text).toContain('3 unités');
    expect(text).toContain('Effacements de données certifiés 0');
    expect(text).toContain('Foyers équipés 0');
    expect(text).not.toMatch(ERASED_SENTENCE);
    expect(text).not.toMatch(FAMILIES_SENTENCE);
    expect(text).toContain("À la date de cette lettre, aucune de ces unités n'a encore été remise à un foyer : 3 sont en cours de reconditionnement.");
  });

  it('writes one unit in the singular', async () => {
    const { donor } = await donorWithReceptionsOnly(1);
    const text = await letter(donor.documentId, 2013);
    expect(text).toContain('1 unité (1 collecte)');
    expect(text).toContain('1 est en cours de reconditionnement.');
  });

  it('states the erasures and the households equipped, with their figures, in a full year', async () => {
    const id = await donorId('CHU de Brest');
    const { rows: [f] } = await app.sql.query(
      `WITH units AS (SELECT m.id, m.document_id, m.pipeline_stage FROM machines m JOIN machines_donation_lnk md ON md.machine_id = m.id
         JOIN donations d ON d.id = md.donation_id JOIN donations_donor_lnk dd ON dd.donation_id = d.id JOIN donors o ON o.id = dd.donor_id
         WHERE o.document_id = $1 AND extract(year FROM d.collected_at) = 2011)
       SELECT (SELECT count(DISTINCT (e.machine_document_id, e.device_serial))::int FROM sv_pipeline_erasures e
                WHERE e.result = 'success' AND e.machine_document_id IN (SELECT document_id FROM units)) AS erasures,
              (SELECT count(DISTINCT mp.prescription_id)::int FROM machines_prescription_lnk mp JOIN units u ON u.id = mp.machine_id
                WHERE u.pipeline_stage = 'handed_over') AS households`,
      [id],
    );
    expect(f.erasures).toBeGreaterThan(1);
    expect(f.households).toBeGreaterThan(1);
    const n = (v: number) => v.toLocaleString('fr-FR').replace(/[\u202f\u00a0]/g, ' ');
    const text = await letter(id, 2011);
    expect(text).toContain(`Grâce à vous, ${n(f.households)} familles dont un enfant est au collège disposent d'un ordinateur pour leurs devoirs.`);
    expect(text).toContain(`Les supports de stockage de vos unités ont fait l'objet de ${n(f.erasures)} effacements certifiés`);
    expect(text).not.toContain('avant toute sortie');
  });
});

describe('the traceability report', () => {
  it('tells each unit’s fate from the line, not from the grade given at sorting', async () => {
    const { donation } = await donorWithReceptionsOnly(4);
    const units = (await app.sql.query(
      'SELECT m.document_id FROM machines m JOIN machines_donation_lnk l ON l.machine_id = m.id JOIN donations d ON d.id = l.donation_id WHERE d.document_id = $1 ORDER BY m.id',
      [donation.documentId],
    )).rows as Array<{ document_id: string }>;
    // Graded unusable at sorting but still on the bench; two sent away in good condition.
    await app.sql.query("UPDATE machines SET condition_grade = 'unusable' WHERE document_id = $1", [units[0].document_id]);
    for (const [unit, to] of [[units[1], 'recycled'], [units[2], 'dismantled']] as const) {
      await app.sql.query("UPDATE machines SET condition_grade = 'grade_a' WHERE document_id = $1", [unit.document_id]);
      await app.http().post(`/pipeline/records/machines/${unit.document_id}/transitions`).set(auth()).send({ to }).expect(200);
    }
    const res = await app.http().post('/documents/generate').set(auth()).send({ kind: 'traceability-report', documentId: donation.documentId });
    expect(res.status).toBe(201);
    const text = await download(res.body.data.documentId);
    expect(text).toContain('Non réutilisables (pièces détachées ou filière DEEE) 2');
    expect(text).toContain('En cours de reconditionnement 2');
    expect(text).toContain('Remises à des foyers 0');
  });
});

describe('the handover receipt', () => {
  it('does not say a unit’s disks were erased when no unit is reserved for the prescription', async () => {
    const { rows: [p] } = await app.sql.query(
      "SELECT p.document_id FROM prescriptions p WHERE NOT EXISTS (SELECT 1 FROM machines_prescription_lnk l WHERE l.prescription_id = p.id) ORDER BY p.id LIMIT 1",
    );
    const res = await app.http().post('/documents/preview').set(auth()).send({ kind: 'handover-receipt', documentId: p.document_id, format: 'pdf' }).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const text = plain(await pdftotext(res.body as Buffer));
    expect(text).toContain('Aucune unité réservée pour cette prescription');
    expect(text).not.toContain('ses supports de stockage ont été effacés');
  });
});
