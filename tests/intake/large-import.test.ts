import { Client } from 'pg';
import { startApp, type TestApp } from '../helpers/app';
import { formatLabelCode } from '../../src/shared/server/numbering';
import { adminToken, count, createDonation, csv, GLPI_FR_HEADERS, glpiRow } from './fixtures';

// All or nothing for the largest file an import takes: 20,000 rows in one transaction, and any
// failure, wherever it happens, leaves the database as it was.

let app: TestApp;
let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });
const LOCK_NAMESPACE = 0x5356;
const ROWS = 20000;

beforeAll(async () => {
  app = await startApp('base');
  token = await adminToken(app);
});

afterAll(async () => {
  await app?.stop();
});

type Job = { status: string; phase: string; checked: number; written: number; total: number; errors: { code: string; dataRow: number | null; sheetRow: number; message: string }[]; result: { created: number } | null };

async function poll(id: string, until: (job: Job) => boolean): Promise<Job> {
  for (;;) {
    const job = (await app.http().get(`/intake/jobs/${id}`).set(auth())).body.data as Job;
    if (until(job)) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const finished = (job: Job) => !['queued', 'running'].includes(job.status);
const fleet = (prefix: string) => Array.from({ length: ROWS }, (_, i) => glpiRow(i + 1, prefix));
/** What every table an import writes holds, counted by SQL. */
const counts = async () => ({
  machines: await count(app, 'SELECT count(*) FROM machines'),
  donationLinks: await count(app, 'SELECT count(*) FROM machines_donation_lnk'),
  donorLinks: await count(app, 'SELECT count(*) FROM machines_donor_lnk'),
  devices: await count(app, 'SELECT count(*) FROM storage_devices'),
  deviceLinks: await count(app, 'SELECT count(*) FROM storage_devices_machine_lnk'),
  events: await count(app, 'SELECT count(*) FROM sv_pipeline_events'),
});
const post = (donation: string, file: Buffer, fields: Record<string, string> = {}) => {
  let req = app.http().post(`/intake/donations/${donation}/import`).set(auth()).attach('file', file, 'parc.csv');
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req;
};
const nextLabel = async (offset: number) => {
  const row = (await app.sql.query("SELECT value FROM sv_counters WHERE scope = 'label-code'")).rows[0] as { value: number } | undefined;
  return formatLabelCode(Number(row?.value ?? 0) + offset);
};

describe('a fleet of 20,000 rows, all or nothing', () => {
  it('writes nothing when the last of 20,000 rows is bad, and names it by unit and sheet row', async () => {
    const { donation } = await createDonation(app, 'DSIT Brest');
    const rows = fleet('BAD');
    rows[ROWS - 1][10] = 'quatre gigas';
    const before = await counts();
    const res = await post(donation, csv([GLPI_FR_HEADERS, ...rows]), { background: 'false' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.report.problems).toEqual([
      expect.objectContaining({ code: 'unreadable', dataRow: 20000, sheetRow: 20001, column: 'Mémoire (Mio)', value: 'quatre gigas' }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('imports the same 20,000 rows without the bad one in one transaction: every row written carries the same transaction id', async () => {
    const { donation } = await createDonation(app, 'DSIT Brest');
    const before = await counts();
    const res = await post(donation, csv([GLPI_FR_HEADERS, ...fleet('ONE')]), { background: 'false' });
    expect(res.status).toBe(201);
    expect(res.body.data.result.created).toBe(ROWS);
    const after = await counts();
    // Each row: 1 machine, 1 donation and 1 donor link, 2 disks (one for laptops) with their links, 1 event.
    const laptops = fleet('ONE').filter((r) => r[5] === 'Ordinateur portable').length;
    const disks = ROWS * 2 - laptops;
    expect(after).toEqual({
      machines: before.machines + ROWS, donationLinks: before.donationLinks + ROWS, donorLinks: before.donorLinks + ROWS,
      devices: before.devices + disks, deviceLinks: before.deviceLinks + disks, events: before.events + ROWS,
    });
    // PostgreSQL stamps each row with the transaction that wrote it (xmin): one for all of them.
    const transactions = await app.sql.query(
      `SELECT count(DISTINCT x) AS count FROM (
         SELECT m.xmin::text AS x FROM machines m WHERE m.serial_number LIKE 'ONESN%'
         UNION ALL SELECT e.xmin::text FROM sv_pipeline_events e JOIN machines m ON m.document_id = e.subject_id WHERE m.serial_number LIKE 'ONESN%'
         UNION ALL SELECT d.xmin::text FROM storage_devices d JOIN storage_devices_machine_lnk k ON k.storage_device_id = d.id
                     JOIN machines m ON m.id = k.machine_id WHERE m.serial_number LIKE 'ONESN%'
         UNION ALL SELECT l.xmin::text FROM machines_donation_lnk l JOIN machines m ON m.id = l.machine_id WHERE m.serial_number LIKE 'ONESN%') t`,
    );
    expect(Number(transactions.rows[0].count)).toBe(1);
    const labels = await app.sql.query(`SELECT count(DISTINCT label_code) AS count, min(label_code), max(label_code) FROM machines WHERE serial_number LIKE 'ONESN%'`);
    expect(Number(labels.rows[0].count)).toBe(ROWS);
  });
});

describe('a background import refused or failing under way writes nothing', () => {
  it('re-checks serials under the donation lock: one registered meanwhile refuses the whole file', async () => {
    const { donation } = await createDonation(app, 'CHU de Brest');
    const other = await createDonation(app, 'CAF du Finistère');
    const holder = new Client({ connectionString: app.databaseUrl });
    await holder.connect();
    try {
      // Another import holds the donation: this one waits, its last serial still free.
      await holder.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_NAMESPACE, donation]);
      const res = await post(donation, csv([GLPI_FR_HEADERS, ...Array.from({ length: 3000 }, (_, i) => glpiRow(i + 1, 'LCK'))]), { background: 'true' });
      expect(res.status).toBe(202);
      const waiting = await poll(res.body.data.job.id, () => true);
      expect(waiting).toMatchObject({ status: 'queued', phase: 'waiting' });
      // Meanwhile the unit of the file's last row is registered in another donation.
      const intake = app.strapi.plugin('intake').service('intake');
      await intake.importFile(other.donation, { filename: 'x.csv', bytes: csv([GLPI_FR_HEADERS, glpiRow(3000, 'LCK')]) }, undefined, { background: false });
      const before = await counts();
      await holder.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_NAMESPACE, donation]);
      const job = await poll(res.body.data.job.id, finished);
      expect(job.status).toBe('failed');
      expect(job.errors).toEqual([expect.objectContaining({ code: 'serial_in_database', dataRow: 3000, sheetRow: 3001 })]);
      expect(await counts()).toEqual(before);
    } finally {
      await holder.end();
    }
  });

  it('rolls back the rows already written when a later statement fails, then imports the file whole on its retry', async () => {
    const { donation } = await createDonation(app, 'UBO');
    const blocker = new Client({ connectionString: app.databaseUrl });
    await blocker.connect();
    try {
      // A unit typed in by hand, not yet saved, with the label the import gives its 2,001st row:
      // the import writes its first 2,000 rows, then waits on that label, then collides with it.
      await blocker.query('BEGIN');
      const manual = await nextLabel(2001);
      await blocker.query(
        `INSERT INTO machines (document_id, label_code, type, created_at, updated_at, published_at) VALUES ('manuelleparlamain0000001', $1, 'other', now(), now(), now())`,
        [manual],
      );
      const before = await counts();
      const res = await post(donation, csv([GLPI_FR_HEADERS, ...Array.from({ length: 5000 }, (_, i) => glpiRow(i + 1, 'ROL'))]), { background: 'true' });
      const midway = await poll(res.body.data.job.id, (j) => j.written >= 2000);
      expect(midway).toMatchObject({ status: 'running', phase: 'writing', checked: 5000, written: 2000 });
      // Nobody else sees the 2,000 rows written so far.
      expect((await counts()).machines).toBe(before.machines);
      await blocker.query('COMMIT');
      // The first try collides and rolls back whole; pg-boss runs it again, which skips the taken label.
      const job = await poll(res.body.data.job.id, finished);
      expect(job).toMatchObject({ status: 'done', written: 5000, errors: [], result: expect.objectContaining({ created: 5000 }) });
      expect(await count(app, "SELECT count(*) FROM machines WHERE serial_number LIKE 'ROLSN%'")).toBe(5000);
      expect(await count(app, 'SELECT count(*) FROM machines WHERE label_code = $1', [manual])).toBe(1);
      expect((await counts()).machines).toBe(before.machines + 1 + 5000);
    } finally {
      await blocker.end();
    }
  });

  it('fails visibly, with nothing written, when every try of a background import fails', async () => {
    const { donation } = await createDonation(app, 'Arkea');
    // A database that refuses these units on every try (a trigger stands for a lasting fault).
    await app.sql.query(`CREATE FUNCTION sv_test_refuse_trg() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.serial_number LIKE 'TRGSN%' THEN RAISE EXCEPTION 'panne simulée'; END IF; RETURN NEW; END $$`);
    await app.sql.query('CREATE TRIGGER sv_test_refuse BEFORE INSERT ON machines FOR EACH ROW EXECUTE FUNCTION sv_test_refuse_trg()');
    try {
      const before = await counts();
      const res = await post(donation, csv([GLPI_FR_HEADERS, ...Array.from({ length: 2500 }, (_, i) => glpiRow(i + 1, 'TRG'))]), { background: 'true' });
      expect(res.status).toBe(202);
      const job = await poll(res.body.data.job.id, finished);
      expect(job).toMatchObject({ status: 'failed', written: 0, result: null, errors: [expect.objectContaining({ code: 'import_failed', message: "L'import a échoué : rien n'a été importé." })] });
      expect(await counts()).toEqual(before);
      // Three tries in all (the first and two retries), each rolled back.
      const tries = await app.sql.query("SELECT retry_count FROM pgboss.job WHERE name = 'intake-import' AND data->>'job' = $1 UNION ALL SELECT retry_count FROM pgboss.archive WHERE name = 'intake-import' AND data->>'job' = $1", [res.body.data.job.id]);
      expect(tries.rows).toEqual([{ retry_count: 2 }]);
    } finally {
      await app.sql.query('DROP TRIGGER sv_test_refuse ON machines');
      await app.sql.query('DROP FUNCTION sv_test_refuse_trg()');
    }
  });
});
