/**
 * The documents plugin in a network of workshops (issue 19, docs/network.md): staff of one workshop
 * reach only the documents about their workshops' records (every other one is a 404, or absent
 * from a list, and nothing is written), and a document names, and is numbered by, the workshop of
 * its record: a Morlaix unit's erasure certificate and its verify page name Morlaix.
 */
import { startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';
import { createWorkshop, defaultWorkshop, memberToken } from '../helpers/network';
import { binary, removeUploads } from '../documents/helpers/admin';
import { plain, readPdf } from '../documents/helpers/pdf';

let app: TestApp;
let admin: string;
let brestStaff: string;
let morlaixStaff: string;
let network: string;
let morlaix: { id: number; documentId: string; code: string };
let brest: { id: number; documentId: string; code: string };

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const MORLAIX_NAME = 'Seconde Vie Morlaix';
const MACHINE = 'api::machine.machine';
const year = new Date().getUTCFullYear();

type Machine = { id: number; documentId: string; labelCode: string; type?: string; storageDevices: Array<{ documentId: string; state?: string }> };

beforeAll(async () => {
  app = await startApp('demo');
  admin = await adminToken(app);
  brest = await defaultWorkshop(app);
  morlaix = await createWorkshop(app, { name: MORLAIX_NAME, commune: 'Morlaix', code: 'MO', postalCodes: '29600' });
  brestStaff = (await memberToken(app, 'seconde-vie-coordination', 'coordination.brest@seconde-vie.test', [brest.id])).token;
  morlaixStaff = (await memberToken(app, 'seconde-vie-coordination', 'coordination.morlaix@seconde-vie.test', [morlaix.id])).token;
  network = (await memberToken(app, 'seconde-vie-reseau', 'reseau@seconde-vie.test', [])).token;
});

afterAll(async () => {
  if (app) await removeUploads(app);
  await app?.stop();
});

/** Units still at Réception with a disk (no erasure recorded yet), oldest first. */
async function unitsWithDisk(count: number): Promise<Machine[]> {
  return (await app.strapi.db.query(MACHINE).findMany({
    where: { storageDevices: { serial: { $notNull: true } }, pipelineStage: 'received' },
    populate: { storageDevices: true },
    orderBy: { id: 'asc' },
    limit: count,
  })) as Machine[];
}

/** Erases a unit's disks as the bench station records them (tests/documents/generation.test.ts). */
async function recordErasures(machine: Machine): Promise<void> {
  for (const d of machine.storageDevices.filter((x) => x.state !== 'removed')) {
    const res = await app.http().post(`/pipeline/machines/${machine.documentId}/erasures`).set(bearer(admin))
      .send({ deviceDocumentId: d.documentId, method: 'nist_clear', passes: 1, tool: 'nwipe', toolVersion: '0.34', result: 'success' });
    expect(res.status).toBe(201);
  }
}

/** What a refused request must not have written. */
async function written(): Promise<Record<string, number>> {
  const count = async (sql: string) => Number((await app.sql.query(sql)).rows[0].n);
  return {
    documents: await count('SELECT count(*) AS n FROM documents_generated'),
    sendings: await count('SELECT count(*) AS n FROM documents_sendings'),
    batches: await count('SELECT count(*) AS n FROM sv_document_batches'),
    files: await count('SELECT count(*) AS n FROM sv_document_files'),
  };
}

describe('documents in a network of workshops', () => {
  let brestUnit: Machine;
  let morlaixUnit: Machine;
  let brestDoc: { documentId: string; number: string };
  let morlaixDoc: { documentId: string; number: string };
  let brestBatch: string;
  let brestDonation: { documentId: string };
  let brestConvention: { documentId: string };
  let brestVolunteer: { documentId: string };
  let morlaixVolunteer: { documentId: string };

  beforeAll(async () => {
    [brestUnit, morlaixUnit] = await unitsWithDisk(2);
    // A unit of Morlaix, erased at Morlaix's bench.
    await app.strapi.db.query(MACHINE).update({ where: { id: morlaixUnit.id }, data: { workshop: morlaix.id, donation: null } });
    await recordErasures(brestUnit);
    await recordErasures(morlaixUnit);
    brestConvention = (await app.strapi.db.query('api::convention.convention').findOne({ where: { kind: 'partnership' } })) as { documentId: string };
    brestVolunteer = (await app.strapi.documents('api::volunteer.volunteer').create({ data: { name: 'Yannick Brestois', startDate: '2011-09-01', workshop: brest.id } as never })) as { documentId: string };
    morlaixVolunteer = (await app.strapi.documents('api::volunteer.volunteer').create({ data: { name: 'Gwen Montroulez', startDate: '2011-09-01', workshop: morlaix.id } as never })) as { documentId: string };

    // Brest's certificate, issued by Brest's staff.
    const issued = await app.http().post('/documents/generate').set(bearer(brestStaff)).send({ kind: 'erasure-certificate', documentId: brestUnit.documentId });
    expect(issued.status).toBe(201);
    brestDoc = issued.body.data;

    // A batch of Brest: the smallest donation with units, as the super-admin starts it.
    const donations = (await app.strapi.db.query('api::donation.donation').findMany({ populate: { machines: { select: ['id'] } }, limit: 500 })) as Array<{ documentId: string; machines: unknown[] }>;
    brestDonation = donations.filter((d) => d.machines.length > 0).sort((a, b) => a.machines.length - b.machines.length)[0];
    const batch = await app.http().post('/documents/batches').set(bearer(admin)).send({ donation: brestDonation.documentId });
    expect(batch.status).toBe(202);
    brestBatch = batch.body.data.id;
    for (let i = 0; i < 120; i += 1) {
      const job = (await app.http().get(`/documents/batches/${brestBatch}`).set(bearer(brestStaff))).body.data;
      if (job?.status === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });

  it('issues Morlaix’s certificate in Morlaix’s name and number, and its verify page names Morlaix', async () => {
    const res = await app.http().post('/documents/generate').set(bearer(morlaixStaff)).send({ kind: 'erasure-certificate', documentId: morlaixUnit.documentId });
    expect(res.status).toBe(201);
    morlaixDoc = res.body.data;
    expect(morlaixDoc.number).toMatch(new RegExp(`^ATT-MO-${year}-\\d{6}$`));
    // The default workshop keeps its numbers' form.
    expect(brestDoc.number).toMatch(new RegExp(`^ATT-${year}-\\d{6}$`));

    const download = await app.http().get(`/documents/generated/${morlaixDoc.documentId}/download`).set(bearer(morlaixStaff)).buffer(true).parse(binary);
    expect(download.status).toBe(200);
    const text = plain((await readPdf(download.body as Buffer)).text);
    expect(text).toContain(`${MORLAIX_NAME}, atelier de reconditionnement informatique situé à Morlaix`);
    expect(text).toContain(`Fait à Morlaix`);
    expect(text).toContain(morlaixDoc.number);

    const page = await app.http().get(`/verify/${morlaixDoc.number}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Émis par : <strong>${MORLAIX_NAME}</strong> (Morlaix)`);

    // Brest's own certificate and page do not name Morlaix.
    const brestPage = await app.http().get(`/verify/${brestDoc.number}`);
    expect(brestPage.status).toBe(200);
    expect(brestPage.text).toContain('Émis par : ');
    expect(brestPage.text).not.toContain(MORLAIX_NAME);
    const brestPdf = await app.http().get(`/documents/generated/${brestDoc.documentId}/download`).set(bearer(brestStaff)).buffer(true).parse(binary);
    expect(plain((await readPdf(brestPdf.body as Buffer)).text)).not.toContain(MORLAIX_NAME);

    // A Morlaix volunteer's badge names Morlaix.
    const card = await app.http().get(`/documents/volunteers/${morlaixVolunteer.documentId}/badge`).set(bearer(morlaixStaff)).buffer(true).parse(binary);
    expect(card.status).toBe(200);
    expect(plain((await readPdf(card.body as Buffer)).text)).toContain(MORLAIX_NAME);
  });

  it('gives staff of one workshop nothing of another workshop’s documents and records, on every route, and writes nothing', async () => {
    const leaks: string[] = [];
    /** One request by `who` on another workshop's record or document: a refusal in `statuses`, nothing written. */
    async function refused(label: string, send: () => Promise<{ status: number; body: unknown; text?: string }>, statuses = [404]): Promise<void> {
      const before = await written();
      const res = await send();
      if (!statuses.includes(res.status)) leaks.push(`${label} : ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      const after = await written();
      if (JSON.stringify(after) !== JSON.stringify(before)) leaks.push(`${label} : écrit ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    }

    const cases: Array<{ who: string; token: string; unit: Machine; doc: { documentId: string } }> = [
      { who: 'Morlaix sur Brest', token: morlaixStaff, unit: brestUnit, doc: brestDoc },
      { who: 'Brest sur Morlaix', token: brestStaff, unit: morlaixUnit, doc: morlaixDoc },
    ];
    for (const { who, token, unit, doc } of cases) {
      const auth = bearer(token);
      await refused(`${who} : aperçu`, () => app.http().post('/documents/preview').set(auth).send({ kind: 'erasure-certificate', documentId: unit.documentId }));
      await refused(`${who} : aperçu PDF`, () => app.http().post('/documents/preview').set(auth).send({ kind: 'erasure-certificate', documentId: unit.documentId, format: 'pdf' }));
      await refused(`${who} : génération`, () => app.http().post('/documents/generate').set(auth).send({ kind: 'erasure-certificate', documentId: unit.documentId }));
      await refused(`${who} : téléchargement`, () => app.http().get(`/documents/generated/${doc.documentId}/download`).set(auth));
      await refused(`${who} : envoi`, () => app.http().post(`/documents/generated/${doc.documentId}/send`).set(auth).send({ to: 'quelquun@example.org' }));
      await refused(`${who} : destinataires`, () => app.http().get(`/documents/generated/${doc.documentId}/recipients`).set(auth));
      await refused(`${who} : envois`, () => app.http().get(`/documents/generated/${doc.documentId}/sendings`).set(auth));
      const list = await app.http().get('/documents/generated').query({ targetUid: MACHINE, targetDocumentId: unit.documentId }).set(auth);
      if (list.status !== 200 || list.body.data.length !== 0) leaks.push(`${who} : liste des documents de la fiche : ${list.status} ${JSON.stringify(list.body).slice(0, 200)}`);
    }

    // Morlaix's staff on Brest's other records: a convention, a donation's batch, a volunteer.
    const m = bearer(morlaixStaff);
    await refused('Morlaix : génération d’une convention de Brest', () => app.http().post('/documents/generate').set(m).send({ kind: 'partnership-convention', documentId: brestConvention.documentId }));
    await refused('Morlaix : lot de Brest', () => app.http().post('/documents/batches').set(m).send({ donation: brestDonation.documentId }));
    await refused('Morlaix : suivi d’un lot de Brest', () => app.http().get(`/documents/batches/${brestBatch}`).set(m));
    await refused('Morlaix : archive d’un lot de Brest', () => app.http().get(`/documents/batches/${brestBatch}/download`).set(m));
    await refused('Morlaix : badge d’un bénévole de Brest', () => app.http().get(`/documents/volunteers/${brestVolunteer.documentId}/badge`).set(m));
    await refused('Brest : badge d’un bénévole de Morlaix', () => app.http().get(`/documents/volunteers/${morlaixVolunteer.documentId}/badge`).set(bearer(brestStaff)));

    // The records picker: only one's own workshops' records.
    const brestIds = new Set(
      ((await app.strapi.db.query(MACHINE).findMany({ where: { workshop: { id: brest.id } }, select: ['documentId'] })) as Array<{ documentId: string }>).map((r) => r.documentId),
    );
    const picked = await app.http().get('/documents/records').query({ kind: 'erasure-certificate' }).set(m);
    expect(picked.status).toBe(200);
    const pickedIds = (picked.body.data as Array<{ documentId: string }>).map((r) => r.documentId);
    if (pickedIds.some((id) => brestIds.has(id))) leaks.push('Morlaix : sélecteur de fiches (unités) : des unités de Brest');
    if (!pickedIds.includes(morlaixUnit.documentId)) leaks.push('Morlaix : sélecteur de fiches : son unité manque');
    const conventions = await app.http().get('/documents/records').query({ kind: 'partnership-convention' }).set(m);
    if (conventions.status !== 200 || conventions.body.data.length !== 0) leaks.push(`Morlaix : sélecteur de fiches (conventions) : ${JSON.stringify(conventions.body).slice(0, 200)}`);
    const brestPicked = await app.http().get('/documents/records').query({ kind: 'erasure-certificate' }).set(bearer(brestStaff));
    if ((brestPicked.body.data as Array<{ documentId: string }>).some((r) => r.documentId === morlaixUnit.documentId)) leaks.push('Brest : sélecteur de fiches : l’unité de Morlaix');

    // « Réseau » reads the network's documents but generates, batches and sends none: refused, nothing written.
    const r = bearer(network);
    await refused('Réseau : génération', () => app.http().post('/documents/generate').set(r).send({ kind: 'erasure-certificate', documentId: morlaixUnit.documentId }), [403]);
    await refused('Réseau : lot', () => app.http().post('/documents/batches').set(r).send({ donation: brestDonation.documentId }), [403]);
    await refused('Réseau : envoi', () => app.http().post(`/documents/generated/${morlaixDoc.documentId}/send`).set(r).send({ to: 'quelquun@example.org' }), [403]);

    expect(leaks).toEqual([]);
  });

  it('lets « Réseau » read every workshop’s documents, except those naming a household', async () => {
    const r = bearer(network);
    const leaks: string[] = [];
    // Certificates of both workshops: listed and downloaded.
    for (const [unit, doc] of [[brestUnit, brestDoc], [morlaixUnit, morlaixDoc]] as const) {
      const list = await app.http().get('/documents/generated').query({ targetUid: MACHINE, targetDocumentId: unit.documentId }).set(r);
      if (list.status !== 200 || !list.body.data.some((d: { number: string }) => d.number === doc.number)) leaks.push(`Réseau : liste de ${doc.number} : ${list.status}`);
      const pdf = await app.http().get(`/documents/generated/${doc.documentId}/download`).set(r).buffer(true).parse(binary);
      if (pdf.status !== 200 || !(pdf.body as Buffer).subarray(0, 5).toString().startsWith('%PDF')) leaks.push(`Réseau : téléchargement de ${doc.number} : ${pdf.status}`);
      const sendings = await app.http().get(`/documents/generated/${doc.documentId}/sendings`).set(r);
      if (sendings.status !== 200) leaks.push(`Réseau : envois de ${doc.number} : ${sendings.status}`);
    }
    // A prescription form names its household: Réseau reads the prescription, never the form.
    const prescription = (await app.strapi.db.query('api::prescription.prescription').findOne({ where: { household: { id: { $notNull: true } } } })) as { documentId: string };
    const form = await app.http().post('/documents/generate').set(bearer(admin)).send({ kind: 'prescription-form', documentId: prescription.documentId });
    expect(form.status).toBe(201);
    const listed = await app.http().get('/documents/generated').query({ targetUid: 'api::prescription.prescription', targetDocumentId: prescription.documentId }).set(r);
    if (listed.status !== 200 || listed.body.data.some((d: { kind: string }) => d.kind === 'prescription-form')) leaks.push(`Réseau : la fiche de prescription est listée : ${listed.status}`);
    const download = await app.http().get(`/documents/generated/${form.body.data.documentId}/download`).set(r);
    if (download.status !== 403 || !/ne permet pas de consulter/.test(JSON.stringify(download.body))) leaks.push(`Réseau : fiche de prescription téléchargée : ${download.status} ${JSON.stringify(download.body).slice(0, 200)}`);
    expect(leaks).toEqual([]);
  });

  it('still gives each workshop its own documents, and the super-admin every workshop’s', async () => {
    const own = await app.http().get('/documents/generated').query({ targetUid: MACHINE, targetDocumentId: morlaixUnit.documentId }).set(bearer(morlaixStaff));
    expect(own.status).toBe(200);
    expect(own.body.data.map((d: { number: string }) => d.number)).toEqual([morlaixDoc.number]);
    const brestOwn = await app.http().get(`/documents/generated/${brestDoc.documentId}/recipients`).set(bearer(brestStaff));
    expect(brestOwn.status).toBe(200);
    expect((await app.http().get(`/documents/batches/${brestBatch}`).set(bearer(brestStaff))).status).toBe(200);
    expect((await app.http().get(`/documents/volunteers/${brestVolunteer.documentId}/badge`).set(bearer(brestStaff))).status).toBe(200);
    for (const doc of [brestDoc, morlaixDoc]) {
      expect((await app.http().get(`/documents/generated/${doc.documentId}/sendings`).set(bearer(admin))).status).toBe(200);
    }
    // Templates are the network's shared practice: the same list for every workshop.
    const a = await app.http().get('/documents/templates').set(bearer(morlaixStaff));
    const b = await app.http().get('/documents/templates').set(bearer(brestStaff));
    expect(a.status).toBe(200);
    expect(a.body.data.map((t: { documentId: string }) => t.documentId)).toEqual(b.body.data.map((t: { documentId: string }) => t.documentId));
  });

  it('prints the legal identity of a workshop that is its own association, refusing a wrong SIRET', async () => {
    const url = `/content-manager/collection-types/api::workshop.workshop/${morlaix.documentId}`;
    const row = async () => (await app.sql.query('SELECT legal_form, siret, signatory_name FROM workshops WHERE id = $1', [morlaix.id])).rows[0];
    const before = await row();
    const wrong = await app.http().put(url).set(bearer(morlaixStaff)).send({ legalForm: 'Association loi 1901', siret: '12345678901234' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/SIRET n'est pas valide/);
    expect(await row()).toEqual(before);
    const saved = await app.http().put(url).set(bearer(morlaixStaff))
      .send({ legalForm: 'Association loi 1901', siret: '443 061 841 00047', signatoryName: 'Nolwenn Le Gall', signatoryRole: 'Présidente' });
    expect(saved.status).toBe(200);
    expect(await row()).toEqual({ legal_form: 'Association loi 1901', siret: '44306184100047', signatory_name: 'Nolwenn Le Gall' });

    const issued = await app.http().post('/documents/generate').set(bearer(morlaixStaff)).send({ kind: 'erasure-certificate', documentId: morlaixUnit.documentId });
    expect(issued.status).toBe(201);
    const pdf = await app.http().get(`/documents/generated/${issued.body.data.documentId}/download`).set(bearer(morlaixStaff)).buffer(true).parse(binary);
    const text = plain((await readPdf(pdf.body as Buffer)).text);
    for (const s of ['SIRET 44306184100047', 'Association loi 1901', 'Nolwenn Le Gall', 'Présidente']) expect(text).toContain(s);
    // Brest's documents keep the identity of Documents → Identité de l'atelier.
    const brestAgain = await app.http().post('/documents/generate').set(bearer(brestStaff)).send({ kind: 'erasure-certificate', documentId: brestUnit.documentId });
    expect(brestAgain.status).toBe(201);
    const brestPdf = await app.http().get(`/documents/generated/${brestAgain.body.data.documentId}/download`).set(bearer(brestStaff)).buffer(true).parse(binary);
    const brestText = plain((await readPdf(brestPdf.body as Buffer)).text);
    for (const s of ['44306184100047', 'Nolwenn Le Gall']) expect(brestText).not.toContain(s);
  });
});
