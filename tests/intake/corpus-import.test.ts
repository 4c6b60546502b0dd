import fs from 'node:fs';
import path from 'node:path';
import type { MachineDraft } from '../../src/plugins/intake/shared/contracts';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken, createDonation } from './fixtures';

// Each file of the corpus, through the routes staff use: the dry run says what its expectations
// say, and the import writes the units it lists, field by field, storage devices included.

interface Expectation {
  dryRun: { format: string; ambiguous: boolean; totalRows: number; validRows: number; problems: unknown[] };
  send?: { mapping: Record<string, string> };
  units: { dataRow: number; sheetRow: number; machine: MachineDraft }[];
}

const CORPUS = path.resolve(__dirname, '..', 'fixtures', 'inventories');
const files = fs.readdirSync(CORPUS).filter((f) => fs.existsSync(path.join(CORPUS, `${f}.expected.json`)));
const expectation = (file: string) => JSON.parse(fs.readFileSync(path.join(CORPUS, `${file}.expected.json`), 'utf8')) as Expectation;

let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await startApp('base');
  token = await adminToken(app);
});

afterAll(async () => {
  await app?.stop();
});

/** A unit as the database holds it, in the draft's shape. */
async function stored(donation: string, unit: MachineDraft): Promise<MachineDraft | null> {
  const where = unit.serialNumber ? 'm.serial_number = $2' : unit.assetTag ? 'm.asset_tag = $2' : 'm.notes = $2';
  const key = unit.serialNumber ?? unit.assetTag ?? unit.notes;
  const found = await app.sql.query(
    `SELECT m.* FROM machines m JOIN machines_donation_lnk l ON l.machine_id = m.id JOIN donations d ON d.id = l.donation_id
      WHERE d.document_id = $1 AND ${where}`,
    [donation, key],
  );
  if (found.rows.length !== 1) return null;
  const m = found.rows[0];
  const devices = await app.sql.query(
    `SELECT d.interface, d.capacity_gb, d.model, d.serial FROM storage_devices_machine_lnk k JOIN storage_devices d ON d.id = k.storage_device_id
      WHERE k.machine_id = $1 ORDER BY k.storage_device_ord`,
    [m.id],
  );
  const draft: Record<string, unknown> = {
    assetTag: m.asset_tag, serialNumber: m.serial_number, type: m.type, brand: m.brand, model: m.model, cpu: m.cpu,
    ramGb: m.ram_gb === null ? null : Number(m.ram_gb), osInstalled: m.os_installed, conditionGrade: m.condition_grade, notes: m.notes,
    storageDevices: devices.rows.map((d) => ({
      interface: d.interface,
      ...(d.capacity_gb === null ? {} : { capacityGb: d.capacity_gb }),
      ...(d.model === null ? {} : { model: d.model }),
      ...(d.serial === null ? {} : { serial: d.serial }),
    })),
  };
  return Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== null)) as unknown as MachineDraft;
}

describe('the corpus, imported through the routes', () => {
  it.each(files)('%s', async (file) => {
    const want = expectation(file);
    const { donation } = await createDonation(app, `Donateur ${file}`);
    const bytes = fs.readFileSync(path.join(CORPUS, file));
    const send = (action: 'dry-run' | 'import', fields: Record<string, string> = {}) => {
      let req = app.http().post(`/intake/donations/${donation}/${action}`).set({ Authorization: `Bearer ${token}` }).attach('file', bytes, file);
      for (const [k, v] of Object.entries({ ...(want.send ? { mapping: JSON.stringify(want.send.mapping) } : {}), ...fields })) req = req.field(k, v);
      return req;
    };
    const dry = await send('dry-run');
    expect(dry.status).toBe(200);
    expect(dry.body.data).toMatchObject({ format: want.dryRun.format, recognition: { ambiguous: want.dryRun.ambiguous }, totalRows: want.dryRun.totalRows });

    const res = await send('import', dry.body.data.warningsDigest ? { acceptWarnings: dry.body.data.warningsDigest } : {});
    if (want.dryRun.problems.length > 0) {
      expect(res.status).toBe(400);
      expect(res.body.error.details.report.problems).toHaveLength(want.dryRun.problems.length);
      const written = await app.sql.query('SELECT count(*) FROM machines_donation_lnk l JOIN donations d ON d.id = l.donation_id WHERE d.document_id = $1', [donation]);
      expect(Number(written.rows[0].count)).toBe(0);
      return;
    }
    expect(res.status).toBe(201);
    expect(res.body.data.result.created).toBe(want.dryRun.validRows);
    for (const unit of want.units) expect(await stored(donation, unit.machine)).toEqual(unit.machine);
  });
});
