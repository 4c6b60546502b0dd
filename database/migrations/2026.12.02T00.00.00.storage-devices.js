'use strict';

const crypto = require('node:crypto');

// Storage devices became records of their own (api::storage-device.storage-device, table
// storage_devices, linked to their machine through storage_devices_machine_lnk) instead of rows of
// the repeatable component machine.storage-device, so that erasures point to a device's identity
// and not to its position in a list. Strapi's schema sync drops the component's tables, so this
// runs in two halves, each guarded by what exists (the file runs before the sync, by Strapi's
// runner, and again after it, by src/database/migrations.ts):
// 1. before the sync (the component tables exist, storage_devices does not): copy every device
//    into a staging table, with its machine and its position in the old list;
// 2. after the sync (storage_devices exists): create one device per staged row, link it to its
//    machine, point each erasure record to its device (matched by serial, else by `#position`, as
//    the old rule named them), turn a successful « retiré » erasure into a recorded removal, and
//    drop the staging table. One transaction: a failure leaves the staging table for the next boot.
const STAGING = 'sv_storage_devices_staging';
const COMPONENT_TABLE = 'components_machine_storage_devices';
const COMPONENT_LINKS = 'machines_cmps';
const DEVICES = 'storage_devices';
const LINKS = 'storage_devices_machine_lnk';
const ERASURES = 'sv_pipeline_erasures';
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A documentId as Strapi makes them: 24 lower-case letters and digits, starting with a letter. */
function documentId() {
  const bytes = crypto.randomBytes(24);
  let id = ALPHABET[bytes[0] % 26];
  for (let i = 1; i < 24; i += 1) id += ALPHABET[bytes[i] % ALPHABET.length];
  return id;
}

async function stage(knex) {
  await knex.raw(
    `CREATE TABLE ${STAGING} AS
     SELECT c.entity_id AS machine_id, m.document_id AS machine_document_id,
            d.interface, d.capacity_gb, d.serial,
            row_number() OVER (PARTITION BY c.entity_id ORDER BY c."order", c.id)::int AS position
       FROM ${COMPONENT_LINKS} c
       JOIN ${COMPONENT_TABLE} d ON d.id = c.cmp_id
       JOIN machines m ON m.id = c.entity_id
      WHERE c.component_type = 'machine.storage-device' AND c.field = 'storageDevices'`
  );
}

async function convert(knex) {
  await knex.transaction(async (trx) => {
    const staged = await trx(STAGING).select('*').orderBy(['machine_id', 'position']);
    const now = new Date();
    for (let i = 0; i < staged.length; i += 500) {
      const chunk = staged.slice(i, i + 500).map((row) => ({ ...row, document_id: documentId() }));
      const inserted = await trx(DEVICES)
        .insert(
          chunk.map((row) => ({
            document_id: row.document_id,
            serial: row.serial,
            interface: row.interface || 'sata',
            capacity_gb: row.capacity_gb,
            state: 'present',
            created_at: now,
            updated_at: now,
            published_at: now,
          }))
        )
        .returning(['id', 'document_id']);
      const idOf = new Map(inserted.map((r) => [r.document_id, r.id]));
      await trx(LINKS).insert(
        chunk.map((row) => ({ storage_device_id: idOf.get(row.document_id), machine_id: row.machine_id, storage_device_ord: row.position }))
      );
      for (const row of chunk) {
        const key = (row.serial || '').trim() || `#${row.position}`;
        await trx(ERASURES)
          .where({ machine_document_id: row.machine_document_id, device_serial: key })
          .whereNull('device_document_id')
          .update({ device_document_id: row.document_id });
      }
    }
    // The old model recorded a removal as an erasure with the method « retiré »: it becomes the
    // device's recorded removal (who, when, why), where it went unknown.
    await trx.raw(
      `UPDATE ${DEVICES} d
          SET state = 'removed', removed_at = COALESCE(e.ended_at, e.created_at), removed_by = COALESCE(e.operator, 'inconnu'),
              removal_reason = COALESCE(NULLIF(e.notes, ''), 'Retrait enregistré comme un effacement (méthode « retiré »), avant que les supports aient une fiche.'),
              removal_destination = 'other'
         FROM (SELECT DISTINCT ON (device_document_id) device_document_id, ended_at, created_at, operator, notes
                 FROM ${ERASURES}
                WHERE method = 'removed' AND result = 'success' AND device_document_id IS NOT NULL
                ORDER BY device_document_id, id) e
        WHERE e.device_document_id = d.document_id AND d.state = 'present'`
    );
    await trx.schema.dropTable(STAGING);
  });
}

module.exports = {
  async up(knex) {
    const has = (table) => knex.schema.hasTable(table);
    if ((await has(COMPONENT_TABLE)) && (await has(COMPONENT_LINKS)) && !(await has(DEVICES)) && !(await has(STAGING))) {
      await stage(knex);
    }
    if ((await has(STAGING)) && (await has(DEVICES)) && (await has(LINKS)) && (await knex.schema.hasColumn(ERASURES, 'device_document_id'))) {
      await convert(knex);
    }
  },
};
