import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken, binary, removeUploads } from './helpers/admin';
import { plain, qpdfCheck, readPdf } from './helpers/pdf';

let app: TestApp;
let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  app = await startApp('demo');
  token = await adminToken(app);
});

afterAll(async () => {
  if (app) await removeUploads(app);
  await app?.stop();
});

/** The UBO's recent fleet: on the line today, some units erased, others still in Test or Effacement. */
const RECENT_UBO = { donor: { name: { $contains: 'UBO' } }, collectedAt: { $gt: '2013-01-01' } };

type Job = { id: string; status: string; total: number; done: number; issued: Array<{ documentId: string; number: string; labelCode: string }>; errors: Array<{ labelCode: string; message: string }> };

describe('batch generation of a donation’s erasure certificates', () => {
  it('issues one individually numbered certificate per erased unit, reports progress to the total, and names the units it could not certify', async () => {
    const donation = await app.strapi.db.query('api::donation.donation').findOne({
      where: RECENT_UBO,
      populate: { machines: { populate: { storageDevices: true } } },
    });
    type Unit = { documentId: string; labelCode: string; pipelineStage: string; storageDevices: unknown[] };
    const units = donation.machines as Unit[];
    // The demo data records erasures for units past Effacement; units still before it have none.
    const expectedFailures = new Set<string>();
    // Each refusal gives the pipeline's one erasure status reason for that unit.
    const reasons = new Map<string, string>();
    for (const unit of units) {
      const data = await app.strapi.plugin('documents').service('context').forRecord('erasure-certificate', unit.documentId) as { erasureComplete: boolean };
      if (!data.erasureComplete) expectedFailures.add(unit.labelCode);
      const status = (await app.strapi.plugin('pipeline').service('erasure-status').forMachine(unit.documentId)) as { released: boolean; reason: string | null };
      expect(status.released).toBe(data.erasureComplete);
      if (status.reason) reasons.set(unit.labelCode, status.reason);
    }
    expect(expectedFailures.size).toBeGreaterThan(0);
    expect(expectedFailures.size).toBeLessThan(units.length);

    const start = await app.http().post('/documents/batches').set(auth()).send({ donation: donation.documentId });
    expect(start.status).toBe(202);
    const id = start.body.data.id as string;
    expect(start.body.data).toMatchObject({ total: units.length, status: 'running' });
    // Asking again while it runs returns the same job, not a second batch.
    expect((await app.http().post('/documents/batches').set(auth()).send({ donation: donation.documentId })).body.data.id).toBe(id);

    const seen: number[] = [];
    let job: Job;
    for (;;) {
      const res = await app.http().get(`/documents/batches/${id}`).set(auth());
      expect(res.status).toBe(200);
      job = res.body.data;
      seen.push(job.done);
      if (job.status === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(job.done).toBe(units.length);
    expect(job.issued.length + job.errors.length).toBe(units.length);
    expect(new Set(job.errors.map((e) => e.labelCode))).toEqual(expectedFailures);
    for (const e of job.errors) expect(e.message).toContain(reasons.get(e.labelCode));

    // N issued documents exist, one per certified unit, each with its own number.
    const rows = await app.strapi.db.query('plugin::documents.generated-document').findMany({
      where: { kind: 'erasure-certificate', targetDocumentId: { $in: units.map((u) => u.documentId) } },
    }) as Array<{ number: string; sha256: string; targetDocumentId: string }>;
    expect(rows).toHaveLength(units.length - expectedFailures.size);
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.targetDocumentId)).size).toBe(rows.length);

    // One certificate read back: the unit's own label code and number.
    const first = job.issued[0];
    const pdf = (await app.http().get(`/documents/generated/${first.documentId}/download`).set(auth()).buffer(true).parse(binary)).body as Buffer;
    const text = plain((await readPdf(pdf)).text);
    expect(text).toContain(first.number);
    expect(text).toContain(first.labelCode);

    // The download: a ZIP of every certificate, as issued.
    const archive = await app.http().get(`/documents/batches/${id}/download`).set(auth()).buffer(true).parse(binary);
    expect(archive.status).toBe(200);
    expect(archive.headers['content-type']).toBe('application/zip');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sv-batch-'));
    try {
      fs.writeFileSync(path.join(dir, 'lot.zip'), archive.body as Buffer);
      expect(execFileSync('unzip', ['-t', path.join(dir, 'lot.zip')]).toString()).toMatch(/No errors detected/);
      execFileSync('unzip', ['-q', path.join(dir, 'lot.zip'), '-d', path.join(dir, 'out')]);
      const files = fs.readdirSync(path.join(dir, 'out')).sort();
      expect(files).toEqual(rows.map((r) => `${r.number}.pdf`).sort());
      const byNumber = new Map(rows.map((r) => [r.number, r.sha256]));
      for (const file of files) {
        await qpdfCheck(fs.readFileSync(path.join(dir, 'out', file)));
        expect(crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, 'out', file))).digest('hex')).toBe(byNumber.get(file.replace('.pdf', '')));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('resumes when Chromium is killed mid-batch: every certifiable unit gets one certificate, none twice', async () => {
    const donation = await app.strapi.db.query('api::donation.donation').findOne({
      where: RECENT_UBO,
      populate: { machines: true },
    });
    const units = donation.machines as Array<{ documentId: string; labelCode: string }>;
    const ids = units.map((u) => u.documentId);
    const versions = async () =>
      (await app.sql.query("SELECT target_document_id AS id, count(*)::int AS n FROM documents_generated WHERE kind = 'erasure-certificate' AND target_document_id = ANY($1) GROUP BY 1", [ids])).rows as Array<{ id: string; n: number }>;
    const before = new Map((await versions()).map((r) => [r.id, r.n]));

    // The third render kills the browser (SIGKILL, as the kernel's OOM killer would): the renders
    // in flight fail, the renderer starts a new Chromium, the batch tries those units again.
    const renderer = app.strapi.plugin('documents').service('renderer').instance();
    const killed: number[] = [];
    let renders = 0;
    const onRender = (pid: number | null) => {
      renders += 1;
      if (renders === 3 && pid) {
        killed.push(pid);
        process.kill(pid, 'SIGKILL');
      }
    };
    renderer.on('render', onRender);
    try {
      const start = await app.http().post('/documents/batches').set(auth()).send({ donation: donation.documentId });
      expect(start.status).toBe(202);
      let job: Job;
      for (;;) {
        job = (await app.http().get(`/documents/batches/${start.body.data.id}`).set(auth())).body.data;
        if (job.status === 'done') break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(killed).toHaveLength(1);
      // The render the kill cut was tried again (the units carry their tries).
      const tries = await app.sql.query('SELECT max(attempts)::int AS n FROM sv_document_batch_units WHERE batch_id = $1', [start.body.data.id]);
      expect(tries.rows[0].n).toBeGreaterThanOrEqual(2);
      const refusals = new Set<string>();
      for (const unit of units) {
        const status = (await app.strapi.plugin('pipeline').service('erasure-status').forMachine(unit.documentId)) as { released: boolean };
        if (!status.released) refusals.add(unit.labelCode);
      }
      // Only the units the erasure status refuses are in error: none lost to the dead browser.
      expect(new Set(job.errors.map((e) => e.labelCode))).toEqual(refusals);
      expect(job.issued).toHaveLength(units.length - refusals.size);
      // Each certified unit got exactly one new version.
      const after = await versions();
      for (const item of job.issued) {
        const unit = units.find((u) => u.labelCode === item.labelCode) as { documentId: string };
        expect(after.find((r) => r.id === unit.documentId)?.n).toBe((before.get(unit.documentId) ?? 0) + 1);
      }
      // A second browser did the rest.
      expect(await renderer.browserPid()).not.toBe(killed[0]);
    } finally {
      renderer.off('render', onRender);
    }
  });

  it('reads a chunk of units together exactly as it reads each one alone (same data, same erasure status), and leaves out a unit that does not exist', async () => {
    const donation = await app.strapi.db.query('api::donation.donation').findOne({ where: RECENT_UBO, populate: { machines: true } });
    const ids = (donation.machines as Array<{ documentId: string }>).map((m) => m.documentId);
    const context = app.strapi.plugin('documents').service('context');
    const together = (await context.forRecords('erasure-certificate', [...ids, 'no-such-unit'])) as Map<string, unknown>;
    expect([...together.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(together.get(id)).toEqual(await context.forRecord('erasure-certificate', id));
  });

  it('refuses bad requests in French', async () => {
    const unknown = await app.http().post('/documents/batches').set(auth()).send({ donation: 'abcdefghijabcdefghij1234' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('Fiche introuvable.');
    const missing = await app.http().post('/documents/batches').set(auth()).send({});
    expect([missing.status, missing.body.error.message]).toEqual([400, 'Le don est obligatoire.']);
    const noJob = await app.http().get(`/documents/batches/${crypto.randomUUID()}`).set(auth());
    expect(noJob.status).toBe(404);
    expect(noJob.body.error.message).toMatch(/Génération introuvable/);
    expect((await app.http().get('/documents/batches/pas-un-id').set(auth())).status).toBe(400);
  });
});
