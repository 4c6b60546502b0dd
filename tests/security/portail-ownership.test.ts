import { removeUploads } from '../documents/helpers/admin';
import { startApp, type TestApp } from '../helpers/app';
import { portalAccount } from '../helpers/portal';
import { buildWorld, NAMES, type PortalWorld } from '../portal/fixtures';

// Finding 8: staff record a re-referral — prescriber B refers again a household that A referred
// first. The REST API never shows B that household; the portal pages must not either.
let app: TestApp;
let world: PortalWorld;
let jwtB: string;
let reReferral: string;

const asB = () => ({ Authorization: `Bearer ${jwtB}` });

beforeAll(async () => {
  app = await startApp('base');
  world = await buildWorld(app);
  jwtB = await portalAccount(app, 'prescriber', world.prescriberB.documentId, 'b@portail.test');
  const created = (await app.strapi.documents('api::prescription.prescription').create({
    data: { prescriber: world.prescriberB.documentId, household: world.householdA.documentId, receivedAt: '2025-11-02', needs: { deviceType: 'desktop' }, reason: 'Nouvelle orientation par B' },
  })) as { documentId: string };
  reReferral = created.documentId;
});

afterAll(async () => {
  if (app) await removeUploads(app);
  await app?.stop();
});

describe('a household first referred by another structure', () => {
  it('is hidden by the REST API (the rule the pages must follow)', async () => {
    const res = await app.http().get(`/api/prescriptions/${reReferral}?populate=household`).set(asB()).expect(200);
    expect(res.body.data.household).toBeNull();
    expect(JSON.stringify(res.body)).not.toContain(NAMES.householdA);
  });

  it('is not shown in the portal’s list, though the prescription is', async () => {
    const res = await app.http().get('/api/portail/prescriptions').set(asB()).expect(200);
    const mine = (res.body.data as Array<{ documentId: string; household: unknown; reason: string }>).find((p) => p.documentId === reReferral);
    expect(mine).toBeDefined();
    expect(mine?.reason).toBe('Nouvelle orientation par B');
    expect(mine?.household).toBeNull();
    expect(JSON.stringify(res.body)).not.toContain(NAMES.householdA);
    expect(JSON.stringify(res.body)).not.toContain(NAMES.communeA);
  });

  it('is not printed on a filled form: 404 with the reason in French, nothing rendered', async () => {
    const res = await app.http().get(`/api/portail/prescriptions/${reReferral}/form`).set(asB());
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).not.toMatch(/pdf/);
    expect(res.body.error.message).toBe(
      "Ce document n'est pas disponible depuis le portail : le foyer de cette prescription a d'abord été orienté par une autre structure. Demandez-le à l'atelier.",
    );
  });

  it('nor on its handover receipt', async () => {
    await app.strapi.plugin('documents').service('documents').generate({ kind: 'handover-receipt', documentId: reReferral }, { id: null, name: 'tests' });
    const res = await app.http().get(`/api/portail/prescriptions/${reReferral}/receipt`).set(asB());
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).not.toMatch(/pdf/);
  });

  it('still lets B read its own household’s form', async () => {
    const res = await app.http().get(`/api/portail/prescriptions/${world.prescriptionB.documentId}/form`).set(asB());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/pdf/);
  });
});
