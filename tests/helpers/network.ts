import type { TestApp } from './app';
import { adminToken } from './admin';

/** A workshop of the network, created as a super-admin would in the content manager (Document Service). */
export async function createWorkshop(
  app: TestApp,
  data: { name: string; commune: string; code?: string; postalCodes?: string; isDefault?: boolean },
): Promise<{ id: number; documentId: string; code: string }> {
  const created = (await app.strapi.documents('api::workshop.workshop').create({ data: data as never })) as unknown as { documentId: string };
  const row = (await app.strapi.db.query('api::workshop.workshop').findOne({ where: { documentId: created.documentId } })) as { id: number; documentId: string; code: string };
  return row;
}

/** The default workshop (Brest on the demo). */
export async function defaultWorkshop(app: TestApp): Promise<{ id: number; documentId: string; code: string }> {
  return app.strapi.db.query('api::workshop.workshop').findOne({ where: { isDefault: true } }) as Promise<{ id: number; documentId: string; code: string }>;
}

/** A staff member with a role, member of the given workshops; returns its JWT and id. */
export async function memberToken(app: TestApp, roleCode: string, email: string, workshopIds: number[]): Promise<{ token: string; id: number }> {
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
  const password = 'Mot-de-passe-2012';
  const user = (await app.strapi.service('admin::user').create({
    email, password, firstname: 'Test', lastname: roleCode, isActive: true, registrationToken: null, roles: [role.id],
  })) as { id: number };
  for (const id of workshopIds) {
    await app.strapi.db.query('api::workshop.workshop').update({ where: { id }, data: { members: { connect: [user.id] } } });
  }
  return { token: await adminToken(app, email, password), id: user.id };
}
