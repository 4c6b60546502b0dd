import { startApp, type TestApp } from '../helpers/app';
import { adminToken, binary } from './helpers/admin';
import { plain, readPdf } from './helpers/pdf';

let app: TestApp;
let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  app = await startApp('demo');
  token = await adminToken(app);
});

afterAll(async () => {
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
  it('installs the seven default templates at first boot, none marked as edited', async () => {
    const res = await app.http().get('/documents/templates').set(auth());
    expect(res.status).toBe(200);
    const kinds = res.body.data.map((t: { kind: string }) => t.kind).sort();
    expect(kinds).toEqual([
      'erasure-certificate', 'handover-receipt', 'label-sheet', 'membership-convention',
      'partnership-convention', 'prescription-form', 'traceability-report',
    ]);
    expect(res.body.data.every((t: { edited: boolean }) => t.edited === false)).toBe(true);
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
