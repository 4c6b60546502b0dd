import { bootOnce, forgetRename, ownDatabase, type OwnDatabase } from '../helpers/database';

// Donors renamed `stage` to `relationship` (issue 16: « stage » names only the pipeline's
// stages). A database from before the rename must keep every donor's step, and what was stored
// under the old name must follow: the interactions recording a move, the content manager's
// configuration of donors (the columns and fields as staff arranged them), a custom admin role's
// field list, a campaign's saved audience. The migration runs before Strapi's schema sync, which
// would otherwise drop `stage` and add an empty `relationship`.
// Two states of one database (before/after boot), so this file manages its database itself.
const MIGRATION = '2026.12.02T17.00.00.donor-relationship.js';
const CM_KEY = 'plugin_content_manager_configuration_content_types::api::donor.donor';
let db: OwnDatabase;
const query = (sql: string, params: unknown[] = []) => db.query(sql, params);

type EditRow = Array<{ name: string; size: number }>;
interface CmConfiguration {
  settings: Record<string, unknown>;
  metadatas: Record<string, { edit?: Record<string, unknown>; list?: Record<string, unknown> }>;
  layouts: { list: string[]; edit: EditRow[] };
}

const parse = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
const cmConfiguration = async () => parse<CmConfiguration>((await query('SELECT value FROM strapi_core_store_settings WHERE key = $1', [CM_KEY]))[0].value);
const editNames = (config: CmConfiguration) => config.layouts.edit.map((row) => row.map((f) => f.name));
const rename = (from: string, to: string) => (name: string) => (name === from ? to : name);

interface OldState {
  /** The list layout as staff arranged it, with the old name. */
  list: string[];
  edit: string[][];
  interactions: number[];
  role: number;
  campaign: number;
}

/** Puts the database back as it was before the rename, with data naming the old field everywhere it was stored. */
async function makeItOld(): Promise<OldState> {
  await query(`ALTER TABLE donors RENAME COLUMN relationship TO stage;
    ALTER INDEX sv_donors_relationship_idx RENAME TO sv_donors_stage_idx;`);

  // Two moves recorded the old way.
  const interactions = (await query("SELECT id FROM interactions ORDER BY id LIMIT 2")).map((r) => Number(r.id));
  expect(interactions).toHaveLength(2);
  await query("UPDATE interactions SET kind = 'stage_change' WHERE id = ANY($1)", [interactions]);

  // The content manager's configuration of donors, the step second in the list as staff put it.
  const config = await cmConfiguration();
  expect(config.layouts.list).toContain('relationship');
  const list = ['name', 'stage', 'commune', 'kind'];
  const old: CmConfiguration = {
    ...config,
    metadatas: Object.fromEntries(Object.entries(config.metadatas).map(([k, v]) => [k === 'relationship' ? 'stage' : k, v])),
    layouts: {
      list,
      edit: config.layouts.edit.map((row) => row.map((f) => (f.name === 'relationship' ? { ...f, name: 'stage' } : f))),
    },
  };
  expect(editNames(old).flat()).toContain('stage');
  await query('UPDATE strapi_core_store_settings SET value = $1 WHERE key = $2', [JSON.stringify(old), CM_KEY]);

  // A role staff made themselves, that may read donors' name and step.
  const [role] = await query(
    `INSERT INTO admin_roles (document_id, name, code, description, created_at, updated_at)
     VALUES ('relationshipmigrationrole', 'Accueil (test)', 'accueil-test', 'Rôle créé à la main', now(), now()) RETURNING id`
  );
  const [permission] = await query(
    `INSERT INTO admin_permissions (document_id, action, action_parameters, subject, properties, conditions, created_at, updated_at)
     VALUES ('relationshipmigrationperm', 'plugin::content-manager.explorer.read', '{}', 'api::donor.donor', $1, '[]', now(), now()) RETURNING id`,
    [JSON.stringify({ fields: ['name', 'stage'] })]
  );
  await query('INSERT INTO admin_permissions_role_lnk (permission_id, role_id, permission_ord) VALUES ($1, $2, 1)', [permission.id, role.id]);

  // A campaign whose audience filters donors by their step.
  const [campaign] = await query(
    `INSERT INTO sv_outreach_campaigns (document_id, name, audience, created_at, updated_at)
     VALUES ('relationshipmigrationcamp', 'Relance des partenaires (test)', $1, now(), now()) RETURNING id`,
    [JSON.stringify({ target: 'donor', kinds: ['company'], stages: ['partner', 'meeting'] })]
  );

  await forgetRename(db, MIGRATION, { donors: ['relationship', 'stage'] });
  return { list, edit: editNames(old), interactions, role: Number(role.id), campaign: Number(campaign.id) };
}

