/**
 * Measures an import of 10,000 GLPI rows through the background job, as the admin runs it.
 * Not part of `npm test` (it takes minutes): run it with `npm run build`, then
 *   npx jest --roots '<rootDir>/bench' --testMatch '<rootDir>/bench/intake/*.test.ts'
 */
import { startApp, type TestApp } from '../../tests/helpers/app';
import { adminToken, createDonation, glpiCsv } from '../../tests/intake/fixtures';

let app: TestApp;

beforeAll(async () => {
  app = await startApp('base');
});

afterAll(async () => {
  await app?.stop();
});

it('imports 10,000 rows in the background without timing out', async () => {
  const token = await adminToken(app);
  const { donation } = await createDonation(app, 'Grand parc');
  const file = glpiCsv(10000, 'BIG');
  const started = Date.now();
  const dry = await app.http().post(`/intake/donations/${donation}/dry-run`).set({ Authorization: `Bearer ${token}` }).attach('file', file, 'big.csv');
  expect(dry.body.data.validRows).toBe(10000);
  const dryMs = Date.now() - started;
  const res = await app.http().post(`/intake/donations/${donation}/import`).set({ Authorization: `Bearer ${token}` }).attach('file', file, 'big.csv');
  expect(res.status).toBe(202);
  const id = res.body.data.job.id as string;
  let job: { status: string; processed: number; result: { durationMs: number } | null } = res.body.data.job;
  const progress: string[] = [];
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 10000));
    job = (await app.http().get(`/intake/jobs/${id}`).set({ Authorization: `Bearer ${token}` })).body.data;
    progress.push(`${Math.round((Date.now() - started) / 1000)} s: ${job.processed}`);
  }
  console.log(`intake bench: dry run ${dryMs} ms; import ${job.result?.durationMs} ms; progress ${progress.join(', ')}`);
  expect(job.status).toBe('done');
  expect(Number((await app.sql.query('SELECT count(*) FROM machines')).rows[0].count)).toBe(10000);
}, 60 * 60 * 1000);
