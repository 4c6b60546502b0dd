import { startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';
import { bearer } from './fixtures';

// Each admin user's permissions are computed once and reused while PostgreSQL's permissions
// version is unchanged (src/shared/server/admin-abilities.ts). A right taken away must be gone at
// the very next request, whichever path took it away: the Roles screen, a user's roles changed,
// raw SQL (a migration, another instance).
let app: TestApp;
let superToken: string;
let roleId: number;
let userId: number;
let staff: string;

const HOUSEHOLDS = '/content-manager/collection-types/api::household.household';
const READ_HOUSEHOLDS = [{ action: 'plugin::content-manager.explorer.read', subject: 'api::household.household', properties: { fields: ['referenceName'] }, conditions: [] }];

const version = async () => Number((await app.sql.query('SELECT value FROM sv_admin_permissions_version WHERE id = 1')).rows[0].value);
const readHouseholds = async () => (await app.http().get(HOUSEHOLDS).set(bearer(staff))).status;
const setPermissions = async (permissions: unknown[]) => {
  const res = await app.http().put(`/admin/roles/${roleId}/permissions`).set(bearer(superToken)).send({ permissions });
  expect(res.status).toBe(200);
};

beforeAll(async () => {
  app = await startApp('base');
  superToken = await adminToken(app);
  const role = await app.http().post('/admin/roles').set(bearer(superToken)).send({ name: 'Lecture des foyers', description: 'test du cache des droits' });
  expect(role.status).toBe(201);
  roleId = role.body.data.id;
  const user = await app.strapi.service('admin::user').create({
    email: 'cache-droits@seconde-vie.test', password: 'Mot-de-passe-2012', firstname: 'Cache', lastname: 'Droits', isActive: true, registrationToken: null, roles: [roleId],
  });
  userId = user.id;
  staff = await adminToken(app, 'cache-droits@seconde-vie.test', 'Mot-de-passe-2012');
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await setPermissions(READ_HOUSEHOLDS);
  await app.http().put(`/admin/users/${userId}`).set(bearer(superToken)).send({ roles: [roleId] });
  expect(await readHouseholds()).toBe(200);
  expect(await readHouseholds()).toBe(200);
});

describe('admin permissions are reused until they change, and not after', () => {
  it('a right removed on the Roles screen is refused at the next request', async () => {
    const before = await version();
    await setPermissions([]);
    expect(await version()).toBeGreaterThan(before);
    expect(await readHouseholds()).toBe(403);
  });

  it('a right removed by raw SQL (a migration, another instance) is refused at the next request', async () => {
    await app.sql.query(
      `DELETE FROM admin_permissions p USING admin_permissions_role_lnk l
        WHERE l.permission_id = p.id AND l.role_id = $1 AND p.action = 'plugin::content-manager.explorer.read'`,
      [roleId],
    );
    expect(await readHouseholds()).toBe(403);
  });

  it('a right unlinked from its role by raw SQL is refused at the next request', async () => {
    await app.sql.query('DELETE FROM admin_permissions_role_lnk WHERE role_id = $1', [roleId]);
    expect(await readHouseholds()).toBe(403);
  });

  it('a user moved to a role without the right is refused at the next request', async () => {
    const atelier = await app.strapi.db.query('admin::role').findOne({ where: { code: 'seconde-vie-atelier' } });
    const res = await app.http().put(`/admin/users/${userId}`).set(bearer(superToken)).send({ roles: [atelier.id] });
    expect(res.status).toBe(200);
    expect(await readHouseholds()).toBe(403);
  });

  it('a user whose role link is removed by raw SQL is refused at the next request', async () => {
    await app.sql.query('DELETE FROM admin_users_roles_lnk WHERE user_id = $1', [userId]);
    expect(await readHouseholds()).toBe(403);
  });

  it('a right given back is granted at the next request', async () => {
    await setPermissions([]);
    expect(await readHouseholds()).toBe(403);
    await setPermissions(READ_HOUSEHOLDS);
    expect(await readHouseholds()).toBe(200);
  });

  it('a deactivated user is refused at the next request', async () => {
    await app.sql.query('UPDATE admin_users SET is_active = false WHERE id = $1', [userId]);
    try {
      expect(await readHouseholds()).toBe(401);
    } finally {
      await app.sql.query('UPDATE admin_users SET is_active = true WHERE id = $1', [userId]);
    }
  });

  it('reading is not a change: the version stays while the same user reads again', async () => {
    const before = await version();
    expect(await readHouseholds()).toBe(200);
    expect(await readHouseholds()).toBe(200);
    expect(await version()).toBe(before);
  });
});