const columns = async () =>
  (await query("SELECT column_name FROM information_schema.columns WHERE table_name = 'donors' AND column_name IN ('stage', 'relationship')")).map((r) => r.column_name);

beforeAll(async () => {
  db = await ownDatabase('demo');
});

afterAll(async () => {
  await db?.drop();
});

it('keeps every donor’s step, and what was stored under `stage`, when a database from before the rename boots', async () => {
  const old = await makeItOld();
  expect(await columns()).toEqual(['stage']);
  const before = await query('SELECT document_id, stage FROM donors ORDER BY id');
  // The demo has several steps, so a column refilled with its default (« prospect ») would show.
  expect(new Set(before.map((r) => r.stage)).size).toBeGreaterThan(2);

  const partners = await bootOnce(db, async (strapi) => (await strapi.db.query('api::donor.donor').count({ where: { relationship: 'partner' } })) as number);
  expect(partners).toBe(before.filter((r) => r.stage === 'partner').length);

  // The column and its values, its list index.
  expect(await columns()).toEqual(['relationship']);
  expect(await query('SELECT document_id, relationship AS stage FROM donors ORDER BY id')).toEqual(before);
  const indexes = (await query("SELECT indexname FROM pg_indexes WHERE tablename = 'donors' AND indexname LIKE 'sv_donors_%' ORDER BY indexname")).map((r) => r.indexname);
  expect(indexes).toEqual(['sv_donors_kind_idx', 'sv_donors_relationship_idx']);

  // The recorded moves.
  expect(await query('SELECT id, kind FROM interactions WHERE id = ANY($1) ORDER BY id', [old.interactions])).toEqual(
    old.interactions.map((id) => ({ id, kind: 'relationship_change' }))
  );
  expect(await query("SELECT id FROM interactions WHERE kind = 'stage_change'")).toEqual([]);

  // The content manager shows `relationship` where `stage` was, in staff's order, labelled.
  const config = await cmConfiguration();
  expect(config.layouts.list).toEqual(old.list.map(rename('stage', 'relationship')));
  expect(editNames(config)).toEqual(old.edit.map((row) => row.map(rename('stage', 'relationship'))));
  expect(config.metadatas.stage).toBeUndefined();
  expect(config.metadatas.relationship.list?.label).toBe('Étape de la relation');
  expect(config.metadatas.relationship.edit?.label).toBe('Étape de la relation');

  // The hand-made role still reads the step.
  const [permission] = await query(
    `SELECT p.properties FROM admin_permissions p JOIN admin_permissions_role_lnk l ON l.permission_id = p.id
      WHERE l.role_id = $1 AND p.subject = 'api::donor.donor'`,
    [old.role]
  );
  expect(parse<{ fields: string[] }>(permission.properties).fields).toEqual(['name', 'relationship']);

  // The campaign keeps its filter.
  const [campaign] = await query('SELECT audience FROM sv_outreach_campaigns WHERE id = $1', [old.campaign]);
  expect(parse(campaign.audience)).toEqual({ target: 'donor', kinds: ['company'], relationships: ['partner', 'meeting'] });

  expect(await query('SELECT name FROM strapi_migrations WHERE name = $1', [MIGRATION])).toEqual([{ name: MIGRATION }]);
});
