import path from 'node:path';
import { startApp, type TestApp } from '../helpers/app';

let app: TestApp;
const DEV_ADMIN = { email: 'admin@seconde-vie.test', password: 'SecondeVie-2012' };

async function login(email: string, password: string): Promise<string> {
  const res = await app.http().post('/admin/login').send({ email, password });
  expect(res.status).toBe(200);
  return res.body.data.token as string;
}

async function createStaff(roleCode: string, email: string, password: string): Promise<void> {
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
  await app.strapi.service('admin::user').create({
    email, password, firstname: 'Bénévole', lastname: 'Test', isActive: true, registrationToken: null, roles: [role.id],
  });
}

beforeAll(async () => {
  app = await startApp('demo');
});

afterAll(async () => {
  await app?.stop();
});

describe('admin panel setup', () => {
  it('lets the first super-admin, created from ADMIN_EMAIL/ADMIN_PASSWORD defaults, log in', async () => {
    expect(await login(DEV_ADMIN.email, DEV_ADMIN.password)).toBeTruthy();
  });

  it('shows machines with label code, type, brand/model and donor columns, labelled in French', async () => {
    const token = await login(DEV_ADMIN.email, DEV_ADMIN.password);
    const res = await app.http().get('/content-manager/content-types/api::machine.machine/configuration').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    const { layouts, metadatas, settings } = res.body.data.contentType;
    expect(layouts.list.slice(0, 5)).toEqual(['labelCode', 'type', 'brand', 'model', 'donor']);
    expect(metadatas.labelCode.list.label).toBe('Étiquette');
    expect(metadatas.serialNumber.edit.label).toBe('N° de série');
    expect(metadatas.donor.edit.editable).toBe(false);
    expect(settings.mainField).toBe('labelCode');
  });

  it('shows donors by name, kind, relationship and commune', async () => {
    const token = await login(DEV_ADMIN.email, DEV_ADMIN.password);
    const res = await app.http().get('/content-manager/content-types/api::donor.donor/configuration').set('Authorization', `Bearer ${token}`);
    expect(res.body.data.contentType.layouts.list.slice(0, 4)).toEqual(['name', 'kind', 'relationship', 'commune']);
    expect(res.body.data.contentType.metadatas.relationship.list.label).toBe('Étape de la relation');
  });

  it('gives the Atelier role machines and parts, donations read-only, and no household', async () => {
    await createStaff('seconde-vie-atelier', 'benevole@seconde-vie.test', 'Atelier-2012-ok');
    const token = await login('benevole@seconde-vie.test', 'Atelier-2012-ok');
    const as = (req: ReturnType<ReturnType<TestApp['http']>['get']>) => req.set('Authorization', `Bearer ${token}`);
    const cm = '/content-manager/collection-types';
    expect((await as(app.http().get(`${cm}/api::machine.machine`))).status).toBe(200);
    expect((await as(app.http().post(`${cm}/api::machine.machine`)).send({ type: 'laptop' })).status).toBe(201);
    expect((await as(app.http().get(`${cm}/api::part.part`))).status).toBe(200);
    const donations = await as(app.http().get(`${cm}/api::donation.donation`));
    expect(donations.status).toBe(200);
    const donation = donations.body.results[0];
    const update = await as(app.http().put(`${cm}/api::donation.donation/${donation.documentId}`)).send({ announcedCount: 1 });
    expect(update.status).toBe(403);
    expect((await as(app.http().get(`${cm}/api::household.household`))).status).toBe(403);
    expect((await as(app.http().get(`${cm}/api::prescription.prescription`))).status).toBe(403);
  });

  it('gives the Coordination role every business type', async () => {
    await createStaff('seconde-vie-coordination', 'coordination@seconde-vie.test', 'Coordination-2012-ok');
    const token = await login('coordination@seconde-vie.test', 'Coordination-2012-ok');
    for (const uid of ['household', 'prescription', 'donor', 'convention', 'interaction']) {
      const res = await app.http().get(`/content-manager/collection-types/api::${uid}.${uid}`).set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
    }
  });

  it('runs its setup again without duplicating roles, workshops or admins', async () => {
    const counts = async () => (await app.sql.query(
      "SELECT (SELECT count(*) FROM admin_roles) r, (SELECT count(*) FROM admin_permissions) p, (SELECT count(*) FROM workshops WHERE is_default) w, (SELECT count(*) FROM admin_users) u"
    )).rows[0];
    const before = await counts();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built app, loaded at run time from dist/
    const bootstrap = require(path.resolve(__dirname, '../../dist/src/index.js')).default.bootstrap;
    await bootstrap({ strapi: app.strapi });
    expect(await counts()).toEqual(before);
    expect(before.w).toBe('1');
  });
});
