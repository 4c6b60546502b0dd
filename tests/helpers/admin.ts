import type { TestApp } from './app';

export const DEV_ADMIN = { email: 'admin@seconde-vie.test', password: 'SecondeVie-2012' };

/** Logs in to the admin API and returns the JWT. */
export async function adminToken(app: TestApp, email = DEV_ADMIN.email, password = DEV_ADMIN.password): Promise<string> {
  const res = await app.http().post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}

/** Creates a staff member with one of the app's roles and returns its JWT. */
export async function staffToken(app: TestApp, roleCode: string, email: string): Promise<string> {
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
  const password = 'Mot-de-passe-2012';
  await app.strapi.service('admin::user').create({
    email, password, firstname: 'Test', lastname: roleCode, isActive: true, registrationToken: null, roles: [role.id],
  });
  return adminToken(app, email, password);
}
