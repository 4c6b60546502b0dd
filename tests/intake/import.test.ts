import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { adminToken, count, createDonation, csv, GLPI_FR_HEADERS, glpiCsv, glpiRow, xlsx } from './fixtures';

let app: TestApp;
let token: string;

const auth = () => ({ Authorization: `Bearer ${token}` });
const machines = () => count(app, 'SELECT count(*) FROM machines');
const machinesOf = async (donation: string) =>
  count(
    app,
    `SELECT count(*) FROM machines m
       JOIN machines_donation_lnk l ON l.machine_id = m.id
       JOIN donations d ON d.id = l.donation_id
      WHERE d.document_id = $1`,
    [donation],
  );

const post = (donation: string, action: 'dry-run' | 'import', file: Buffer, filename: string, fields: Record<string, string> = {}) => {
  let req = app.http().post(`/intake/donations/${donation}/${action}`).set(auth()).attach('file', file, filename);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req;
};

beforeAll(async () => {
  app = await startApp('base');
  token = await adminToken(app);
});

afterAll(async () => {
  await app?.stop();
});

describe('importing a donor inventory into a donation', () => {
  it("recognises a GLPI export in a dry run, shows its columns and first rows, and writes nothing", async () => {
    const { donation } = await createDonation(app);
    const before = await machines();
    const res = await post(donation, 'dry-run', glpiCsv(430), 'export_glpi.csv');
    expect(res.status).toBe(200);
    const report = res.body.data;
    expect(report).toMatchObject({ format: 'glpi-fr', delimiter: ';', encoding: 'utf-8', totalRows: 430, validRows: 430, problems: [] });
    expect(report.columns).toContainEqual({ header: 'Numéro de série', target: 'serialNumber', recognised: true });
    expect(report.columns).toContainEqual({ header: 'Mémoire (Mio)', target: 'ramGb', recognised: true });
    expect(report.preview[0]).toEqual({
      row: 2,
      machine: expect.objectContaining({ type: 'desktop', ramGb: 2, brand: 'Dell Inc.', storageDevices: [
        { interface: 'sata', capacityGb: 160 }, { interface: 'sata', capacityGb: 80 },
      ] }),
    });
    expect(await machines()).toBe(before);
  });

  it('imports a 430-row GLPI export (semicolons, BOM, French headers) in one go, each unit with its label code', async () => {
    const { donation } = await createDonation(app);
    const started = Date.now();
    const res = await post(donation, 'import', glpiCsv(430), 'export_glpi.csv');
    console.log(`intake: 430 GLPI rows imported in ${Date.now() - started} ms (HTTP round trip)`);
    expect(res.status).toBe(201);
    expect(res.body.data.result.created).toBe(430);
    expect(res.body.data.result.firstLabelCode).toMatch(/^SV-\d{6}$/);
    expect(await machinesOf(donation)).toBe(430);
    const codes = await app.sql.query(
      `SELECT count(DISTINCT m.label_code) AS count FROM machines m JOIN machines_donation_lnk l ON l.machine_id = m.id
         JOIN donations d ON d.id = l.donation_id WHERE d.document_id = $1 AND m.label_code ~ '^SV-[0-9]{6}$'`,
      [donation],
    );
    expect(Number(codes.rows[0].count)).toBe(430);
    const laptop = await app.strapi.db.query('api::machine.machine').findOne({
      where: { serialNumber: 'DSITSN100003' },
      populate: { donor: true, storageDevices: true },
    });
    expect(laptop).toMatchObject({
      type: 'laptop', brand: 'Hewlett-Packard', model: 'EliteBook 6930p', assetTag: 'DSIT-INV-00003',
      cpu: 'Intel(R) Core(TM)2 Duo CPU E6550 @ 2.33GHz', osInstalled: 'Microsoft Windows XP Professionnel',
      donor: expect.objectContaining({ name: expect.stringContaining('DSIT Brest') }),
      storageDevices: [expect.objectContaining({ interface: 'sata', capacityGb: 250 })],
    });
    expect(Number(laptop?.ramGb)).toBe(4);
    expect(laptop?.notes).toContain('Nom : PC-DSIT-0003');
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
    expect(res.body.data.result.created).toBe(430);
    expect(await machinesOf(donation)).toBe(430);
  });

  it('imports nothing from a file with 3 bad rows and names exactly those rows with their reasons', async () => {
    const { donation } = await createDonation(app, 'UBO');
    const rows = Array.from({ length: 120 }, (_, i) => glpiRow(i + 1, 'UBO'));
    rows[9][10] = 'beaucoup'; // spreadsheet row 11: RAM not a number
    rows[49][5] = ''; // row 51: no type
    rows[99][4] = rows[19][4]; // row 101: serial of row 21 again
    const before = await machines();
    const res = await post(donation, 'import', csv([GLPI_FR_HEADERS, ...rows]), 'ubo.csv');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/3 lignes en erreur : rien n'a été importé/);
    const problems = res.body.error.details.report.problems as { row: number; field: string; message: string }[];
    expect(problems.map((p) => [p.row, p.field])).toEqual([[11, 'ramGb'], [51, 'type'], [101, 'serialNumber']]);
    expect(problems[0].message).toContain("ce n'est pas un nombre");
    expect(problems[1].message).toContain('Type manquant');
    expect(problems[2].message).toContain('déjà ligne 21');
    expect(await machines()).toBe(before);
  });

  it('lists the same 3 bad rows in the dry run, so staff can fix them first', async () => {
    const { donation } = await createDonation(app, 'UBO');
    const rows = Array.from({ length: 20 }, (_, i) => glpiRow(i + 1, 'UBO2'));
    rows[2][11] = 'un gros disque';
    rows[3][6] = 'M'.repeat(81);
    rows[4][10] = '999999999';
    const res = await post(donation, 'dry-run', csv([GLPI_FR_HEADERS, ...rows]), 'ubo.csv');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ totalRows: 20, validRows: 17, invalidRows: 3 });
    expect(res.body.data.problems.map((p: { row: number; field: string }) => [p.row, p.field])).toEqual([
      [4, 'storage'], [5, 'model'], [6, 'ramGb'],
    ]);
    expect(res.body.data.problems[1].message).toBe('Modèle trop long : 81 caractères, 80 au plus.');
  });

  it('refuses a second import of the same file: the serials are already registered in this donation', async () => {
    const { donation } = await createDonation(app, 'CHU de Brest');
    const file = glpiCsv(5, 'CHU');
    expect((await post(donation, 'import', file, 'chu.csv')).status).toBe(201);
    const again = await post(donation, 'import', file, 'chu.csv');
    expect(again.status).toBe(400);
    expect(again.body.error.details.report.problems).toHaveLength(5);
    expect(again.body.error.details.report.problems[0].message).toMatch(/déjà enregistré dans ce lot \(machine SV-\d{6}\)/);
    expect(await machinesOf(donation)).toBe(5);
  });

  it('imports a Snipe-IT export with English headers and commas', async () => {
    const { donation } = await createDonation(app, 'Alcatel');
    const file = csv(
      [
        ['Asset Tag', 'Asset Name', 'Serial', 'Model', 'Model No.', 'Category', 'Manufacturer', 'Status', 'Location', 'RAM', 'Hard Drive'],
        ['ALU-0001', 'lt-compta-1', 'CND1234XYZ', 'Latitude E6400', 'PP27L', 'Laptops', 'Dell', 'Ready to Deploy', 'Brest', '4 GB', '160 GB'],
        ['ALU-0002', 'ws-rd-7', 'CZC5678ABC', 'Compaq dc7800', '', 'Desktops', 'HP', 'Archived', 'Brest', '2048 MB', '250 GB'],
        ['ALU-0003', '', 'CN-0G1234', 'UltraSharp 1907FP', '', 'Monitors', 'Dell', 'Archived', 'Brest', '', ''],
      ],
      ',',
      false,
    );
    const dry = await post(donation, 'dry-run', file, 'assets.csv');
    expect(dry.body.data).toMatchObject({ format: 'snipe-it', delimiter: ',', problems: [] });
    const res = await post(donation, 'import', file, 'assets.csv');
    expect(res.status).toBe(201);
    const rows = await app.strapi.db.query('api::machine.machine').findMany({
      where: { assetTag: { $in: ['ALU-0001', 'ALU-0002', 'ALU-0003'] } },
      orderBy: { assetTag: 'asc' },
    });
    expect(rows.map((m) => [m.type, m.serialNumber, m.ramGb === null ? null : Number(m.ramGb)])).toEqual([
      ['laptop', 'CND1234XYZ', 4], ['desktop', 'CZC5678ABC', 2], ['screen', 'CN-0G1234', null],
    ]);
  });

  it('leaves an unknown column aside until staff map it, then imports it', async () => {
    const { donation } = await createDonation(app, 'Mairie de Guipavas');
    const file = csv([['Réf. parc', 'Type', 'Marque'], ['GPV-12', 'Portable', 'Lenovo'], ['GPV-13', 'Tour', 'Dell']]);
    const dry = await post(donation, 'dry-run', file, 'guipavas.csv');
    expect(dry.body.data.columns[0]).toEqual({ header: 'Réf. parc', target: 'ignore', recognised: false });
    const res = await post(donation, 'import', file, 'guipavas.csv', { mapping: JSON.stringify({ 'Réf. parc': 'assetTag' }) });
    expect(res.status).toBe(201);
    const tags = await app.sql.query(`SELECT asset_tag FROM machines WHERE asset_tag LIKE 'GPV-%' ORDER BY asset_tag`);
    expect(tags.rows.map((r) => r.asset_tag)).toEqual(['GPV-12', 'GPV-13']);
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

  it('reads a Windows-1252 CSV saved by French Excel', async () => {
    const { donation } = await createDonation(app);
    const text = 'Numéro de série;Type;Modèle\r\nW1252-1;Unité centrale;Écran intégré\r\n';
    const res = await post(donation, 'dry-run', Buffer.from(text, 'latin1'), 'excel.csv');
    expect(res.body.data).toMatchObject({ encoding: 'windows-1252', problems: [] });
    expect(res.body.data.preview[0].machine).toMatchObject({ type: 'desktop', model: 'Écran intégré' });
  });
});

