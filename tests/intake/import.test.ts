import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { adminToken, count, createDonation, csv, GLPI_FR_HEADERS, glpiCsv, glpiRow, xlsx } from './fixtures';

let app: TestApp;
let token: string;

const auth = () => ({ Authorization: `Bearer ${token}` });
const machines = () => count(app, 'SELECT count(*) FROM machines');
const machinesOf = async (donation: string) =>
  count(
    app,
    `SELECT count(*) FROM machines m JOIN machines_donation_lnk l ON l.machine_id = m.id JOIN donations d ON d.id = l.donation_id
      WHERE d.document_id = $1`,
    [donation],
  );

const post = (donation: string, action: 'dry-run' | 'import', file: Buffer, filename: string, fields: Record<string, string> = {}) => {
  let req = app.http().post(`/intake/donations/${donation}/${action}`).set(auth()).attach('file', file, filename);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req;
};

type Problem = { code: string; dataRow: number | null; sheetRow: number; column: string | null; value: string | null; message: string };

beforeAll(async () => {
  app = await startApp('base');
  token = await adminToken(app);
});

afterAll(async () => {
  await app?.stop();
});

describe('importing a donor inventory into a donation', () => {
  it('recognises a GLPI export in a dry run, says why, shows its columns and first rows, and writes nothing', async () => {
    const { donation } = await createDonation(app);
    const before = await machines();
    const res = await post(donation, 'dry-run', glpiCsv(430), 'export_glpi.csv');
    expect(res.status).toBe(200);
    const report = res.body.data;
    expect(report).toMatchObject({ format: 'glpi-fr', delimiter: ';', encoding: 'utf-8', bom: true, totalRows: 430, validRows: 430, problems: [], warnings: [] });
    expect(report.recognition).toMatchObject({ ambiguous: false, evidence: ['Entité', "Numéro d'inventaire", "Système d'exploitation - Nom", 'Composants - Processeur', 'Mémoire (Mio)', 'Disque(s) dur(s)'] });
    expect(report.columns).toContainEqual({ header: 'Numéro de série', target: 'serialNumber', source: 'format' });
    expect(report.preview[0]).toEqual({
      dataRow: 1,
      sheetRow: 2,
      machine: expect.objectContaining({ type: 'desktop', ramGb: 2, brand: 'Dell Inc.', storageDevices: [{ interface: 'sata', capacityGb: 160 }, { interface: 'sata', capacityGb: 80 }] }),
    });
    expect(await machines()).toBe(before);
  });

  it('imports a 430-row GLPI export in one go, each unit with its label code, donor, workshop, stage and first event', async () => {
    const { donation, donor } = await createDonation(app);
    const res = await post(donation, 'import', glpiCsv(430), 'export_glpi.csv');
    expect(res.status).toBe(201);
    expect(res.body.data.result).toMatchObject({ created: 430, firstLabelCode: expect.stringMatching(/^SV-\d{6}$/) });
    expect(await machinesOf(donation)).toBe(430);
    const laptop = await app.strapi.db.query('api::machine.machine').findOne({
      where: { serialNumber: 'DSITSN100003' },
      populate: { donor: true, workshop: true, storageDevices: true },
    });
    expect(laptop).toMatchObject({
      type: 'laptop', brand: 'Hewlett-Packard', model: 'EliteBook 6930p', assetTag: 'DSIT-INV-00003', pipelineStage: 'received',
      cpu: 'Intel(R) Core(TM)2 Duo CPU E6550 @ 2.33GHz', osInstalled: 'Microsoft Windows XP Professionnel',
      donor: expect.objectContaining({ documentId: donor }), workshop: expect.objectContaining({ isDefault: true }),
      storageDevices: [expect.objectContaining({ interface: 'sata', capacityGb: 250, state: 'present' })],
    });
    expect(Number(laptop?.ramGb)).toBe(4);
    expect(laptop?.notes).toContain('Nom : PC-DSIT-0003');
    const history = await app.strapi.plugin('pipeline').service('history').verify('api::machine.machine', laptop?.documentId);
    expect(history).toEqual({ valid: true, events: 1 });
    // Through the content manager's own API, the unit reads as any other.
    const cm = await app.http().get(`/content-manager/collection-types/api::machine.machine/${laptop?.documentId}`).set(auth());
    expect(cm.status).toBe(200);
    expect(cm.body.data).toMatchObject({ labelCode: laptop?.labelCode, type: 'laptop' });
  });

  it('imports a 430-row Excel workbook', async () => {
    const { donation } = await createDonation(app, 'CAF du Finistère');
    const rows = Array.from({ length: 430 }, (_, i) => {
      const row: (string | number)[] = glpiRow(i + 1, 'CAF');
      row[10] = Number(row[10]); // Excel keeps memory sizes as numbers
      return row;
    });
    const res = await post(donation, 'import', await xlsx([GLPI_FR_HEADERS, ...rows]), 'parc CAF.xlsx');
    expect(res.status).toBe(201);
    expect(await machinesOf(donation)).toBe(430);
  });

  it('imports nothing from a file with 3 bad rows and names exactly those rows, by unit and by sheet row', async () => {
    const { donation } = await createDonation(app, 'UBO');
    const rows = Array.from({ length: 120 }, (_, i) => glpiRow(i + 1, 'UBO'));
    rows[9][10] = 'beaucoup'; // unit 10, sheet row 11: RAM not a number
    rows[49][5] = ''; // unit 50, row 51: no type
    rows[99][4] = rows[19][4]; // unit 100, row 101: serial of unit 20 again
    const before = await machines();
    const res = await post(donation, 'import', csv([GLPI_FR_HEADERS, ...rows]), 'ubo.csv');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/3 lignes en erreur : rien n'a été importé/);
    const problems = res.body.error.details.report.problems as Problem[];
    expect(problems.map((p) => [p.code, p.dataRow, p.sheetRow, p.column])).toEqual([
      ['unreadable', 10, 11, 'Mémoire (Mio)'], ['type_missing', 50, 51, null], ['duplicate_in_file', 100, 101, 'Numéro de série'],
    ]);
    expect(problems[2].message).toContain('machine n° 20 (ligne 21 du tableur)');
    expect(await machines()).toBe(before);
  });

  it('names a serial already registered in another donation of any donor, with its label code and donation', async () => {
    const first = await createDonation(app, 'CHU de Brest');
    expect((await post(first.donation, 'import', glpiCsv(3, 'DUP'), 'chu.csv')).status).toBe(201);
    const [unit] = (await app.sql.query("SELECT label_code FROM machines WHERE serial_number = 'DUPSN100002'")).rows;
    const { reference, name } = (
      await app.sql.query(
        `SELECT d.reference, o.name FROM donations d JOIN donations_donor_lnk l ON l.donation_id = d.id JOIN donors o ON o.id = l.donor_id
          WHERE d.document_id = $1`,
        [first.donation],
      )
    ).rows[0];
    const second = await createDonation(app, 'Mairie de Brest');
    const rows = [glpiRow(7, 'NEW'), glpiRow(2, 'DUP')];
    const res = await post(second.donation, 'dry-run', csv([GLPI_FR_HEADERS, ...rows]), 'mairie.csv');
    expect(res.body.data.problems).toEqual([
      expect.objectContaining({ code: 'serial_in_database', dataRow: 2, sheetRow: 3, column: 'Numéro de série', value: 'DUPSN100002' }),
    ]);
    expect(res.body.data.problems[0].message).toBe(`N° de série déjà enregistré dans le lot ${reference} (${name}) : machine ${unit.label_code}.`);
    const again = await post(first.donation, 'dry-run', glpiCsv(1, 'DUP'), 'chu.csv');
    expect(again.body.data.problems[0].message).toMatch(/déjà enregistré dans ce lot : machine SV-\d{6}\./);
  });

  it('asks staff to accept the warnings (empty serials…) and imports only with the digest of exactly those', async () => {
    const { donation } = await createDonation(app, 'Mairie de Guipavas');
    const rows = [glpiRow(1, 'WRN'), glpiRow(2, 'WRN'), glpiRow(3, 'WRN')];
    rows[1][4] = ''; // unit 2: no serial
    rows[2][4] = 'To be filled by O.E.M.'; // unit 3: a BIOS placeholder
    const file = csv([GLPI_FR_HEADERS, ...rows]);
    const dry = (await post(donation, 'dry-run', file, 'w.csv')).body.data;
    expect(dry.warnings.map((w: Problem) => [w.code, w.dataRow, w.sheetRow])).toEqual([['serial_empty', 2, 3], ['serial_placeholder', 3, 4]]);
    const refused = await post(donation, 'import', file, 'w.csv');
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^2 avertissements à accepter avant d'importer : rien n'a été importé/);
    const wrongDigest = await post(donation, 'import', file, 'w.csv', { acceptWarnings: '0000000000000000' });
    expect(wrongDigest.status).toBe(400);
    expect(await machinesOf(donation)).toBe(0);
    const accepted = await post(donation, 'import', file, 'w.csv', { acceptWarnings: dry.warningsDigest });
    expect(accepted.status).toBe(201);
    expect(await machinesOf(donation)).toBe(3);
  });

  it('refuses a second import of the same file: the serials are already registered in this donation', async () => {
    const { donation } = await createDonation(app, 'CHU de Brest');
    const file = glpiCsv(5, 'CHU');
    expect((await post(donation, 'import', file, 'chu.csv')).status).toBe(201);
    const again = await post(donation, 'import', file, 'chu.csv');
    expect(again.status).toBe(400);
    expect(again.body.error.details.report.problems).toHaveLength(5);
    expect(await machinesOf(donation)).toBe(5);
  });

  it('leaves an unknown column aside until staff map it, then remembers the mapping for this donor', async () => {
    const { donation } = await createDonation(app, 'Mairie de Plouzané');
    const file = csv([['Réf. parc', 'Type', 'Marque', 'N° série'], ['PLZ-12', 'Portable', 'Lenovo', 'PLZ-S12'], ['PLZ-13', 'Tour', 'Dell', 'PLZ-S13']]);
    const dry = await post(donation, 'dry-run', file, 'plouzane.csv');
    expect(dry.body.data.columns[0]).toEqual({ header: 'Réf. parc', target: 'ignore', source: 'unknown' });
    const mapping = JSON.stringify({ 'Réf. parc': 'assetTag', 'N° série': 'serialNumber' });
    const res = await post(donation, 'import', file, 'plouzane.csv', { mapping });
    expect(res.status).toBe(201);
    const tags = await app.sql.query(`SELECT asset_tag FROM machines WHERE asset_tag LIKE 'PLZ-%' ORDER BY asset_tag`);
    expect(tags.rows.map((r) => r.asset_tag)).toEqual(['PLZ-12', 'PLZ-13']);
    // The donor's next file, with the same columns, opens with the same mapping.
    const donorDonation = (await app.strapi.documents('api::donation.donation').findOne({ documentId: donation, populate: ['donor'] })) as { donor: { documentId: string } };
    const next = await app.strapi.documents('api::donation.donation').create({ data: { donor: donorDonation.donor.documentId, collectedAt: '2012-05-02' } as never });
    const later = await post(next.documentId, 'dry-run', csv([['Réf. parc', 'Type', 'N° série'], ['PLZ-20', 'Portable', 'PLZ-S20']]), 'plouzane-2.csv');
    expect(later.body.data.columns).toEqual([
      { header: 'Réf. parc', target: 'assetTag', source: 'remembered' },
      { header: 'Type', target: 'type', source: 'synonym' },
      { header: 'N° série', target: 'serialNumber', source: 'remembered' },
    ]);
  });

  it('refuses a mapping that names a column the file does not have, or a field that does not exist', async () => {
    const { donation } = await createDonation(app);
    const file = csv([['Type'], ['Portable']]);
    const missing = await post(donation, 'dry-run', file, 'x.csv', { mapping: JSON.stringify({ Couleur: 'brand' }) });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain("La colonne « Couleur » n'existe pas");
    const unknown = await post(donation, 'dry-run', file, 'x.csv', { mapping: JSON.stringify({ Type: 'price' }) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('« price »');
  });
});

describe('large imports, in the background', () => {
  const poll = async (id: string, until: (job: { status: string; written: number }) => boolean) => {
    for (;;) {
      const res = await app.http().get(`/intake/jobs/${id}`).set(auth());
      expect(res.status).toBe(200);
      if (until(res.body.data)) return res.body.data;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('runs a large import as a job whose progress and outcome are kept in the database', async () => {
    const { donation } = await createDonation(app, 'CHU de Brest');
    const res = await post(donation, 'import', glpiCsv(3000, 'BG'), 'chu.csv');
    expect(res.status).toBe(202);
    const { job } = res.body.data;
    expect(job).toMatchObject({ status: 'queued', phase: 'waiting', checked: 0, written: 0, total: 3000, errors: [] });
    const done = await poll(job.id, (j) => j.status !== 'running' && j.status !== 'queued');
    expect(done).toMatchObject({ status: 'done', phase: 'finished', checked: 3000, written: 3000, result: { created: 3000 } });
    expect(await machinesOf(donation)).toBe(3000);
    const listed = await app.http().get(`/intake/donations/${donation}/jobs`).set(auth());
    expect(listed.body.data[0]).toMatchObject({ id: job.id, status: 'done', filename: 'chu.csv' });
    // A volunteer registering a unit by hand is not held up by the import.
    const apiToken = await createFullAccessToken(app.strapi);
    const byHand = await app.http().post('/api/machines').set({ Authorization: `Bearer ${apiToken}` }).send({ data: { type: 'laptop' } });
    expect(byHand.status).toBe(201);
  });

  it('answers 404 in French for a job that does not exist, and for a malformed id', async () => {
    for (const id of ['abcdefghijklmnopqrstuvwx', '..%2F..', 'x'.repeat(41)]) {
      const res = await app.http().get(`/intake/jobs/${id}`).set(auth());
      expect([res.status, res.body.error?.message]).toEqual([404, 'Import introuvable.']);
    }
  });
});

describe('refusals, each in French and changing nothing', () => {
  it('refuses a request without a file', async () => {
    const { donation } = await createDonation(app);
    const res = await app.http().post(`/intake/donations/${donation}/dry-run`).set(auth()).field('mapping', '{}');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('Joignez le fichier');
  });

  it('refuses an unknown field in the form', async () => {
    const { donation } = await createDonation(app);
    const res = await post(donation, 'dry-run', glpiCsv(2), 'x.csv', { colour: 'blue' });
    expect(res.status).toBe(400);
  });

  it('refuses a PDF and an old .xls workbook with a French reason', async () => {
    const { donation } = await createDonation(app);
    const pdf = await post(donation, 'dry-run', Buffer.from('%PDF-1.4\n'), 'inventaire.pdf');
    expect(pdf.status).toBe(400);
    expect(pdf.body.error.message).toContain('un CSV (.csv, .txt, .tsv) ou un classeur Excel (.xlsx)');
    const xls = await post(donation, 'dry-run', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'vieux.xlsx');
    expect(xls.status).toBe(400);
    expect(xls.body.error.message).toContain('.xls');
  });

  it('refuses a file with only headers, and one above the maximum of rows', async () => {
    const { donation } = await createDonation(app);
    const empty = await post(donation, 'import', csv([GLPI_FR_HEADERS]), 'vide.csv');
    expect([empty.status, empty.body.error.message]).toEqual([400, 'Le fichier ne contient aucune machine.']);
    const tooMany = await post(donation, 'dry-run', glpiCsv(20001, 'MAX'), 'trop.csv');
    expect([tooMany.status, tooMany.body.error.message]).toEqual([400, 'Trop de lignes : 20\u202f000 au plus par import ; découpez le fichier.']);
  });

  it('answers 404 for a donation that does not exist', async () => {
    const res = await post('abcdefghijklmnopqrstuvwx', 'dry-run', glpiCsv(2), 'x.csv');
    expect([res.status, res.body.error.message]).toEqual([404, 'Lot introuvable.']);
  });

  it('refuses anyone not logged in to the admin', async () => {
    const { donation } = await createDonation(app);
    const res = await app.http().post(`/intake/donations/${donation}/dry-run`).attach('file', glpiCsv(2), 'x.csv');
    expect(res.status).toBe(401);
  });

  it('refuses a volunteer of the Atelier role, who lacks the import permission', async () => {
    const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'seconde-vie-atelier' } });
    await app.strapi.service('admin::user').create({
      email: 'benevole@seconde-vie.test', firstname: 'Yann', lastname: 'Le Gall', password: 'Benevole-2012', isActive: true, roles: [role.id],
    });
    const volunteer = await adminToken(app, 'benevole@seconde-vie.test', 'Benevole-2012');
    const { donation } = await createDonation(app);
    const res = await app.http().post(`/intake/donations/${donation}/dry-run`).set({ Authorization: `Bearer ${volunteer}` }).attach('file', glpiCsv(2), 'x.csv');
    expect(res.status).toBe(403);
  });

  it('downloads the CSV template with our French headers, ready for Excel', async () => {
    const res = await app.http().get('/intake/template').set(auth()).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('modele-import-parc.csv');
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.subarray(3).toString('utf8')).toMatch(/^N° d'inventaire du donateur;N° de série;Type;Marque;Modèle;.*Mémoire vive \(Go\)/);
  });
});
