'use strict';

// A network of workshops (docs/network.md). After Strapi's schema sync has created the new
// columns and link tables:
// - the default workshop gets the code `SV` (the prefix its labels have always carried), any
//   other workshop without a code three letters made from its id;
// - every record of a type that now belongs to a workshop, and has none, is given the default
//   workshop (a single-workshop installation keeps working as before);
// - a change of a workshop's members or of the default workshop bumps the admin permissions
//   version, so each user's cached permissions (the condition « Fiches de mes ateliers ») are
//   recomputed at once, whatever path made the change.
// Guarded by what exists; idempotent.
const OWN = [
  ['conventions', 'convention'],
  ['donations', 'donation'],
  ['machines', 'machine'],
  ['parts', 'part'],
  ['prescriptions', 'prescription'],
  ['prescribers', 'prescriber'],
  ['households', 'household'],
  ['interactions', 'interaction'],
  ['pickups', 'pickup'],
  ['funder_programmes', 'funder_programme'],
  ['weee_shipments', 'weee_shipment'],
  ['volunteers', 'volunteer'],
  ['trainings', 'training'],
  ['permanences', 'permanence'],
];

async function exists(knex, table) {
  const { rows } = await knex.raw('SELECT to_regclass(?) AS t', [table]);
  return Boolean(rows[0].t);
}

module.exports = {
  async up() {},

  async afterSync(knex) {
    if (!(await exists(knex, 'workshops'))) return;
    const hasCode = await knex.schema.hasColumn('workshops', 'code');
    if (hasCode) {
      await knex.raw(`UPDATE workshops SET code = 'SV' WHERE code IS NULL AND is_default AND NOT EXISTS (SELECT 1 FROM workshops w WHERE w.code = 'SV')`);
      // Three capital letters from the id (label codes carry two to four letters).
      await knex.raw(`UPDATE workshops SET code = 'A' || chr(65 + (id / 26) % 26) || chr(65 + id % 26) WHERE code IS NULL`);
    }
    const [def] = (await knex.raw('SELECT id FROM workshops WHERE is_default ORDER BY id LIMIT 1')).rows;
    if (def) {
      for (const [table, singular] of OWN) {
        const link = `${table}_workshop_lnk`;
        if (!(await exists(knex, table)) || !(await exists(knex, link))) continue;
        await knex.raw(
          `INSERT INTO ?? (??, workshop_id) SELECT r.id, ? FROM ?? r WHERE NOT EXISTS (SELECT 1 FROM ?? l WHERE l.?? = r.id)`,
          [link, `${singular}_id`, def.id, table, link, `${singular}_id`],
        );
      }
    }
    if (!(await exists(knex, 'sv_admin_permissions_version'))) return;
    for (const table of ['workshops_members_lnk', 'workshops']) {
      if (!(await exists(knex, table))) continue;
      await knex.raw('DROP TRIGGER IF EXISTS sv_admin_permissions_version ON ??', [table]);
      await knex.raw(
        'CREATE TRIGGER sv_admin_permissions_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ?? FOR EACH STATEMENT EXECUTE FUNCTION sv_bump_admin_permissions_version()',
        [table],
      );
    }
  },
};
