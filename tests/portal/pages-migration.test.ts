import type { Core } from '@strapi/strapi';
import request from 'supertest';
import type { TestApp } from '../helpers/app';
import { bootApp, ownDatabase, type OwnDatabase } from '../helpers/database';
import { portalAccount } from '../helpers/portal';

// The portal pages' API was a plugin of its own (« portail »); its permission actions were stored
// as plugin::portail.*. A database from before the merge (its portal roles and one hand-made
// grant carry the old names, the migration not yet run) boots: the rows carry the new names, keep
// their ids, and a prescriber's account still reads its page API.
const MIGRATION = '2026.12.03T00.00.00.portal-pages-actions.js';
const PAGE_ACTION = /^plugin::portal\.(account|prescriber|donor)\./;
let database: OwnDatabase;

const boot = () => bootApp(database.url, { mount: true });

const asApp = (strapi: Core.Strapi) => ({ strapi, http: () => request(strapi.server.httpServer) }) as unknown as TestApp;
const pagePermissions = async () =>
  (await database.query("SELECT p.id, p.action, r.type FROM up_permissions p JOIN up_permissions_role_lnk l ON l.permission_id = p.id JOIN up_roles r ON r.id = l.role_id WHERE p.action LIKE 'plugin::portai%' OR p.action ~ '^plugin::portal\\.(account|prescriber|donor)\\.' ORDER BY p.id")).map(
    (r) => ({ id: Number(r.id), action: String(r.action), role: String(r.type) }),
  );

beforeAll(async () => {
  database = await ownDatabase('demo');
});

afterAll(async () => {
  await database?.drop();
});

it('renames the stored plugin::portail actions once, keeps every grant, and the portal roles still reach the pages API', async () => {
  const [prescriber] = await database.query('SELECT document_id FROM prescribers ORDER BY id LIMIT 1');
  let strapi = await boot();
  const jwt = await portalAccount(asApp(strapi), 'prescriber', String(prescriber.document_id), 'migration@portail.test');
  await strapi.destroy();

  const current = await pagePermissions();
  expect(current.length).toBeGreaterThan(8);
  expect(current.every((p) => PAGE_ACTION.test(p.action) && ['prescripteur', 'donateur'].includes(p.role))).toBe(true);

  // Back to the database before the merge: old names, and a grant given by hand to another role.
  await database.query("UPDATE up_permissions SET action = replace(action, 'plugin::portal.', 'plugin::portail.') WHERE action ~ '^plugin::portal\\.(account|prescriber|donor)\\.'");
  const [authenticated] = await database.query("SELECT id FROM up_roles WHERE type = 'authenticated'");
  const [grant] = await database.query("INSERT INTO up_permissions (document_id, action, created_at, updated_at, published_at) VALUES ('portailmigrationgrant01', 'plugin::portail.account.me', now(), now(), now()) RETURNING id");
  await database.query('INSERT INTO up_permissions_role_lnk (permission_id, role_id) VALUES ($1, $2)', [grant.id, authenticated.id]);
  await database.query('DELETE FROM strapi_migrations WHERE name = $1', [MIGRATION]);
  expect((await pagePermissions()).filter((p) => p.action.startsWith('plugin::portail.')).length).toBe(current.length + 1);

  strapi = await boot();
  try {
    const after = await pagePermissions();
    expect(after.filter((p) => p.action.startsWith('plugin::portail.'))).toEqual([]);
    // The same rows (same ids), under their new names; the hand-made grant too.
    expect(after).toEqual([...current, { id: Number(grant.id), action: 'plugin::portal.account.me', role: 'authenticated' }].sort((a, b) => a.id - b.id));
    const me = await request(strapi.server.httpServer).get('/api/portail/me').set('Authorization', `Bearer ${jwt}`);
    expect(me.status).toBe(200);
    expect(me.body.data).toEqual(expect.objectContaining({ kind: 'prescriber', email: 'migration@portail.test' }));
    const list = await request(strapi.server.httpServer).get('/api/portail/prescriptions').set('Authorization', `Bearer ${jwt}`);
    expect(list.status).toBe(200);
  } finally {
    await strapi.destroy();
  }

  const [ran] = await database.query('SELECT count(*)::int AS n FROM strapi_migrations WHERE name = $1', [MIGRATION]);
  expect(ran.n).toBe(1);
});
