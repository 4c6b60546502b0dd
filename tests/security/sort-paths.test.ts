/**
 * A `sort` whose field path has an empty segment (`.name`, `..`, `../../etc/passwd`) used to reach
 * Strapi's query builder and answer 500 on every content-API and content-manager route. It is now a
 * French 400 (src/middlewares/query-shape.ts); a well-formed sort still works.
 */
import { startApp, createFullAccessToken, type TestApp } from '../helpers/app';
import { staffToken } from '../helpers/admin';

let app: TestApp;
let token: string;
let staff: string;

beforeAll(async () => {
  app = await startApp('base');
  token = await createFullAccessToken(app.strapi, 'sort-paths');
  staff = await staffToken(app, 'seconde-vie-coordination', 'sort-paths@atelier.test');
});

afterAll(async () => app?.stop());

describe('a malformed sort', () => {
  it('is a French 400 on the content API and the content manager, a well-formed one still sorts', async () => {
    const workshop = (await app.sql.query('SELECT document_id FROM workshops LIMIT 1')).rows[0].document_id as string;
    const routes: Array<[string, string, string]> = [
      [`/api/workshops/${workshop}`, token, 'name'],
      ['/api/workshops', token, 'name'],
      ['/api/machines', token, 'labelCode'],
      ['/content-manager/collection-types/api::workshop.workshop', staff, 'name'],
    ];
    const wrong: string[] = [];
    for (const [path, bearer, field] of routes) {
      for (const sort of ['..%2F..%2Fetc%2Fpasswd', '.name', '..', 'sort[0]=.name']) {
        const query = sort.startsWith('sort[') ? sort : `sort=${sort}`;
        const res = await app.http().get(`${path}?${query}`).set('Authorization', `Bearer ${bearer}`);
        if (res.status !== 400 || !/Le paramètre « sort » est invalide/.test(res.body?.error?.message ?? '')) wrong.push(`${path}?${query} : ${res.status}`);
      }
      for (const query of [`sort=${field}:asc`, `sort[0]=${field}:desc`, `sort[${field}]=asc`]) {
        const res = await app.http().get(`${path}?${query}`).set('Authorization', `Bearer ${bearer}`);
        if (res.status !== 200) wrong.push(`${path}?${query} : ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
