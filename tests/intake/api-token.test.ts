import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { count, createDonation, csv, GLPI_FR_HEADERS, glpiCsv, glpiRow } from './fixtures';

// Workshop scripts import with an API token: full access, or a custom token given the intake
// actions. And the curl examples of docs/intake.md work as written.

let app: TestApp;

beforeAll(async () => {
  app = await startApp('base');
});

afterAll(async () => {
  await app?.stop();
});

async function token(type: 'full-access' | 'read-only' | 'custom', permissions: string[] = []): Promise<string> {
  const created = (await app.strapi.service('admin::api-token').create({
    name: `intake-${crypto.randomBytes(4).toString('hex')}`, type, lifespan: null, permissions,
  })) as { accessKey: string };
  return created.accessKey;
}

const machinesOf = (donation: string) =>
  count(app, 'SELECT count(*) FROM machines_donation_lnk l JOIN donations d ON d.id = l.donation_id WHERE d.document_id = $1', [donation]);
const call = (key: string, donation: string, action: 'dry-run' | 'import', file: Buffer) =>
  app.http().post(`/api/intake/donations/${donation}/${action}`).set({ Authorization: `Bearer ${key}` }).attach('file', file, 'parc.csv');

describe('importing with an API token', () => {
  it('lets a full-access token dry-run and import, and names the token on each unit’s first event', async () => {
    const key = await createFullAccessToken(app.strapi, 'script-atelier');
    const { donation } = await createDonation(app, 'DSIT Brest');
    const dry = await call(key, donation, 'dry-run', glpiCsv(12, 'TOK'));
    expect(dry.status).toBe(200);
    expect(dry.body.data).toMatchObject({ format: 'glpi-fr', validRows: 12 });
    const res = await call(key, donation, 'import', glpiCsv(12, 'TOK'));
    expect(res.status).toBe(201);
    expect(await machinesOf(donation)).toBe(12);
    const event = await app.sql.query(
      `SELECT e.actor_type, e.actor_name FROM sv_pipeline_events e JOIN machines m ON m.document_id = e.subject_id WHERE m.serial_number = 'TOKSN100001'`,
    );
    expect(event.rows).toEqual([{ actor_type: 'api-token', actor_name: expect.stringMatching(/^Jeton API « script-atelier-[0-9a-f]{8} »$/) }]);
  });

  it('lets a custom token given the intake actions import, and refuses one without them', async () => {
    const allowed = await token('custom', ['plugin::intake.intake.dryRun', 'plugin::intake.intake.importFile', 'plugin::intake.intake.job']);
    const other = await token('custom', ['api::machine.machine.find']);
    const { donation } = await createDonation(app, 'CHU de Brest');
    expect((await call(allowed, donation, 'dry-run', glpiCsv(3, 'CUS'))).status).toBe(200);
    expect((await call(allowed, donation, 'import', glpiCsv(3, 'CUS'))).status).toBe(201);
    const refused = await call(other, donation, 'import', glpiCsv(3, 'CUX'));
    expect(refused.status).toBe(403);
    expect(await machinesOf(donation)).toBe(3);
  });

  it('refuses a read-only token, and a request without any token, writing nothing', async () => {
    const readOnly = await token('read-only');
    const { donation } = await createDonation(app, 'UBO');
    expect((await call(readOnly, donation, 'import', glpiCsv(3, 'RO'))).status).toBe(403);
    expect((await app.http().post(`/api/intake/donations/${donation}/import`).attach('file', glpiCsv(3, 'RO'), 'x.csv')).status).toBe(403);
    expect(await machinesOf(donation)).toBe(0);
  });
});

describe('the curl examples of docs/intake.md', () => {
  it('run as written against the app: list, template, dry runs, import with the warnings digest, job and its progress', async () => {
    const base = await app.listen();
    const key = await createFullAccessToken(app.strapi, 'docs');
    const { donation } = await createDonation(app, 'Mairie de Brest');
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-docs-'));
    // The two files the examples upload: one with a warning (an empty serial), one large enough for a job.
    const rows = [glpiRow(1, 'DOC'), glpiRow(2, 'DOC')];
    rows[1][4] = '';
    fs.writeFileSync(path.join(work, 'export_glpi.csv'), csv([GLPI_FR_HEADERS, ...rows]));
    fs.writeFileSync(path.join(work, 'autre_export.csv'), glpiCsv(2500, 'DOCJOB'));

    const docs = fs.readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'intake.md'), 'utf8');
    const script = /```bash\n([\s\S]*?)```/.exec(docs.slice(docs.indexOf('## API')))?.[1] ?? '';
    expect(script).toContain('/api/intake/donations/$DONATION/import');
    // The examples as a script: each command's output on its own line, the placeholders filled in.
    let inCurl = false;
    const runnable = script
      .replace(/^BASE=.*$/m, `BASE=${base}`)
      .replace(/^TOKEN=.*$/m, `TOKEN=${key}\nDONATION=${donation}\nset -e`)
      .split('\n')
      .map((line) => {
        if (line.startsWith('curl ')) inCurl = true;
        if (!inCurl || line.endsWith('\\')) return line;
        inCurl = false;
        return `${line}; echo`;
      })
      .join('\n');
    // Asynchronous: the app answering curl runs in this very process.
    const { stdout: output } = await promisify(execFile)('bash', ['-c', runnable], { cwd: work, encoding: 'utf8', timeout: 120000 });
    const answers = output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { data: Record<string, unknown> });

    const [donations, dryRun, mapped, imported, job, jobs] = answers;
    expect((donations.data as unknown as { documentId: string }[]).some((d) => d.documentId === donation)).toBe(true);
    expect(fs.readFileSync(path.join(work, 'modele.csv'), 'utf8')).toContain("N° d'inventaire du donateur;N° de série;Type");
    expect(dryRun.data).toMatchObject({ format: 'glpi-fr', totalRows: 2, warnings: [expect.objectContaining({ code: 'serial_empty', dataRow: 2, sheetRow: 3 })] });
    expect(mapped.data.columns).toContainEqual({ header: 'Nom', target: 'ignore', source: 'chosen' });
    expect(imported.data).toMatchObject({ mode: 'done', result: { created: 2 } });
    expect(job.data).toMatchObject({ total: 2500, filename: 'autre_export.csv' });
    expect((jobs.data as unknown as { id: string }[])[0].id).toBe(job.data.id);
    fs.rmSync(work, { recursive: true, force: true });
    for (;;) {
      const state = await app.http().get(`/api/intake/jobs/${String(job.data.id)}`).set({ Authorization: `Bearer ${key}` });
      if (!['queued', 'running'].includes(state.body.data.status)) {
        expect(state.body.data).toMatchObject({ status: 'done', result: { created: 2500 } });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
});
