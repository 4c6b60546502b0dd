/**
 * The transfer slip (« Bordereau de transfert », issue 19, docs/network.md and docs/documents.md):
 * a document of the documents plugin about a transfer between workshops. Staff of either workshop
 * (both are parties) issue and read it; a third workshop's staff get the 404 of a record that does
 * not exist and nothing is written; a transfer not yet accepted is refused before any number is
 * taken. Real PostgreSQL, real Chromium, the PDF read back with pdftotext.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';
import { createWorkshop, defaultWorkshop, memberToken } from '../helpers/network';
import { binary, removeUploads } from '../documents/helpers/admin';
import { plain, qpdfCheck, readPdf } from '../documents/helpers/pdf';

let app: TestApp;
let brest: { id: number; documentId: string };
let morlaix: { id: number; documentId: string };
let transfer: { documentId: string; number: string };
let labels: string[];
const tokens: Record<string, string> = {};
const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
const year = new Date().getUTCFullYear();
const TRANSFER_UID = 'plugin::network.transfer';

beforeAll(async () => {
  app = await startApp('demo');
  brest = await defaultWorkshop(app);
  morlaix = (await app.strapi.db.query('api::workshop.workshop').findOne({ where: { code: 'MX' } })) as { id: number; documentId: string };
  const quimper = await createWorkshop(app, { name: 'Atelier de Quimper', commune: 'Quimper', code: 'QP' });
  tokens.brest = (await memberToken(app, 'seconde-vie-coordination', 'coordination@brest.test', [brest.id])).token;
  // The demo's own Morlaix coordinator.
  tokens.morlaix = await adminToken(app, 'gwenaelle.morvan@morlaix.seconde-vie.test', 'SecondeVie-2012');
  tokens.atelierMorlaix = (await memberToken(app, 'seconde-vie-atelier', 'atelier@morlaix.test', [morlaix.id])).token;
  tokens.quimper = (await memberToken(app, 'seconde-vie-coordination', 'coordination@quimper.test', [quimper.id])).token;
  tokens.reseau = await adminToken(app, 'yann.lebihan@reseau.seconde-vie.test', 'SecondeVie-2012');
  const { rows } = await app.sql.query(`SELECT document_id, number FROM sv_transfers WHERE number = 'TR-2026-001'`);
  transfer = { documentId: rows[0].document_id, number: rows[0].number };
  labels = (
    await app.sql.query(
      `SELECT m.label_code FROM sv_transfers_machines_lnk l JOIN machines m ON m.id = l.machine_id JOIN sv_transfers t ON t.id = l.transfer_id WHERE t.number = 'TR-2026-001' ORDER BY 1`,
    )
  ).rows.map((r: { label_code: string }) => r.label_code);
});

afterAll(async () => {
  if (app) await removeUploads(app);
  await app?.stop();
});

/** What a refused request must not have written. */
async function written(): Promise<{ documents: number; files: number; counters: number }> {
  const count = async (sql: string) => Number((await app.sql.query(sql)).rows[0].n);
  return {
    documents: await count('SELECT count(*) AS n FROM documents_generated'),
    files: await count('SELECT count(*) AS n FROM sv_document_files'),
    counters: await count(`SELECT coalesce(sum(value), 0) AS n FROM sv_counters WHERE scope LIKE 'doc:BT-%'`),
  };
}

const download = (who: string, documentId: string) => app.http().get(`/documents/generated/${documentId}/download`).set(auth(who)).buffer(true).parse(binary);

