import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { adminToken, count, createDonation, glpiCsv } from './fixtures';

let app: TestApp;
let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  // Small transactions, so that a few hundred rows show how a fleet of 10,000 is written.
  process.env.INTAKE_TRANSACTION_ROWS = '100';
  app = await startApp('base');
  token = await adminToken(app);
});

afterAll(async () => {
  delete process.env.INTAKE_TRANSACTION_ROWS;
  await app?.stop();
});

type Job = { status: string; processed: number; total: number; errors: { row: number; message: string }[]; result: { created: number } | null };

async function poll(id: string, until: (job: Job) => boolean): Promise<Job> {
  for (;;) {
    const job = (await app.http().get(`/intake/jobs/${id}`).set(auth())).body.data as Job;
    if (until(job)) return job;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const finished = (job: Job) => job.status === 'done' || job.status === 'failed';
const machinesOf = (donation: string) =>
  count(app, 'SELECT count(*) FROM machines_donation_lnk l JOIN donations d ON d.id = l.donation_id WHERE d.document_id = $1', [donation]);

describe('a fleet larger than one transaction', () => {
  it('is written in several transactions and ends with every machine imported', async () => {
    const { donation } = await createDonation(app, 'DSIT Brest');
    const res = await app.http().post(`/intake/donations/${donation}/import`).set(auth())
      .attach('file', glpiCsv(350, 'LOT'), 'dsit.csv').field('background', 'true');
    expect(res.status).toBe(202);
    const job = await poll(res.body.data.job.id, finished);
    expect(job).toMatchObject({ status: 'done', processed: 350, result: { created: 350 } });
    expect(await machinesOf(donation)).toBe(350);
    expect(await count(app, "SELECT count(DISTINCT label_code) FROM machines WHERE serial_number LIKE 'LOTSN%'")).toBe(350);
  });

  it('stops at a row refused midway, keeps the transactions already written and says which rows they were', async () => {
    const { donation } = await createDonation(app, 'CHU de Brest');
    const res = await app.http().post(`/intake/donations/${donation}/import`).set(auth())
      .attach('file', glpiCsv(350, 'MID'), 'chu.csv').field('background', 'true');
    await poll(res.body.data.job.id, (j) => j.processed > 0);
    // Meanwhile a volunteer registers by hand the unit of the file's last row.
    const apiToken = await createFullAccessToken(app.strapi);
    const byHand = await app.http().post('/api/machines').set({ Authorization: `Bearer ${apiToken}` })
      .send({ data: { type: 'desktop', serialNumber: 'MIDSN100350', donation } });
    expect(byHand.status).toBe(201);

    const job = await poll(res.body.data.job.id, finished);
    expect(job.status).toBe('failed');
    expect(job.result?.created).toBe(300);
    expect(job.errors[0]).toMatchObject({ row: 351, message: expect.stringContaining('déjà enregistré dans ce lot') });
    expect(job.errors[1].message).toContain("Les 300 premières machines (jusqu'à la ligne 301) ont été importées");
    expect(await machinesOf(donation)).toBe(301);
  });
});
