import fs from 'node:fs';
import path from 'node:path';
import { binary, removeUploads } from '../documents/helpers/admin';
import { pdftotext, plain, qpdfCheck } from '../documents/helpers/pdf';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';

let app: TestApp;
let jwt: string;
const auth = () => ({ Authorization: `Bearer ${jwt}` });
const UBO = 'Université de Bretagne Occidentale (UBO)';
const CHU = 'CHU de Brest';

const donorId = async (name: string) => ((await app.sql.query('SELECT document_id FROM donors WHERE name = $1', [name])).rows[0] as { document_id: string }).document_id;

async function issue(documentId: string, body: Record<string, unknown>) {
  const res = await app.http().post(`/relations/donors/${documentId}/documents`).set(auth()).send(body);
  return res;
}

/** Keeps the PDF in test-results/ (git-ignored) so a person can look at it. */
function keep(name: string, pdf: Buffer): void {
  const dir = path.resolve(__dirname, '..', '..', 'test-results', 'relations');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.pdf`), pdf);
}

async function pdfText(generatedDocumentId: string, name: string): Promise<string> {
  const res = await app.http().get(`/documents/generated/${generatedDocumentId}/download`).set(auth()).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  await qpdfCheck(res.body as Buffer);
  keep(name, res.body as Buffer);
  return plain(await pdftotext(res.body as Buffer));
}

beforeAll(async () => {
  app = await startApp('demo');
  jwt = await adminToken(app);
});

afterAll(async () => {
  if (app) await removeUploads(app);
  await app?.stop();
});

describe('the Ordi 2.0 label certificate', () => {
  it('certifies a labelled donor with its label date and event', async () => {
    const res = await issue(await donorId(UBO), { kind: 'label-certificate' });
    expect(res.status).toBe(201);
    expect(res.body.data.number).toMatch(/^LAB-\d{4}-\d{6}$/);
    const text = await pdfText(res.body.data.documentId, 'label-certificate');
    expect(text).toContain('Attestation de donateur labellisé Ordi 2.0');
    expect(text).toContain(`${UBO} (Brest) est donateur labellisé Ordi 2.0 depuis le 12 avril 2012`);
    expect(text).toContain('Rencontre régionale Ordi Solidaire Bretagne (Défis), Brest');
  });

  it('is refused, in French, for a donor without a label date, and nothing is issued', async () => {
    const before = (await app.sql.query('SELECT count(*)::int AS n FROM documents_generated')).rows[0].n;
    const res = await issue(await donorId('CHU de Brest'), { kind: 'label-certificate' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("CHU de Brest n'a pas de date de labellisation Ordi 2.0 : renseignez « Labellisé Ordi 2.0 le » sur sa fiche.");
    expect((await app.sql.query('SELECT count(*)::int AS n FROM documents_generated')).rows[0].n).toBe(before);
  });
});

describe('the annual thank-you letter', () => {
  it("summarises the donor's units of the year with the figures of the database", async () => {
    const documentId = await donorId(CHU);
    const res = await issue(documentId, { kind: 'thank-you-letter', year: 2011 });
    expect(res.status).toBe(201);
    expect(res.body.data.year).toBe(2011);
    const { rows } = await app.sql.query(
      `SELECT count(*)::int AS received,
              count(*) FILTER (WHERE m.pipeline_stage = 'handed_over')::int AS handed_over,
              count(*) FILTER (WHERE m.pipeline_stage IN ('ready', 'reserved'))::int AS ready,
              count(*) FILTER (WHERE m.pipeline_stage = 'dismantled')::int AS dismantled,
              count(*) FILTER (WHERE m.pipeline_stage = 'recycled')::int AS recycled
       FROM machines m JOIN machines_donation_lnk md ON md.machine_id = m.id JOIN donations d ON d.id = md.donation_id
       JOIN donations_donor_lnk dd ON dd.donation_id = d.id JOIN donors o ON o.id = dd.donor_id
       WHERE o.document_id = $1 AND extract(year FROM d.collected_at) = 2011`,
      [documentId],
    );
    const f = rows[0] as Record<string, number>;
    expect(f.received).toBe(200);
    expect(f.handed_over).toBeGreaterThan(0);
    const erasures = (
      await app.sql.query(
        `SELECT count(DISTINCT (e.machine_document_id, e.device_serial))::int AS n FROM sv_pipeline_erasures e
         WHERE e.result = 'success' AND e.machine_document_id IN (
           SELECT m.document_id FROM machines m JOIN machines_donor_lnk l ON l.machine_id = m.id JOIN donors o ON o.id = l.donor_id
             JOIN machines_donation_lnk md ON md.machine_id = m.id JOIN donations d ON d.id = md.donation_id
            WHERE o.document_id = $1 AND extract(year FROM d.collected_at) = 2011)`,
        [documentId],
      )
    ).rows[0].n as number;
    const households = (
      await app.sql.query(
        `SELECT count(DISTINCT mp.prescription_id)::int AS n FROM machines_prescription_lnk mp JOIN machines m ON m.id = mp.machine_id
         JOIN machines_donation_lnk md ON md.machine_id = m.id JOIN donations d ON d.id = md.donation_id JOIN donations_donor_lnk dd ON dd.donation_id = md.donation_id
         JOIN donors o ON o.id = dd.donor_id WHERE o.document_id = $1 AND m.pipeline_stage = 'handed_over' AND extract(year FROM d.collected_at) = 2011`,
        [documentId],
      )
    ).rows[0].n as number;
    const text = await pdfText(res.body.data.documentId, 'thank-you-letter-2011');
    const n = (v: number) => v.toLocaleString('fr-FR').replace(/[\u202f\u00a0]/g, ' ');
    expect(text).toContain('Merci pour votre soutien en 2011');
    expect(text).toContain(`Unités reçues en 2011 ${n(f.received)}`);
    expect(text).toContain(`Reconditionnées et remises à des foyers ${n(f.handed_over)}`);
    expect(text).toContain(`Reconditionnées, prêtes à être remises ${n(f.ready)}`);
    expect(text).toContain(`Démontées pour pièces détachées ${n(f.dismantled)}`);
    expect(text).toContain(`Recyclées (filière DEEE) ${n(f.recycled)}`);
    expect(text).toContain(`En cours de reconditionnement ${n(f.received - f.handed_over - f.ready - f.dismantled - f.recycled)}`);
    expect(text).toContain(`Effacements de données certifiés ${n(erasures)}`);
    expect(text).toContain(`Foyers équipés ${n(households)}`);
    expect(erasures).toBeGreaterThan(0);
    expect(households).toBeGreaterThan(0);
  });

  it('says so when the donor gave nothing that year', async () => {
    const res = await issue(await donorId(UBO), { kind: 'thank-you-letter', year: 2010 });
    expect(res.status).toBe(201);
    const text = await pdfText(res.body.data.documentId, 'thank-you-letter-2010');
    expect(text).toContain("Nous n'avons pas enregistré de collecte de votre matériel en 2010");
  });

  it('validates the body', async () => {
    const id = await donorId(UBO);
    const res = await issue(id, { kind: 'thank-you-letter', year: 12 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/year : une année entre 2000 et 2100/);
    expect((await issue(id, { kind: 'erasure-certificate' })).status).toBe(400);
  });
});
