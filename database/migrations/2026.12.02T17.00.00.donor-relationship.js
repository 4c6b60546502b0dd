'use strict';

// Donors: the attribute `stage` became `relationship` (same values), so that « stage » names only
// the refurbishment pipeline's stages (a machine's `pipelineStage`) and a donor's place in the
// relationship (prospect → partner) has a word of its own. Run once, by Strapi's runner, before its
// schema sync (recorded in `strapi_migrations`): the sync would otherwise drop `stage` and add an
// empty `relationship`. Every step is guarded by what exists, so on a fresh database nothing
// happens. Besides the column, it renames what is stored under the field's old name:
// - the list index 2026.11.29T00.01.00.list-indexes.js now names sv_donors_relationship_idx;
// - the interactions that record a move (kind `stage_change` → `relationship_change`);
// - the content manager's configuration of donors (metadatas, list and edit layouts, settings),
//   so that the columns and fields staff arranged keep their places;
// - the admin roles' field lists on donors (a custom role that could read or edit the step still can);
// - the outreach campaigns' saved audiences (`stages` → `relationships`).
const FROM = 'stage';
const TO = 'relationship';
const CM_KEY = 'plugin_content_manager_configuration_content_types::api::donor.donor';
const INDEXES = [['sv_donors_stage_idx', 'sv_donors_relationship_idx']];

const parse = (value) => (typeof value === 'string' ? JSON.parse(value) : value);
const rename = (name) => (name === FROM ? TO : name);

/** The content manager's stored configuration of donors with `stage` called `relationship`. */
function renameInConfiguration(config) {
  const metadatas = { ...(config.metadatas || {}) };
  if (metadatas[FROM] && !metadatas[TO]) metadatas[TO] = metadatas[FROM];
  delete metadatas[FROM];
  const layouts = config.layouts || {};
  const settings = { ...(config.settings || {}) };
  for (const key of ['mainField', 'defaultSortBy']) if (settings[key] === FROM) settings[key] = TO;
  return {
    ...config,
    settings,
    metadatas,
    layouts: {
      ...layouts,
      ...(Array.isArray(layouts.list) ? { list: layouts.list.map(rename) } : {}),
      ...(Array.isArray(layouts.edit)
        ? { edit: layouts.edit.map((row) => (Array.isArray(row) ? row.map((field) => (field && field.name === FROM ? { ...field, name: TO } : field)) : row)) }
        : {}),
    },
  };
}

async function renameColumn(knex) {
  if (!(await knex.schema.hasTable('donors'))) return;
  if ((await knex.schema.hasColumn('donors', FROM)) && !(await knex.schema.hasColumn('donors', TO))) {
    await knex.schema.alterTable('donors', (t) => t.renameColumn(FROM, TO));
  }
  for (const [from, to] of INDEXES) {
    const found = await knex.raw('SELECT to_regclass(?) AS old, to_regclass(?) AS new', [from, to]);
    const { old: oldIndex, new: newIndex } = found.rows[0];
    if (oldIndex && !newIndex) await knex.raw('ALTER INDEX ?? RENAME TO ??', [from, to]);
  }
}

async function renameInteractionKind(knex) {
  if (!(await knex.schema.hasTable('interactions')) || !(await knex.schema.hasColumn('interactions', 'kind'))) return;
  await knex('interactions').where({ kind: 'stage_change' }).update({ kind: 'relationship_change' });
}

async function renameInContentManager(knex) {
  if (!(await knex.schema.hasTable('strapi_core_store_settings'))) return;
  const row = await knex('strapi_core_store_settings').where({ key: CM_KEY }).first('id', 'value');
  if (!row || !row.value) return;
  const config = parse(row.value);
  const renamed = renameInConfiguration(config);
  if (JSON.stringify(renamed) !== JSON.stringify(config)) {
    await knex('strapi_core_store_settings').where({ id: row.id }).update({ value: JSON.stringify(renamed) });
  }
}

async function renameInPermissions(knex) {
  if (!(await knex.schema.hasTable('admin_permissions'))) return;
  const rows = await knex('admin_permissions').where({ subject: 'api::donor.donor' }).select('id', 'properties');
  for (const row of rows) {
    const properties = parse(row.properties) || {};
    if (!Array.isArray(properties.fields) || !properties.fields.includes(FROM)) continue;
    const fields = [...new Set(properties.fields.map(rename))];
    await knex('admin_permissions').where({ id: row.id }).update({ properties: JSON.stringify({ ...properties, fields }) });
  }
}

async function renameInAudiences(knex) {
  if (!(await knex.schema.hasTable('sv_outreach_campaigns')) || !(await knex.schema.hasColumn('sv_outreach_campaigns', 'audience'))) return;
  const rows = await knex('sv_outreach_campaigns').select('id', 'audience');
  for (const row of rows) {
    const audience = parse(row.audience);
    if (!audience || typeof audience !== 'object' || !('stages' in audience)) continue;
    const { stages, ...rest } = audience;
    const next = rest.relationships === undefined && stages !== undefined ? { ...rest, relationships: stages } : rest;
    await knex('sv_outreach_campaigns').where({ id: row.id }).update({ audience: JSON.stringify(next) });
  }
}

module.exports = {
  async up(knex) {
    await renameColumn(knex);
    await renameInteractionKind(knex);
    await renameInContentManager(knex);
    await renameInPermissions(knex);
    await renameInAudiences(knex);
  },
};
