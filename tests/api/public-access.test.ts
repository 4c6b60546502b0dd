import { startApp, type TestApp } from '../helpers/app';

let app: TestApp;
let ids: Record<string, string>;

const TYPES = ['workshops', 'donors', 'conventions', 'donations', 'machines', 'parts', 'prescribers', 'prescriptions', 'households', 'interactions'];

beforeAll(async () => {
  app = await startApp('demo');
  ids = {};
  for (const table of TYPES) {
    ids[table] = (await app.sql.query(`SELECT document_id FROM ${table} ORDER BY id LIMIT 1`)).rows[0].document_id;
  }
});

afterAll(async () => {
  await app?.stop();
});

describe('without a token, nobody reads or writes business data', () => {
  it.each(TYPES)('GET /api/%s answers 401 or 403 with no data', async (type) => {
    const res = await app.http().get(`/api/${type}`);
    expect([401, 403]).toContain(res.status);
    expect(res.body.data).toBeNull();
  });

  it.each(TYPES)('GET /api/%s/:id answers 401 or 403 with no data', async (type) => {
    const res = await app.http().get(`/api/${type}/${ids[type]}`);
    expect([401, 403]).toContain(res.status);
    expect(JSON.stringify(res.body)).not.toMatch(/Foyer|referenceName|serialNumber/);
  });

  it.each(TYPES)('POST, PUT and DELETE /api/%s are refused and change nothing', async (type) => {
    const before = (await app.sql.query(`SELECT count(*) FROM ${type}`)).rows[0].count;
    expect([401, 403]).toContain((await app.http().post(`/api/${type}`).send({ data: {} })).status);
    expect([401, 403]).toContain((await app.http().put(`/api/${type}/${ids[type]}`).send({ data: {} })).status);
    expect([401, 403]).toContain((await app.http().delete(`/api/${type}/${ids[type]}`)).status);
    expect((await app.sql.query(`SELECT count(*) FROM ${type}`)).rows[0].count).toBe(before);
  });

  it('an invalid token gets 401', async () => {
    const res = await app.http().get('/api/households').set('Authorization', 'Bearer not-a-token');
    expect(res.status).toBe(401);
  });

  it('the public role holds no permission on any business type', async () => {
    const { rows } = await app.sql.query(
      `SELECT p.action FROM up_permissions p
         JOIN up_permissions_role_lnk l ON l.permission_id = p.id
         JOIN up_roles r ON r.id = l.role_id
        WHERE r.type = 'public' AND p.action LIKE 'api::%'`
    );
    expect(rows).toEqual([]);
  });
});
