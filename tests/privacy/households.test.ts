import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken, staffToken } from '../helpers/admin';
import { binary } from '../documents/helpers/admin';

const run = promisify(execFile);
let app: TestApp;
let jwt: string;
let n = 0;

const auth = () => ({ Authorization: `Bearer ${jwt}` });


async function household(name: string, prescription: { receivedAt: string; handedOverAt?: string; followUp?: string }) {
  n += 1;
  const prescriber = await app.strapi.documents('api::prescriber.prescriber').create({ data: { name: `CCAS ${n} ${Date.now()}`, kind: 'ccas', commune: 'Brest' } });
  const h = await app.strapi.documents('api::household.household').create({ data: { referenceName: name, commune: 'Brest', phone: '02 98 00 00 0' + (n % 10), consentDate: prescription.receivedAt } });
  const p = await app.strapi.documents('api::prescription.prescription').create({
    data: {
      prescriber: prescriber.documentId,
      household: h.documentId,
      needs: { deviceType: 'laptop' },
      reason: `Recherche d'emploi de ${name}`,
      receivedAt: prescription.receivedAt,
      handedOverAt: prescription.handedOverAt ?? null,
      followUps: prescription.followUp ? [{ date: prescription.followUp, note: `Appel à ${name} : tout va bien`, author: 'Anne' }] : [],
    } as never,
  });
  return { household: h, prescription: p };
}

const yearlyCounts = async () =>
  (await app.sql.query(`SELECT extract(year FROM received_at)::int AS year, count(*)::int AS prescriptions, count(handed_over_at)::int AS handed_over,
      (SELECT count(*)::int FROM households) AS households FROM prescriptions GROUP BY 1 ORDER BY 1`)).rows;
const householdRow = async (documentId: string) =>
  (await app.sql.query('SELECT reference_name, phone, consent_date, anonymised_at, commune FROM households WHERE document_id = $1', [documentId])).rows[0];
const logActions = async (documentId: string) =>
  (await app.sql.query(`SELECT action, actor_name FROM sv_privacy_access_log WHERE household_document_ids @> $1::jsonb ORDER BY id`, [JSON.stringify([documentId])])).rows;

beforeAll(async () => {
  app = await startApp('base');
  jwt = await adminToken(app);
});

afterAll(async () => {
  await app?.stop();
});

describe('household retention', () => {
  it('anonymises a household two years after its last contact, keeps a recent one, and the yearly counts do not change', async () => {
    const old = await household('Famille Ancienne', { receivedAt: '2012-01-10', handedOverAt: '2012-02-15', followUp: '2012-06-01' });
    const recent = await household('Famille Récente', { receivedAt: new Date().toISOString().slice(0, 10) });
    const before = await yearlyCounts();

    const res = await app.http().post('/privacy/retention/run').set(auth()).expect(200);
    expect(res.body.data.anonymised).toContain(old.household.documentId);
    expect(res.body.data.anonymised).not.toContain(recent.household.documentId);

    expect(await householdRow(old.household.documentId)).toMatchObject({ reference_name: 'Foyer anonymisé', phone: null, consent_date: null, commune: 'Brest', anonymised_at: expect.any(Date) });
    expect(await householdRow(recent.household.documentId)).toMatchObject({ reference_name: 'Famille Récente', anonymised_at: null });
    const p = await app.strapi.documents('api::prescription.prescription').findOne({ documentId: old.prescription.documentId, populate: { followUps: true } as never });
    expect(p).toMatchObject({ reason: null, receivedAt: '2012-01-10', handedOverAt: '2012-02-15' });
    expect((p as unknown as { followUps: Array<{ date: string; note: string; author: string | null }> }).followUps).toEqual([
      expect.objectContaining({ date: '2012-06-01', note: '[anonymisé]', author: null }),
    ]);
    expect(await yearlyCounts()).toEqual(before);
    expect(await logActions(old.household.documentId)).toEqual([{ action: 'anonymise', actor_name: 'Seconde Vie (conservation échue)' }]);
    // Run again: nothing left to do.
    expect((await app.http().post('/privacy/retention/run').set(auth()).expect(200)).body.data.anonymised).not.toContain(old.household.documentId);
  });
});

