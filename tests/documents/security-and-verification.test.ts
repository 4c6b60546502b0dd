import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken, binary, removeUploads } from './helpers/admin';
import { plain, readPdf } from './helpers/pdf';

let app: TestApp;
let token: string;
let canary: http.Server;
let canaryUrl: string;
const canaryHits: string[] = [];
const auth = () => ({ Authorization: `Bearer ${token}` });
const CM = '/content-manager/collection-types/plugin::documents.template';

beforeAll(async () => {
  canary = http.createServer((req, res) => {
    canaryHits.push(req.url ?? '');
    res.end('CANARY-BODY');
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
  app = await startApp('demo');
  token = await adminToken(app);
});

afterAll(async () => {
  if (app) await removeUploads(app);
  await app?.stop();
  canary?.close();
});

const companyConvention = async () =>
  (await app.strapi.db.query('api::convention.convention').findOne({ where: { donor: { name: 'Alcatel-Lucent Brest' } }, populate: { donor: true } })) as {
    documentId: string;
    number: string;
    donor: { documentId: string };
  };

const templateOf = async (kind: string) =>
  (await app.strapi.db.query('plugin::documents.template').findOne({ where: { kind, defaultKey: kind } })) as { documentId: string; html: string; css: string; version: number };

async function generate(kind: string, documentId: string) {
  const res = await app.http().post('/documents/generate').set(auth()).send({ kind, documentId });
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { documentId: string; number: string; sha256: string; version: number; templateVersion: number };
}

async function download(documentId: string): Promise<Buffer> {
  return (await app.http().get(`/documents/generated/${documentId}/download`).set(auth()).buffer(true).parse(binary)).body as Buffer;
}

describe('documents cannot run code or reach files and the network', () => {
  it('renders a template edited with a script, a file: iframe, a canary image and a CSS @import without any of them, and the canary receives no request', async () => {
    const template = await templateOf('partnership-convention');
    const hostile = `<p>DEBUT {{donor.name}}</p>
      <script>document.write('SCRIPT-RAN')</script>
      <iframe src="file:///etc/passwd"></iframe>
      <img src="${canaryUrl}/canary-img">
      <link rel="stylesheet" href="${canaryUrl}/canary-link">
      <p>FIN</p>`;
    const css = `@import url("${canaryUrl}/canary-import.css"); @import url("file:///etc/passwd"); body { background: url("${canaryUrl}/canary-bg.png"); }`;
    const saved = await app.http().put(`${CM}/${template.documentId}`).set(auth()).send({ html: hostile, css });
    expect(saved.status).toBe(200);
    expect(saved.body.data.version).toBe(template.version + 1);

    const convention = await companyConvention();
    const doc = await generate('partnership-convention', convention.documentId);
    expect(doc.templateVersion).toBe(template.version + 1);
    const text = plain((await readPdf(await download(doc.documentId))).text);
    expect(text).toContain('DEBUT Alcatel-Lucent Brest');
    expect(text).toContain('FIN');
    expect(text).not.toContain('SCRIPT-RAN');
    expect(text).not.toContain('root:');
    expect(text).not.toContain('CANARY-BODY');
    expect(canaryHits).toEqual([]);
  });

  it('prints markup typed into a record as plain text, fetching nothing', async () => {
    const convention = await companyConvention();
    const markup = `<script>document.write('SCRIPT-RAN')</script><img src="${canaryUrl}/canary-data">`;
    await app.strapi.documents('api::donor.donor').update({
      documentId: convention.donor.documentId,
      data: { contacts: [{ name: 'Hervé Le Gall', role: markup.slice(0, 120) }] },
    });
    const res = await app.http().post('/documents/preview').set(auth())
      .send({ kind: 'partnership-convention', documentId: convention.documentId, html: '<p>Rôle : {{donor.contact.role}}</p>', format: 'pdf' })
      .buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const text = plain((await readPdf(res.body as Buffer)).text);
    expect(text).toContain("Rôle : <script>document.write('SCRIPT-RAN')</script><img src=");
    expect(text).not.toMatch(/^SCRIPT-RAN/m);
    expect(canaryHits).toEqual([]);
  });

  it('refuses to save a template that would output raw HTML, with a French message', async () => {
    const template = await templateOf('membership-convention');
    const res = await app.http().put(`${CM}/${template.documentId}`).set(auth()).send({ html: '<p>{{{prescriber.name}}}</p>' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('HTML brut');
    expect((await templateOf('membership-convention')).html).toBe(template.html);
  });
});

describe('templates staff edit', () => {
  it('saves a template edited in the templates page as a new version, and refuses raw HTML there too', async () => {
    const template = await templateOf('traceability-report');
    const saved = await app.http().put(`/documents/templates/${template.documentId}`).set(auth()).send({ html: '<h1>Bilan {{donation.reference}}</h1>', css: 'h1 { color: #123; }' });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ version: template.version + 1, html: '<h1>Bilan {{donation.reference}}</h1>' });
    const refused = await app.http().put(`/documents/templates/${template.documentId}`).set(auth()).send({ html: '{{{donation.notes}}}' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('HTML brut');
    const unknown = await app.http().put(`/documents/templates/${template.documentId}`).set(auth()).send({ html: '<p>x</p>', defaultHash: 'x' });
    expect(unknown.status).toBe(400);
  });

  it('offers the records a template can be previewed with: partnership conventions for the partnership template', async () => {
    const res = await app.http().get('/documents/records').query({ kind: 'partnership-convention' }).set(auth());
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    expect(res.body.data.every((r: { label: string }) => r.label.startsWith('CP-'))).toBe(true);
  });

  it('marks an edited template as such and puts it back to its default on "reset"', async () => {
    const template = await templateOf('handover-receipt');
    await app.http().put(`${CM}/${template.documentId}`).set(auth()).send({ html: '<p>Reçu {{household.referenceName}}</p>' });
    const edited = (await app.http().get('/documents/templates').set(auth())).body.data.find((t: { documentId: string }) => t.documentId === template.documentId);
    expect(edited).toMatchObject({ edited: true, version: template.version + 1 });

    const reset = await app.http().post(`/documents/templates/${template.documentId}/reset`).set(auth());
    expect(reset.status).toBe(200);
    expect(reset.body.data).toMatchObject({ html: template.html, version: template.version + 2 });
    const after = (await app.http().get('/documents/templates').set(auth())).body.data.find((t: { documentId: string }) => t.documentId === template.documentId);
    expect(after.edited).toBe(false);
  });

  it('upgrades an unedited template to a newer shipped default but never overwrites one staff edited', async () => {
    const service = app.strapi.plugin('documents').service('templates');
    const untouched = await templateOf('label-sheet');
    const edited = await templateOf('prescription-form');
    await app.http().put(`${CM}/${edited.documentId}`).set(auth()).send({ html: '<p>Notre propre fiche</p>' });
    const outcomes = await service.installDefaults([
      { key: 'label-sheet', kind: 'label-sheet', name: 'Planche v2', version: 2, html: '<p>v2 {{donation.reference}}</p>', css: '' },
      { key: 'prescription-form', kind: 'prescription-form', name: 'Fiche v2', version: 2, html: '<p>v2</p>', css: '' },
    ]);
    expect(outcomes).toEqual({ 'label-sheet': 'upgraded', 'prescription-form': 'kept-edited' });
    expect((await templateOf('label-sheet')).html).toBe('<p>v2 {{donation.reference}}</p>');
    expect((await templateOf('label-sheet')).version).toBe(untouched.version + 1);
    expect((await templateOf('prescription-form')).html).toBe('<p>Notre propre fiche</p>');
  });
});

describe('the public verification page', () => {
  let issued: { documentId: string; number: string; sha256: string };
  beforeAll(async () => {
    const row = await app.strapi.db.query('api::convention.convention').findOne({ where: { prescriber: { name: 'CCAS de Brest' } }, populate: { prescriber: true } });
    issued = await generate('membership-convention', row.documentId);
  });

  it('confirms, without logging in, the kind, issue date, issuer and SHA-256 of an issued document, and the structure it binds', async () => {
    const res = await app.http().get(`/verify/${issued.number}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Convention d&#39;adhésion');
    expect(res.text).toContain(issued.sha256);
    expect(res.text).toContain('Atelier Seconde Vie');
    expect(res.text).toMatch(/Émis le<\/dt><dd>\d{1,2} \S+ \d{4} à \d{2}:\d{2}/);
    // A holder recognises the convention by its structure (an organisation, not a person).
    expect(res.text).toContain('<dt>Prescripteur</dt><dd>CCAS de Brest</dd>');
  });

  it('says so when no document carries the number', async () => {
    const res = await app.http().get('/verify/ATT-2099-999999');
    expect(res.status).toBe(404);
    expect(res.text).toContain("Aucun document portant le numéro <strong>ATT-2099-999999</strong> n'a été émis.");
  });

  it('never writes back what was typed in the address when it is not a number', async () => {
    const res = await app.http().get(`/verify/${encodeURIComponent('<b>x</b>')}`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<b>x</b>');
    expect(res.text).not.toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(res.text).toContain("Ce numéro n'est pas un numéro de document de l'atelier");
  });

  it('recognises the issued PDF when a visitor uploads it, and spots a modified copy', async () => {
    const original = await download(issued.documentId);
    expect(crypto.createHash('sha256').update(original).digest('hex')).toBe(issued.sha256);
    const same = await app.http().post(`/verify/${issued.number}`).attach('file', original, { filename: 'convention.pdf', contentType: 'application/pdf' });
    expect(same.status).toBe(200);
    expect(same.text).toContain('Le fichier transmis est identique au document émis');
    const modified = Buffer.concat([original, Buffer.from('\n% modifié\n')]);
    const other = await app.http().post(`/verify/${issued.number}`).attach('file', modified, { filename: 'convention.pdf', contentType: 'application/pdf' });
    expect(other.text).toContain('Le fichier transmis ne correspond pas au document émis');
  });
});

describe('who may do what', () => {
  it('refuses every documents route to a visitor who is not logged in', async () => {
    expect((await app.http().post('/documents/preview').send({ kind: 'prescription-form' })).status).toBe(401);
    expect((await app.http().post('/documents/generate').send({ kind: 'prescription-form', documentId: 'abcdefghij1234567890abcd' })).status).toBe(401);
    expect((await app.http().get('/documents/templates')).status).toBe(401);
  });

  it('refuses generation to a volunteer of the Atelier role, who has no documents permission', async () => {
    const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'seconde-vie-atelier' } });
    await app.strapi.service('admin::user').create({
      email: 'benevole.docs@seconde-vie.test', password: 'Atelier-2012-ok', firstname: 'Bénévole', lastname: 'Docs', isActive: true, registrationToken: null, roles: [role.id],
    });
    const volunteer = await adminToken(app, 'benevole.docs@seconde-vie.test', 'Atelier-2012-ok');
    const res = await app.http().post('/documents/preview').set({ Authorization: `Bearer ${volunteer}` }).send({ kind: 'prescription-form' });
    expect(res.status).toBe(403);
  });

  it('rejects unknown fields and kinds with French messages', async () => {
    const extra = await app.http().post('/documents/generate').set(auth()).send({ kind: 'label-sheet', documentId: 'abcdefghij1234567890abcd', force: true });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toContain('Champ non autorisé : force');
    const kind = await app.http().post('/documents/preview').set(auth()).send({ kind: 'invoice' });
    expect(kind.status).toBe(400);
    expect(kind.body.error.message).toContain('Type de document inconnu');
  });

  it('answers 404 in French for a record that does not exist', async () => {
    const res = await app.http().post('/documents/generate').set(auth()).send({ kind: 'label-sheet', documentId: 'abcdefghij1234567890abcd' });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('Fiche introuvable.');
  });
});