describe('the transfer slip of the demo’s TR-2026-001 (six screens, Brest → Morlaix, received)', () => {
  let slip: { documentId: string; number: string; sha256: string };

  it('is the demo’s received transfer of six units', () => {
    expect(transfer.number).toBe('TR-2026-001');
    expect(labels).toHaveLength(6);
  });

  it('is issued by a Brest coordinator, numbered by Brest, and lists the six units, both workshops and both signature boxes', async () => {
    const res = await app.http().post('/documents/generate').set(auth('brest')).send({ kind: 'transfer-slip', documentId: transfer.documentId });
    expect(res.status).toBe(201);
    slip = res.body.data;
    // The default workshop (Brest, the sender) keeps the short form.
    expect(slip.number).toMatch(new RegExp(`^BT-${year}-\\d{6}$`));
    expect(res.body.data).toMatchObject({ kind: 'transfer-slip', targetUid: TRANSFER_UID, targetDocumentId: transfer.documentId, version: 1 });
    const pdf = (await download('brest', slip.documentId)).body as Buffer;
    await expect(qpdfCheck(pdf)).resolves.toMatch(/No syntax or stream encoding errors/);
    // Kept to look at (test-results is not committed).
    fs.mkdirSync(path.join(process.cwd(), 'test-results'), { recursive: true });
    fs.writeFileSync(path.join(process.cwd(), 'test-results', 'transfer-slip.pdf'), pdf);
    const text = plain((await readPdf(pdf)).text);
    const identity = app.strapi.plugin('documents').service('identity');
    const brestName = (await identity.forWorkshop(brest.id)).name as string;
    expect(text).toContain('Bordereau de transfert');
    expect(text).toContain(slip.number);
    expect(text).toContain('TR-2026-001');
    for (const label of labels) expect(text).toContain(label);
    expect(text).toContain(brestName);
    expect(text).toContain('Atelier du Pays de Morlaix');
    expect(text).toContain('Morlaix');
    expect(text).toContain('Reçu');
    expect(text).toMatch(/Expédié/);
    expect(text).toContain('Remis par (atelier expéditeur)');
    expect(text).toContain('Reçu par (atelier destinataire)');
    // Screens carry no storage: said as such, not « non certifié ».
    expect(text).toContain('Sans support de stockage');
    expect(text).toMatch(/Unités 6, dont 0 avec une attestation d.effacement/);
  });

  it('is downloaded by Morlaix’s coordinator (the receiving party), and listed for them', async () => {
    const res = await download('morlaix', slip.documentId);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = plain((await readPdf(res.body as Buffer)).text);
    for (const label of labels) expect(text).toContain(label);
    const list = await app.http().get('/documents/generated').query({ targetUid: TRANSFER_UID, targetDocumentId: transfer.documentId }).set(auth('morlaix'));
    expect(list.status).toBe(200);
    expect(list.body.data.map((d: { number: string }) => d.number)).toEqual([slip.number]);
    // The preview picker offers the transfer to both parties.
    const records = await app.http().get('/documents/records').query({ kind: 'transfer-slip' }).set(auth('morlaix'));
    expect(records.body.data.map((r: { label: string }) => r.label)).toContain('TR-2026-001');
  });

  it('is read by Morlaix’s Atelier role (documents.read, transfers.read), which cannot issue one', async () => {
    expect((await download('atelierMorlaix', slip.documentId)).status).toBe(200);
    expect((await app.http().post('/documents/generate').set(auth('atelierMorlaix')).send({ kind: 'transfer-slip', documentId: transfer.documentId })).status).toBe(403);
  });

  it('answers 404 to a third workshop’s staff, on every route, and writes nothing', async () => {
    const before = await written();
    const generate = await app.http().post('/documents/generate').set(auth('quimper')).send({ kind: 'transfer-slip', documentId: transfer.documentId });
    expect(generate.status).toBe(404);
    expect(generate.body.error.message).toMatch(/introuvable|n'existe pas|ne concerne pas/i);
    expect((await app.http().post('/documents/preview').set(auth('quimper')).send({ kind: 'transfer-slip', documentId: transfer.documentId, format: 'json' })).status).toBe(404);
    expect((await download('quimper', slip.documentId)).status).toBe(404);
    expect((await app.http().get(`/documents/generated/${slip.documentId}/sendings`).set(auth('quimper'))).status).toBe(404);
    const list = await app.http().get('/documents/generated').query({ targetUid: TRANSFER_UID, targetDocumentId: transfer.documentId }).set(auth('quimper'));
    expect(list.body.data).toEqual([]);
    const records = await app.http().get('/documents/records').query({ kind: 'transfer-slip' }).set(auth('quimper'));
    expect(records.body.data).toEqual([]);
    expect(await written()).toEqual(before);
  });

  it('is read by the Réseau role (documents.read, every workshop), which issues none', async () => {
    const res = await download('reseau', slip.documentId);
    expect(res.status).toBe(200);
    expect(plain((await readPdf(res.body as Buffer)).text)).toContain('TR-2026-001');
    const before = await written();
    expect((await app.http().post('/documents/generate').set(auth('reseau')).send({ kind: 'transfer-slip', documentId: transfer.documentId })).status).toBe(403);
    expect(await written()).toEqual(before);
  });

  it('answers on the public verify page: the transfer, both workshops, the units', async () => {
    const page = await app.http().get(`/verify/${slip.number}`);
    expect(page.status).toBe(200);
    const html = plain(page.text);
    expect(html).toContain('Bordereau de transfert');
    expect(html).toContain('Transfert TR-2026-001');
    expect(html).toContain('Atelier du Pays de Morlaix');
    for (const label of labels) expect(html).toContain(label);
  });

  it('is issued again as version 2 by Morlaix, numbered by the sender still', async () => {
    const res = await app.http().post('/documents/generate').set(auth('morlaix')).send({ kind: 'transfer-slip', documentId: transfer.documentId });
    expect(res.status).toBe(201);
    expect(res.body.data.version).toBe(2);
    expect(res.body.data.number).toMatch(new RegExp(`^BT-${year}-\\d{6}$`));
  });
});

describe('a transfer still « Proposé »', () => {
  it('gets no slip: a French 400, no number taken, nothing written', async () => {
    const { rows } = await app.sql.query(
      `SELECT m.document_id FROM machines m JOIN machines_workshop_lnk l ON l.machine_id = m.id
        WHERE l.workshop_id = $1 AND m.pipeline_stage IN ('ready', 'testing', 'received', 'sorting', 'cleaning')
          AND NOT EXISTS (SELECT 1 FROM sv_transfers_machines_lnk tl JOIN sv_transfers t ON t.id = tl.transfer_id WHERE tl.machine_id = m.id AND t.state IN ('proposed', 'accepted', 'shipped'))
        ORDER BY m.id LIMIT 1`,
      [brest.id],
    );
    const proposed = await app.http().post('/network/transfers').set(auth('brest')).send({ toWorkshop: morlaix.documentId, machines: [rows[0].document_id] });
    expect(proposed.status).toBe(201);
    expect(proposed.body.data.state).toBe('proposed');
    const before = await written();
    for (const who of ['brest', 'morlaix']) {
      const res = await app.http().post('/documents/generate').set(auth(who)).send({ kind: 'transfer-slip', documentId: proposed.body.data.documentId });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/une fois le transfert accepté.*« Proposé »/);
    }
    expect(await written()).toEqual(before);
    // Nor is it offered to preview a slip with.
    const records = await app.http().get('/documents/records').query({ kind: 'transfer-slip' }).set(auth('brest'));
    expect(records.body.data.map((r: { label: string }) => r.label)).not.toContain(proposed.body.data.number);
  });
});