describe('right of access and erasure, from the admin', () => {
  it('exports everything held on a household as JSON and as a PDF, and logs each export', async () => {
    const { household: h, prescription } = await household('Famille Export', { receivedAt: '2024-05-02', followUp: '2024-06-10' });
    const json = await app.http().get(`/privacy/households/${h.documentId}/export?format=json`).set(auth()).expect(200);
    expect(json.headers['content-disposition']).toMatch(/attachment; filename="foyer-/);
    const data = JSON.parse(json.text);
    expect(data.household).toMatchObject({ referenceName: 'Famille Export', commune: 'Brest', phone: expect.stringMatching(/^02 98/) });
    const { rows: [{ number }] } = await app.sql.query('SELECT number FROM prescriptions WHERE document_id = $1', [prescription.documentId]);
    expect(data.prescriptions[0]).toMatchObject({ number, reason: "Recherche d'emploi de Famille Export", followUps: [{ date: '2024-06-10', note: 'Appel à Famille Export : tout va bien', author: 'Anne' }] });
    expect(data.retention.lastContact.slice(0, 10)).toBe('2024-06-10');

    const pdf = await app.http().get(`/privacy/households/${h.documentId}/export?format=pdf`).set(auth()).buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sv-privacy-'));
    try {
      await fs.writeFile(path.join(dir, 'export.pdf'), pdf.body as Buffer);
      await run('qpdf', ['--check', path.join(dir, 'export.pdf')]);
      const { stdout } = await run('pdftotext', ['-layout', path.join(dir, 'export.pdf'), '-']);
      expect(stdout).toContain('Famille Export');
      expect(stdout).toContain(number);
      expect(stdout).toContain('Export (JSON)');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    expect((await logActions(h.documentId)).map((r) => r.action)).toEqual(['export_json', 'export_pdf']);
  });

  it('logs a staff member reading the household in the admin, not the app reading it for itself', async () => {
    const { household: h } = await household('Famille Lue', { receivedAt: '2024-05-02' });
    expect(await logActions(h.documentId)).toEqual([]);
    await app.http().get(`/content-manager/collection-types/api::household.household/${h.documentId}`).set(auth()).expect(200);
    const rows = await logActions(h.documentId);
    expect(rows).toEqual([{ action: 'read', actor_name: expect.any(String) }]);
  });

  it('erases (anonymises) on request with a reason; refuses without one or twice, changing nothing', async () => {
    const { household: h } = await household('Famille Efface', { receivedAt: '2024-05-02' });
    const missing = await app.http().post(`/privacy/households/${h.documentId}/anonymise`).set(auth()).send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/motif/);
    expect((await householdRow(h.documentId)).reference_name).toBe('Famille Efface');

    const ok = await app.http().post(`/privacy/households/${h.documentId}/anonymise`).set(auth()).send({ reason: 'Demande écrite du 12/03' });
    expect(ok.status).toBe(200);
    expect((await householdRow(h.documentId)).reference_name).toBe('Foyer anonymisé');
    const twice = await app.http().post(`/privacy/households/${h.documentId}/anonymise`).set(auth()).send({ reason: 'encore' });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toBe('Ce foyer est déjà anonymisé.');
    expect(await app.http().post('/privacy/households/nope!/anonymise').set(auth()).send({ reason: 'x' }).then((r) => r.status)).toBe(400);
    expect(await app.http().post('/privacy/households/abcdefghijklmnopqrstuvwx/anonymise').set(auth()).send({ reason: 'x' }).then((r) => r.status)).toBe(404);
  });

  it('keeps exports and erasure from the Atelier role and from anyone not logged in', async () => {
    const { household: h } = await household('Famille Protégée', { receivedAt: '2024-05-02' });
    const atelier = await staffToken(app, 'seconde-vie-atelier', 'benevole-privacy@atelier.test');
    expect((await app.http().get(`/privacy/households/${h.documentId}/export?format=json`).set({ Authorization: `Bearer ${atelier}` })).status).toBe(403);
    expect((await app.http().post(`/privacy/households/${h.documentId}/anonymise`).set({ Authorization: `Bearer ${atelier}` }).send({ reason: 'x' })).status).toBe(403);
    expect((await app.http().get(`/privacy/households/${h.documentId}/export`)).status).toBe(401);
    expect((await householdRow(h.documentId)).reference_name).toBe('Famille Protégée');
  });
});
