'use strict';

const { randomBytes } = require('node:crypto');

// Storage devices became records of their own (api::storage-device.storage-device, table
// storage_devices, linked to their machine through storage_devices_machine_lnk) instead of rows of
// the repeatable component machine.storage-device, so that erasures point to a device's identity
// and not to its position in a list. Strapi's schema sync drops the component's tables, so this
// runs in two halves, each once and guarded by what exists (`up` before the sync, by Strapi's
// runner; `afterSync` after it, by src/database/migrations.ts):
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
  const bytes = randomBytes(24);
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

// 3. The database holds the line the pipeline's Document Service middleware draws, for any
// writer that goes around it (raw SQL, a script, a future bug): once a unit has left Réception
// (stage 'received'), its devices are neither deleted, detached nor re-serialled; a device with
// an erasure keeps its serial; a removed device is history; a removal names who, when, why and
// where; a unit past Réception is not deleted and does not change between a type with storage
// and a screen (the list mirrors STORAGE_EXEMPT_TYPES in src/shared/erasure.ts). The link check
// is deferred to the commit: Strapi rewrites a relation by deleting and re-inserting its row.
const TRIGGERS = [
  {
    name: 'sv_storage_devices_guard',
    table: DEVICES,
    fn: `CREATE OR REPLACE FUNCTION sv_storage_devices_guard() RETURNS trigger AS $$
      DECLARE
        stage text;
        erased boolean;
      BEGIN
        -- A removed device is history: deleted never, changed never (a save that changes nothing passes).
        IF OLD.state = 'removed' AND (TG_OP = 'DELETE'
            OR (NEW.document_id, NEW.serial, NEW.model, NEW.interface, NEW.capacity_gb, NEW.state, NEW.removed_at, NEW.removed_by, NEW.removal_reason, NEW.removal_destination)
               IS DISTINCT FROM (OLD.document_id, OLD.serial, OLD.model, OLD.interface, OLD.capacity_gb, OLD.state, OLD.removed_at, OLD.removed_by, OLD.removal_reason, OLD.removal_destination)) THEN
          RAISE EXCEPTION 'storage_devices : le support % est enregistré comme retiré, il fait partie de l''historique', OLD.document_id;
        END IF;
        SELECT m.pipeline_stage INTO stage FROM ${LINKS} l JOIN machines m ON m.id = l.machine_id WHERE l.storage_device_id = OLD.id LIMIT 1;
        SELECT EXISTS (SELECT 1 FROM ${ERASURES} e WHERE e.device_document_id = OLD.document_id) INTO erased;
        IF TG_OP = 'DELETE' THEN
          IF (stage IS NOT NULL AND stage <> 'received') OR erased THEN
            RAISE EXCEPTION 'storage_devices : le support % ne se supprime pas (unité sortie de Réception ou effacement enregistré) : on enregistre son retrait', OLD.document_id;
          END IF;
          RETURN OLD;
        END IF;
        IF NEW.document_id IS DISTINCT FROM OLD.document_id THEN
          RAISE EXCEPTION 'storage_devices : l''identifiant d''un support ne change pas';
        END IF;
        IF NEW.state = 'removed' AND (NEW.removed_at IS NULL OR NEW.removed_by IS NULL OR NEW.removal_reason IS NULL OR NEW.removal_destination IS NULL) THEN
          RAISE EXCEPTION 'storage_devices : un retrait dit qui, quand, pourquoi et où (support %)', OLD.document_id;
        END IF;
        IF NEW.serial IS DISTINCT FROM OLD.serial AND ((stage IS NOT NULL AND stage <> 'received') OR erased) THEN
          RAISE EXCEPTION 'storage_devices : le n° de série du support % ne change plus', OLD.document_id;
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`,
    trigger: `CREATE TRIGGER sv_storage_devices_guard BEFORE UPDATE OR DELETE ON ${DEVICES} FOR EACH ROW EXECUTE FUNCTION sv_storage_devices_guard()`,
  },
  {
    name: 'sv_storage_device_links_guard',
    table: LINKS,
    fn: `CREATE OR REPLACE FUNCTION sv_storage_device_links_guard() RETURNS trigger AS $$
      DECLARE
        stage text;
      BEGIN
        IF EXISTS (SELECT 1 FROM ${LINKS} WHERE storage_device_id = OLD.storage_device_id AND machine_id = OLD.machine_id) THEN
          RETURN NULL;
        END IF;
        SELECT pipeline_stage INTO stage FROM machines WHERE id = OLD.machine_id;
        IF stage IS NOT NULL AND stage <> 'received' THEN
          RAISE EXCEPTION 'storage_devices_machine_lnk : un support ne se détache pas d''une unité sortie de Réception (machine %) : on enregistre son retrait', OLD.machine_id;
        END IF;
        RETURN NULL;
      END $$ LANGUAGE plpgsql`,
    trigger: `CREATE CONSTRAINT TRIGGER sv_storage_device_links_guard AFTER DELETE ON ${LINKS}
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION sv_storage_device_links_guard()`,
  },
  {
    name: 'sv_machines_custody_guard',
    table: 'machines',
    fn: `CREATE OR REPLACE FUNCTION sv_machines_custody_guard() RETURNS trigger AS $$
      BEGIN
        IF OLD.pipeline_stage IS NOT NULL AND OLD.pipeline_stage <> 'received' THEN
          IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'machines : l''unité % a quitté la Réception, elle ne se supprime pas', OLD.label_code;
          END IF;
          IF (OLD.type = 'screen') IS DISTINCT FROM (NEW.type = 'screen') THEN
            RAISE EXCEPTION 'machines : l''unité % a quitté la Réception, son type ne passe plus d''un écran à un ordinateur ni l''inverse', OLD.label_code;
          END IF;
        END IF;
        IF TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`,
    trigger: `CREATE TRIGGER sv_machines_custody_guard BEFORE UPDATE OF type OR DELETE ON machines FOR EACH ROW EXECUTE FUNCTION sv_machines_custody_guard()`,
  },
];

async function guard(knex) {
  for (const t of TRIGGERS) {
    // Kept when present (a database from before migrations ran once, where this ran at every boot).
    const { rows } = await knex.raw('SELECT 1 FROM pg_trigger WHERE tgname = ?', [t.name]);
    if (rows.length > 0) continue;
    await knex.raw(t.fn);
    await knex.raw(t.trigger);
  }
}

module.exports = {
  async up(knex) {
    const has = (table) => knex.schema.hasTable(table);
    if ((await has(COMPONENT_TABLE)) && (await has(COMPONENT_LINKS)) && !(await has(DEVICES)) && !(await has(STAGING))) {
      await stage(knex);
    }
  },

  async afterSync(knex) {
    const has = (table) => knex.schema.hasTable(table);
    if ((await has(STAGING)) && (await has(DEVICES)) && (await has(LINKS)) && (await knex.schema.hasColumn(ERASURES, 'device_document_id'))) {
      await convert(knex);
    }
    if ((await has(DEVICES)) && (await has(LINKS)) && (await has(ERASURES)) && (await knex.schema.hasColumn(DEVICES, 'state'))) {
      await guard(knex);
    }
  },
};
