import { startApp, type TestApp } from '../helpers/app';
import { binary } from '../documents/helpers/admin';
import { bearer, buildSecurityWorld, issue, staffTokens, type SecurityWorld } from './fixtures';

// Finding 2: the Atelier role (volunteers) is refused households and prescriptions, but held
// `plugin::documents.read`, which was not limited by record type: it listed and downloaded the
// filled prescription form. Volunteers keep what their bench needs: erasure certificates and labels.
let app: TestApp;
let world: SecurityWorld;
let tokens: { coordination: string; atelier: string };
const issued: Record<string, { documentId: string; number: string }> = {};

const PRESCRIPTION = 'api::prescription.prescription';

beforeAll(async () => {
  app = await startApp('base');
  world = await buildSecurityWorld(app);
  tokens = await staffTokens(app, 'volunteer-docs');
  issued.form = await issue(app, tokens.coordination, 'prescription-form', world.prescription.documentId);
  issued.receipt = await issue(app, tokens.coordination, 'handover-receipt', world.prescription.documentId);
  issued.certificate = await issue(app, tokens.coordination, 'erasure-certificate', world.machine.documentId);
  issued.labels = await issue(app, tokens.coordination, 'label-sheet', world.donation.documentId);
  issued.donationCertificate = await issue(app, tokens.coordination, 'donation-erasure-certificate', world.donation.documentId);
  issued.report = await issue(app, tokens.coordination, 'traceability-report', world.donation.documentId);
});

afterAll(async () => {
  await app?.stop();
});

const download = (token: string, documentId: string) => app.http().get(`/documents/generated/${documentId}/download`).set(bearer(token)).buffer(true).parse(binary);

describe('a volunteer reads no document that names a household', () => {
  it('is refused the list of documents issued for a prescription', async () => {
    const res = await app.http().get(`/documents/generated?targetUid=${PRESCRIPTION}&targetDocumentId=${world.prescription.documentId}`).set(bearer(tokens.atelier));
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toContain(issued.form.number);
  });

  it.each(['form', 'receipt'])('is refused the download of the prescription’s %s', async (which) => {
    const res = await download(tokens.atelier, issued[which].documentId);
    expect(res.status).toBe(403);
    expect((res.body as Buffer).subarray(0, 5).toString()).not.toBe('%PDF-');
  });

  it('is refused the sendings of a prescription form (who it was e-mailed to)', async () => {
    expect((await app.http().get(`/documents/generated/${issued.form.documentId}/sendings`).set(bearer(tokens.atelier))).status).toBe(403);
  });

  it('is refused the donation’s traceability report (where each unit went)', async () => {
    expect((await download(tokens.atelier, issued.report.documentId)).status).toBe(403);
  });

  it.each(['certificate', 'labels', 'donationCertificate'])('still downloads the bench’s %s', async (which) => {
    const res = await download(tokens.atelier, issued[which].documentId);
    expect(res.status).toBe(200);
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('still lists a unit’s and a donation’s certificates and labels, without the report', async () => {
    const machine = await app.http().get(`/documents/generated?targetUid=api::machine.machine&targetDocumentId=${world.machine.documentId}`).set(bearer(tokens.atelier));
    expect(machine.status).toBe(200);
    expect(machine.body.data.map((d: { number: string }) => d.number)).toEqual([issued.certificate.number]);
    const donation = await app.http().get(`/documents/generated?targetUid=api::donation.donation&targetDocumentId=${world.donation.documentId}`).set(bearer(tokens.atelier));
    expect(donation.status).toBe(200);
    expect(donation.body.data.map((d: { number: string }) => d.number).sort()).toEqual([issued.labels.number, issued.donationCertificate.number].sort());
  });

  it('lets a coordinator read every one of them', async () => {
    for (const doc of Object.values(issued)) expect({ doc: doc.number, status: (await download(tokens.coordination, doc.documentId)).status }).toEqual({ doc: doc.number, status: 200 });
  });
});
