import { removeUploads } from '../documents/helpers/admin';
import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { accountWithoutStructure, portalAccount } from '../helpers/portal';
import { buildWorld, NAMES, type PortalWorld } from './fixtures';

// The portal pages and their own routes (/api/portail/…, plugin portal): each answers for the signed-in structure only.
let app: TestApp;
let world: PortalWorld;
const jwt: Record<string, string> = {};

const as = (who: string) => ({ Authorization: `Bearer ${jwt[who]}` });
const count = async (table: string) => (await app.sql.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
const VALID = { household: { referenceName: 'Foyer T.', commune: 'Brest', childrenInCollege: 1, phone: '02 98 12 34 56', consent: true }, needs: { deviceType: 'laptop', webcam: true }, reason: 'Devoirs' };

beforeAll(async () => {
  app = await startApp('base');
  world = await buildWorld(app);
  jwt.A = await portalAccount(app, 'prescriber', world.prescriberA.documentId, 'a@portail.test');
  jwt.B = await portalAccount(app, 'prescriber', world.prescriberB.documentId, 'b@portail.test');
  jwt.expired = await portalAccount(app, 'prescriber', world.prescriberExpired.documentId, 'expired@portail.test');
  jwt.X = await portalAccount(app, 'donor', world.donorX.documentId, 'x@portail.test');
  jwt.Y = await portalAccount(app, 'donor', world.donorY.documentId, 'y@portail.test');
  jwt.none = await accountWithoutStructure(app, 'none@portail.test');
});

afterAll(async () => {
  if (app) await removeUploads(app);
  await app?.stop();
});

describe('the portal pages', () => {
  it('serve one shell page, its script and its style sheet without login', async () => {
    const page = await app.http().get('/portail/').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<script src="/portail/assets/portail.js"></script>');
    expect((await app.http().get('/portail/assets/portail.js').expect(200)).headers['content-type']).toMatch(/javascript/);
    expect((await app.http().get('/portail/invitation').expect(200)).text).toContain('lang="fr"');
    expect((await app.http().get('/portail').expect(302)).headers.location).toBe('/portail/');
  });
});

describe('/api/portail for prescribers', () => {
  it('lists only the structure’s own prescriptions', async () => {
    const res = await app.http().get('/api/portail/prescriptions').set(as('A')).expect(200);
    const text = JSON.stringify(res.body);
    expect(text).toContain(NAMES.householdA);
    expect(text).not.toContain(NAMES.householdB);
    for (const who of ['X', 'none']) expect((await app.http().get('/api/portail/prescriptions').set(as(who))).status).toBe(403);
    expect([401, 403]).toContain((await app.http().get('/api/portail/prescriptions')).status);
  });

  it('files a household and its prescription together, for the structure, received today', async () => {
    const res = await app.http().post('/api/portail/prescriptions').set(as('A')).send({ data: VALID }).expect(201);
    const { rows: [row] } = await app.sql.query(
      `SELECT p.pipeline_stage, pr.name, h.reference_name, h.consent_date IS NOT NULL AS consent FROM prescriptions p
         JOIN prescriptions_prescriber_lnk pl ON pl.prescription_id = p.id JOIN prescribers pr ON pr.id = pl.prescriber_id
         JOIN prescriptions_household_lnk hl ON hl.prescription_id = p.id JOIN households h ON h.id = hl.household_id
        WHERE p.document_id = $1`,
      [res.body.data.documentId]
    );
    expect(row).toEqual({ pipeline_stage: 'received', name: NAMES.A, reference_name: 'Foyer T.', consent: true });
  });

  it('refuses bad input with French messages per field and an expired convention with 403, creating nothing', async () => {
    const before = [await count('households'), await count('prescriptions')];
    const bad = await app.http().post('/api/portail/prescriptions').set(as('A'))
      .send({ data: { household: { referenceName: '', commune: 'x'.repeat(200), consent: false, phone: 'abc' }, needs: { deviceType: 'tablet' } } });
    expect(bad.status).toBe(400);
    const messages = (bad.body.error.details.errors as Array<{ message: string }>).map((e) => e.message);
    expect(messages).toEqual(expect.arrayContaining([
      'Nom de référence du foyer : obligatoire (ex. « Foyer M. »).',
      'Commune : 120 caractères au plus.',
      'Le consentement du foyer au traitement de ses données est nécessaire.',
      'Téléphone : 6 à 20 chiffres, espaces, +, (, ), . ou -.',
      "Type d'ordinateur : fixe ou portable.",
    ]));
    expect((await app.http().post('/api/portail/prescriptions').set(as('A')).send({ data: { ...VALID, prescriber: world.prescriberB.documentId } })).status).toBe(400);
    const expired = await app.http().post('/api/portail/prescriptions').set(as('expired')).send({ data: VALID });
    expect(expired.status).toBe(403);
    expect(expired.body.error.message).toMatch(/convention d'adhésion/);
    expect([await count('households'), await count('prescriptions')]).toEqual(before);
  });

  it('adds a follow-up note to its own prescription and answers 404 for another structure’s, changing nothing', async () => {
    await app.http().post(`/api/portail/prescriptions/${world.prescriptionA.documentId}/follow-ups`).set(as('A')).send({ note: 'Rendez-vous pris' }).expect(201);
    expect((await app.http().post(`/api/portail/prescriptions/${world.prescriptionB.documentId}/follow-ups`).set(as('A')).send({ note: 'intrus' })).status).toBe(404);
    expect((await app.http().post(`/api/portail/prescriptions/${world.prescriptionA.documentId}/follow-ups`).set(as('A')).send({ note: '' })).status).toBe(400);
    const notes = (await app.sql.query(`SELECT f.note FROM components_prescription_follow_ups f`)).rows.map((r) => r.note);
    expect(notes).toContain('Rendez-vous pris');
    expect(notes).not.toContain('intrus');
  });

  it('renders its own filled form and a blank one, never another structure’s, and says when no receipt was issued', async () => {
    const form = await app.http().get(`/api/portail/prescriptions/${world.prescriptionA.documentId}/form`).set(as('A')).expect(200);
    expect(form.headers['content-type']).toBe('application/pdf');
    expect((await app.http().get('/api/portail/prescriptions/blank-form').set(as('A'))).status).toBe(200);
    expect((await app.http().get(`/api/portail/prescriptions/${world.prescriptionB.documentId}/form`).set(as('A'))).status).toBe(404);
    const receipt = await app.http().get(`/api/portail/prescriptions/${world.prescriptionA.documentId}/receipt`).set(as('A'));
    expect(receipt.status).toBe(404);
    expect(receipt.body.error.message).toMatch(/Aucun récépissé/);
  });
});

describe('/api/portail for donors', () => {
  it('lists the donor’s donations and units, the commune of a handed-over one only, and its own certificates', async () => {
    const issued = (await app.strapi.plugin('documents').service('documents').generate({ kind: 'erasure-certificate', documentId: world.machineX.documentId }, { id: null, name: 'tests' })) as {
      documentId: string;
    };
    await app.sql.query("UPDATE machines SET pipeline_stage = 'handed_over' WHERE document_id = $1", [world.machineX.documentId]);
    const donations = await app.http().get('/api/portail/donations').set(as('X')).expect(200);
    expect(donations.body.data[0].machines[0]).toMatchObject({ labelCode: expect.any(String), stageLabel: 'Remise', handoverCommune: NAMES.communeA });
    const text = JSON.stringify(donations.body);
    expect(text).toContain('SN-XERES-001');
    for (const secret of ['SN-YPRES-001', NAMES.householdA, 'Foyer', 'Remarque atelier']) expect(text).not.toContain(secret);
    const docs = await app.http().get('/api/portail/documents').set(as('X')).expect(200);
    expect(docs.body.data.map((d: { documentId: string }) => d.documentId)).toEqual([issued.documentId]);
    expect((await app.http().get('/api/portail/documents').set(as('Y')).expect(200)).body.data).toEqual([]);
    expect((await app.http().get(`/api/portail/documents/${issued.documentId}/file`).set(as('X'))).status).toBe(200);
    expect((await app.http().get(`/api/portail/documents/${issued.documentId}/file`).set(as('Y'))).status).toBe(404);
    expect((await app.http().get('/api/portail/donations').set(as('A'))).status).toBe(403);
  });

  it('keeps staff API tokens out of the portal routes: they have the REST API', async () => {
    const staff = await createFullAccessToken(app.strapi, 'portail-staff');
    expect((await app.http().get('/api/portail/me').set({ Authorization: `Bearer ${staff}` })).status).toBe(403);
  });
});
