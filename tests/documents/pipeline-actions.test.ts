import crypto from 'node:crypto';
import { startApp, type TestApp } from '../helpers/app';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';
import { adminToken, removeUploads } from './helpers/admin';
import { plain, qpdfCheck, readPdf } from './helpers/pdf';

let app: TestApp;
let smtp: SmtpCapture;
let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });
const PRESCRIBER_EMAIL = 'accueil@cdas-bellevue.example';

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_PORT = String(smtp.port);
  app = await startApp('demo');
  token = await adminToken(app);
});

afterAll(async () => {
  if (app) await removeUploads(app);
  await app?.stop();
  await smtp?.stop();
});

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 300; i += 1) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return read();
}

describe('documents actions in the pipeline', () => {
  it('registers “Générer un document” and “Envoyer un document par e-mail” in the pipeline’s action registry', async () => {
    const res = await app.http().get('/pipeline/actions').set(auth());
    expect(res.status).toBe(200);
    const byType = Object.fromEntries(res.body.data.map((a: { type: string }) => [a.type, a]));
    expect(byType['generate-document']).toMatchObject({ label: 'Générer un document', options: { template: expect.any(String) } });
    expect(byType['send-document']).toMatchObject({ label: 'Envoyer un document par e-mail', options: { template: expect.any(String), recipient: expect.stringContaining('prescripteur') } });
  });

  it('generates a prescription form and e-mails it to the prescriber when a prescription is accepted', async () => {
    // The transition Reviewing → Accepted of the prescriptions workflow gets both actions, through the settings API.
    const workflows = (await app.http().get('/pipeline/workflows').set(auth())).body.data as Array<{ key: string; name: string; stages: Array<Record<string, unknown>>; transitions: Array<{ from: string; to: string; actions: unknown[] }> }>;
    const workflow = workflows.find((w) => w.key === 'prescriptions')!;
    const transitions = workflow.transitions.map((t) => (t.from === 'reviewing' && t.to === 'accepted'
      ? { ...t, actions: [
        { type: 'generate-document', options: { template: 'prescription-form' } },
        { type: 'send-document', options: { template: 'prescription-form', recipient: 'prescripteur' } },
      ] }
      : t));
    const stages = workflow.stages.map(({ key, label, color, terminal, checklist, enterRoles }) => ({ key, label, color, terminal, checklist, enterRoles }));
    const saved = await app.http().put('/pipeline/workflows/prescriptions').set(auth()).send({ name: workflow.name, stages, transitions, moveRecords: {} });
    expect(saved.status).toBe(200);
    expect(saved.body.data.transitions.find((t: { from: string; to: string }) => t.from === 'reviewing' && t.to === 'accepted').actions).toHaveLength(2);

    // A prescription under review whose prescriber has a signed membership convention and an e-mail contact.
    const prescription = await app.strapi.db.query('api::prescription.prescription').findOne({
      where: { pipelineStage: 'reviewing', prescriber: { name: 'CDAS de Brest Bellevue' } },
      populate: { prescriber: true, household: true },
    });
    expect(prescription).not.toBeNull();
    await app.strapi.documents('api::prescriber.prescriber').update({
      documentId: prescription.prescriber.documentId,
      data: { contacts: [{ name: 'Accueil du CDAS', role: 'Secrétariat', email: PRESCRIBER_EMAIL }] } as never,
    });

    const move = await app.http().post(`/pipeline/records/prescriptions/${prescription.documentId}/transitions`).set(auth()).send({ to: 'accepted', from: 'reviewing' });
    expect(move.status).toBe(200);

    // Actions run after the move commits: wait for their documents and mail.
    type Row = { documentId: string; number: string; version: number; sha256: string; generatedByName: string };
    const docs = await eventually(
      async () => (await app.strapi.db.query('plugin::documents.generated-document').findMany({ where: { targetDocumentId: prescription.documentId }, orderBy: { version: 'asc' } })) as Row[],
      (rows) => rows.length >= 2
    );
    expect(docs.map((d) => d.version)).toEqual([1, 2]);
    expect(docs.every((d) => /^FP-\d{4}-\d{6}$/.test(d.number))).toBe(true);
    expect(docs[0].generatedByName).toMatch(/action automatique/);
    const documents = app.strapi.plugin('documents').service('documents');
    await qpdfCheck(await documents.fileContent(await documents.findOne(docs[0].documentId)));

    const mail = await smtp.waitFor((m) => m.to.includes(PRESCRIBER_EMAIL), 60000);
    const attachment = mail.parsed.attachments[0];
    expect(crypto.createHash('sha256').update(attachment.content).digest('hex')).toBe(docs[1].sha256);
    const text = plain((await readPdf(attachment.content)).text);
    expect(text).toContain(docs[1].number);
    expect(text).toContain(prescription.number);
    expect(text).toContain(prescription.household.referenceName);

    const sending = await eventually(
      async () => (await app.strapi.db.query('plugin::documents.sending').findMany({ where: { document: { documentId: docs[1].documentId } }, select: ['status', 'recipients'] })) as Array<{ status: string; recipients: string[] }>,
      (rows) => rows.length > 0
    );
    expect(sending.map(({ status, recipients }) => ({ status, recipients }))).toEqual([{ status: 'sent', recipients: [PRESCRIBER_EMAIL] }]);
    // The move itself is untouched by the actions.
    expect((await app.strapi.db.query('api::prescription.prescription').findOne({ where: { id: prescription.id } })).pipelineStage).toBe('accepted');
  });
});
