import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { startApp, type TestApp } from '../helpers/app';
import { binary } from '../documents/helpers/admin';
import { pdftotext } from '../documents/helpers/pdf';
import { bearer, buildSecurityWorld, HOUSEHOLD_NAME, issue, staffTokens, type SecurityWorld } from './fixtures';

// Finding 1: issued PDFs (a prescription form names the household) were stored through the public
// upload provider — `GET /uploads/FP_…pdf` answered 200 without login — and listed in the media library.
let app: TestApp;
let world: SecurityWorld;
let tokens: { coordination: string; atelier: string };
let form: { documentId: string; number: string };
let formPdf: Buffer;

const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

/** Every file under public/, recursively. */
async function publicFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? publicFiles(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]))));
  return nested.flat();
}

beforeAll(async () => {
  app = await startApp('base');
  world = await buildSecurityWorld(app);
  tokens = await staffTokens(app, 'private-docs');
  form = await issue(app, tokens.coordination, 'prescription-form', world.prescription.documentId);
  const res = await app.http().get(`/documents/generated/${form.documentId}/download`).set(bearer(tokens.coordination)).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  formPdf = res.body as Buffer;
});

afterAll(async () => {
  await app?.stop();
});

describe('issued documents are private files', () => {
  it('serves the filled form, naming the household, to a coordinator through the download route', async () => {
    expect(formPdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pdftotext(formPdf)).toContain(HOUSEHOLD_NAME);
  });

  it('leaves no copy of the form under the public folder, where anyone could fetch it', async () => {
    const digest = sha256(formPdf);
    const files = await publicFiles(app.strapi.dirs.static.public);
    const copies: string[] = [];
    for (const file of files) if (sha256(await fs.readFile(file)) === digest) copies.push(path.relative(app.strapi.dirs.static.public, file));
    expect(copies).toEqual([]);
  });

  it('answers no anonymous request for the form under /uploads', async () => {
    const rows = (await app.sql.query("SELECT url FROM files WHERE name LIKE $1 OR url LIKE $2", [`${form.number}%`, `%${form.number.replace(/-/g, '_')}%`])).rows as Array<{ url: string }>;
    for (const { url } of rows) expect({ url, status: (await app.http().get(url)).status }).toEqual({ url, status: 404 });
    const listed = await app.http().get(`/documents/generated?targetUid=api::prescription.prescription&targetDocumentId=${world.prescription.documentId}`).set(bearer(tokens.coordination));
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toMatch(/\/uploads\//);
  });

  it('keeps issued documents out of the media library, whoever browses it', async () => {
    const library = await app.http().get('/upload/files?pageSize=100').set(bearer(tokens.coordination));
    expect(library.status).toBe(200);
    expect(JSON.stringify(library.body)).not.toContain(form.number);
    const { rows } = await app.sql.query('SELECT count(*)::int AS n FROM files WHERE mime = $1', ['application/pdf']);
    expect(rows[0].n).toBe(0);
  });

  it('refuses the download without a staff login', async () => {
    expect([401, 403]).toContain((await app.http().get(`/documents/generated/${form.documentId}/download`)).status);
  });

  it('deletes the stored form when the household is anonymised; its number still verifies', async () => {
    const receipt = await issue(app, tokens.coordination, 'handover-receipt', world.prescription.documentId);
    const erased = await app.http().post(`/privacy/households/${world.household.documentId}/anonymise`).set(bearer(tokens.coordination)).send({ reason: 'Demande d’effacement du 12/03' });
    expect(erased.status).toBe(200);
    for (const doc of [form, receipt]) {
      const res = await app.http().get(`/documents/generated/${doc.documentId}/download`).set(bearer(tokens.coordination));
      expect({ number: doc.number, status: res.status }).toEqual({ number: doc.number, status: 404 });
      expect(res.body.error.message).toMatch(/effacé/);
      expect((await app.http().get(`/verify/${doc.number}`)).status).toBe(200);
    }
    const files = await publicFiles(app.strapi.dirs.static.public);
    for (const file of files) expect(sha256(await fs.readFile(file))).not.toBe(sha256(formPdf));
  });
});