describe('large imports, in the background', () => {
  const poll = async (id: string, until: (job: { status: string; processed: number }) => boolean) => {
    for (;;) {
      const res = await app.http().get(`/intake/jobs/${id}`).set(auth());
      expect(res.status).toBe(200);
      if (until(res.body.data)) return res.body.data;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  it('runs a large import as a job whose progress staff can follow, while others keep registering machines', async () => {
    const { donation } = await createDonation(app, 'CHU de Brest');
    const res = await post(donation, 'import', glpiCsv(600, 'BG'), 'chu.csv');
    expect(res.status).toBe(202);
    const { job } = res.body.data;
    expect(job).toMatchObject({ status: 'queued', processed: 0, total: 600, errors: [] });

    await poll(job.id, (j) => j.processed > 0);
    // The import holds no lock a volunteer registering a unit by hand would wait on.
    const apiToken = await createFullAccessToken(app.strapi);
    const byHand = await app.http().post('/api/machines').set({ Authorization: `Bearer ${apiToken}` }).send({ data: { type: 'laptop' } });
    expect(byHand.status).toBe(201);
    expect((await app.http().get(`/intake/jobs/${job.id}`).set(auth())).body.data.status).toBe('running');

    const done = await poll(job.id, (j) => j.status !== 'running' && j.status !== 'queued');
    console.log(`intake: 600 rows imported in the background in ${done.result?.durationMs} ms`);
    expect(done).toMatchObject({ status: 'done', processed: 600, total: 600, errors: [], result: { created: 600 } });
    expect(await machinesOf(donation)).toBe(600);
    expect(await count(app, 'SELECT count(*) FROM machines WHERE label_code = $1', [byHand.body.data.labelCode])).toBe(1);
  });

  it('answers 404 for a job that does not exist', async () => {
    const res = await app.http().get('/intake/jobs/6d7f3c2e-0000-4000-8000-000000000000').set(auth());
    expect(res.status).toBe(404);
  });
});

describe('what the import routes refuse', () => {
  it('answers 404 for a donation that does not exist', async () => {
    const res = await post('nonexistent0000000000000', 'dry-run', glpiCsv(2), 'x.csv');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('Lot introuvable.');
  });

  it('refuses a request without a file', async () => {
    const { donation } = await createDonation(app);
    const res = await app.http().post(`/intake/donations/${donation}/dry-run`).set(auth()).field('mapping', '{}');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('Joignez le fichier');
  });

  it('refuses a PDF and an old .xls workbook with a French reason', async () => {
    const { donation } = await createDonation(app);
    const pdf = await post(donation, 'dry-run', Buffer.from('%PDF-1.4\n'), 'inventaire.pdf');
    expect(pdf.status).toBe(400);
    expect(pdf.body.error.message).toContain('un CSV (.csv, .txt) ou un classeur Excel (.xlsx)');
    const xls = await post(donation, 'dry-run', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'vieux.xlsx');
    expect(xls.status).toBe(400);
    expect(xls.body.error.message).toContain('.xls');
  });

  it('refuses a file with only headers', async () => {
    const { donation } = await createDonation(app);
    const res = await post(donation, 'import', csv([GLPI_FR_HEADERS]), 'vide.csv');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Le fichier ne contient aucune machine.');
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
    const res = await app.http().post(`/intake/donations/${donation}/dry-run`).set({ Authorization: `Bearer ${volunteer}` })
      .attach('file', glpiCsv(2), 'x.csv');
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
