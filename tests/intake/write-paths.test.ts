import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { eventHash, verifyChain, type EventPayload } from '../../src/plugins/pipeline/server/src/domain/chain';
import { startApp, type TestApp } from '../helpers/app';
import { createDonation } from './fixtures';

// The set-based write path must write what the Document Service path writes. Both import the
// same files into the same donation, each inside a transaction that is then rolled back (so the
// label counter gives both the same codes), and every row they wrote is compared, all columns but
// ids, document ids and timestamps.

let app: TestApp;
const CORPUS = path.resolve(__dirname, '..', 'fixtures', 'inventories');
const FILES = ['glpi-fr-composants.csv', 'glpi-fr-ordinateurs.csv', 'modele-seconde-vie.csv', 'snipe-it-rapport.csv'];

beforeAll(async () => {
  app = await startApp('base');
});

afterAll(async () => {
  await app?.stop();
});

type Knex = Core.Strapi['db']['connection'];
type Row = Record<string, unknown>;
class Rollback extends Error {}

/** Every row an import wrote for the donation's units, in label order, without ids or timestamps. */
async function rowsOf(trx: Knex, donationId: number) {
  const q = async (sql: string) => ((await trx.raw(sql, [donationId])) as { rows: Row[] }).rows;
  const units = `SELECT m.* FROM machines m JOIN machines_donation_lnk l ON l.machine_id = m.id WHERE l.donation_id = ?`;
  return {
    machines: await q(`SELECT label_code, asset_tag, serial_number, type, brand, model, cpu, ram_gb, os_installed, condition_grade, notes,
        pipeline_stage, created_by_id, updated_by_id, locale, published_at IS NOT NULL AS published, created_at = updated_at AS untouched
        FROM (${units}) m ORDER BY label_code`),
    links: await q(`SELECT m.label_code, dl.donation_id, dl.machine_ord AS donation_ord, ol.donor_id, ol.machine_ord AS donor_ord,
        wl.workshop_id, wl.machine_ord AS workshop_ord
        FROM (${units}) m
        LEFT JOIN machines_donation_lnk dl ON dl.machine_id = m.id
        LEFT JOIN machines_donor_lnk ol ON ol.machine_id = m.id
        LEFT JOIN machines_workshop_lnk wl ON wl.machine_id = m.id ORDER BY m.label_code`),
    devices: await q(`SELECT m.label_code, k.storage_device_ord, d.serial, d.model, d.interface, d.capacity_gb, d.state, d.removed_at,
        d.removed_by, d.removal_reason, d.removal_destination, d.locale, d.created_by_id, d.published_at IS NOT NULL AS published,
        d.document_id IS NOT NULL AS has_document_id
        FROM (${units}) m JOIN storage_devices_machine_lnk k ON k.machine_id = m.id
        JOIN storage_devices d ON d.id = k.storage_device_id ORDER BY m.label_code, k.storage_device_ord`),
    events: await q(`SELECT m.label_code, e.subject_type, e.seq, e.kind, e.from_stage, e.to_stage, e.actor_type, e.actor_id, e.actor_name,
        e.details, e.prev_hash, e.locale, e.published_at IS NOT NULL AS published, e.document_id IS NOT NULL AS has_document_id,
        e.subject_id = m.document_id AS about_the_unit
        FROM (${units}) m JOIN sv_pipeline_events e ON e.subject_id = m.document_id ORDER BY m.label_code, e.seq`),
    subjects: (await q(`SELECT m.document_id FROM (${units}) m ORDER BY m.label_code`)).map((r) => r.document_id as string),
  };
}

/** Imports the file with one writer, reads what it wrote, and rolls everything back. */
async function importAndRollBack(donation: string, filename: string, writer: 'sql' | 'documents') {
  const bytes = fs.readFileSync(path.join(CORPUS, filename));
  const intake = app.strapi.plugin('intake').service('intake');
  const donationId = (await app.sql.query('SELECT id FROM donations WHERE document_id = $1', [donation])).rows[0].id as number;
  const report = await intake.dryRun(donation, { filename, bytes });
  let written: Awaited<ReturnType<typeof rowsOf>> | null = null;
  let result: { created: number } | null = null;
  const chains: { subject: string; report: unknown; hashes: string[][] }[] = [];
  await app.strapi.db
    .transaction(async ({ trx }) => {
      const outcome = await intake.importFile(donation, { filename, bytes }, undefined, { writer, background: false, acceptWarnings: report.warningsDigest ?? undefined });
      result = outcome.result;
      written = await rowsOf(trx, donationId);
      // Each unit's chain as the pipeline reads it (inside this transaction), hash recomputed by chain.ts.
      const history = app.strapi.plugin('pipeline').service('history');
      for (const subject of written.subjects) {
        const events = (await history.list('api::machine.machine', subject)) as (EventPayload & { id: number; hash: string })[];
        chains.push({ subject, report: verifyChain(events), hashes: events.map(({ id: _id, hash, ...payload }) => [eventHash(payload), hash]) });
      }
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  if (!written || !result) throw new Error('nothing read');
  return { written: written as Awaited<ReturnType<typeof rowsOf>>, result: result as { created: number }, chains };
}

describe('the set-based write path writes what the Document Service path writes', () => {
  it.each(FILES)('%s: same machines, links, storage devices and first events, row for row', async (filename) => {
    const { donation } = await createDonation(app, 'Comparaison');
    const before = Number((await app.sql.query('SELECT count(*) FROM machines')).rows[0].count);
    const documents = await importAndRollBack(donation, filename, 'documents');
    const sql = await importAndRollBack(donation, filename, 'sql');
    expect(Number((await app.sql.query('SELECT count(*) FROM machines')).rows[0].count)).toBe(before);

    expect(sql.result.created).toBeGreaterThan(0);
    expect(sql.written.machines).toHaveLength(sql.result.created);
    expect(sql.written.machines).toEqual(documents.written.machines);
    expect(sql.written.links).toEqual(documents.written.links);
    expect(sql.written.devices).toEqual(documents.written.devices);
    expect(sql.written.events).toEqual(documents.written.events);
    // Every unit's chain holds its one event, hashed as chain.ts hashes it (seq 1, no previous hash).
    for (const chain of [...sql.chains, ...documents.chains]) {
      expect(chain.report).toEqual({ valid: true, events: 1 });
      expect(chain.hashes).toEqual([[chain.hashes[0][1], chain.hashes[0][1]]]);
    }
    expect(sql.chains).toHaveLength(sql.result.created);
  });

  it('gives the units of a committed set-based import a chain the pipeline verifies, and moves them like any other', async () => {
    const { donation } = await createDonation(app, 'Comparaison');
    const bytes = fs.readFileSync(path.join(CORPUS, 'glpi-fr-composants.csv'));
    const intake = app.strapi.plugin('intake').service('intake');
    await intake.importFile(donation, { filename: 'c.csv', bytes }, undefined, { background: false });
    const unit = (await app.sql.query("SELECT document_id FROM machines WHERE serial_number = 'CZC9302ABD'")).rows[0].document_id as string;
    const history = app.strapi.plugin('pipeline').service('history');
    expect(await history.verify('api::machine.machine', unit)).toEqual({ valid: true, events: 1 });
    const moved = await app.strapi.plugin('pipeline').service('transitions').move({ uid: 'api::machine.machine', documentId: unit, to: 'sorting' }, { type: 'system', id: null, name: 'Test', roleCodes: [], superAdmin: true });
    expect(moved).toMatchObject({ from: 'received', to: 'sorting' });
    expect(await history.verify('api::machine.machine', unit)).toEqual({ valid: true, events: 2 });
  });
});
