import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';

let app: TestApp;
let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });
const post = (path: string, data: Record<string, unknown>) => app.http().post(path).set(auth()).send({ data });
const count = async (table: string) => Number((await app.sql.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

let company: string;
let city: string;
let ccas: string;

beforeAll(async () => {
  app = await startApp('base');
  token = await createFullAccessToken(app.strapi);
  company = (await post('/api/donors', { name: 'Alcatel-Lucent Brest', kind: 'company' })).body.data.documentId;
  city = (await post('/api/donors', { name: 'DSIT Brest métropole', kind: 'local_authority' })).body.data.documentId;
  ccas = (await post('/api/prescribers', { name: 'CCAS de Brest', kind: 'ccas', commune: 'Brest' })).body.data.documentId;
});

afterAll(async () => {
  await app?.stop();
});

describe('conventions', () => {
  it('gets its number without anyone typing it: CP, the year of its start, a sequence', async () => {
    const first = await post('/api/conventions', { kind: 'partnership', donor: company, startDate: '2012-03-01' });
    const second = await post('/api/conventions', { kind: 'partnership', donor: city, startDate: '2012-05-07' });
    expect(first.status).toBe(201);
    expect(first.body.data.number).toBe('CP-2012-001');
    expect(second.body.data.number).toBe('CP-2012-002');
  });

  it('numbers membership conventions in their own series', async () => {
    const res = await post('/api/conventions', { kind: 'membership', prescriber: ccas, startDate: '2012-09-01' });
    expect(res.body.data.number).toBe('CA-2012-001');
  });

  it('ignores a number typed by hand, at creation and on update', async () => {
    const created = await post('/api/conventions', { kind: 'partnership', donor: company, startDate: '2013-01-10', number: 'CP-2013-999' });
    expect(created.body.data.number).toBe('CP-2013-001');
    const updated = await app.http().put(`/api/conventions/${created.body.data.documentId}`).set(auth()).send({ data: { number: 'CP-2013-777', endDate: '2014-01-09' } });
    expect(updated.status).toBe(200);
    expect(updated.body.data.number).toBe('CP-2013-001');
    expect(updated.body.data.endDate).toBe('2014-01-09');
  });

  it('refuses a partnership without a donor, keeps nothing and uses no number', async () => {
    const before = await count('conventions');
    const res = await post('/api/conventions', { kind: 'partnership', startDate: '2014-02-01' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['donor']);
    expect(res.body.error.message).toMatch(/donateur/);
    expect(await count('conventions')).toBe(before);
    const next = await post('/api/conventions', { kind: 'partnership', donor: company, startDate: '2014-02-01' });
    expect(next.body.data.number).toBe('CP-2014-001');
  });

  it('refuses a unit value over 300 € from a public body, with the article of law', async () => {
    const res = await post('/api/conventions', { kind: 'partnership', donor: city, terms: { declaredUnitValue: 450 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['terms', 'declaredUnitValue']);
    expect(res.body.error.message).toMatch(/300 €.*L3212-2/);
  });

  it('accepts the same value from a company', async () => {
    const res = await post('/api/conventions', { kind: 'partnership', donor: company, terms: { declaredUnitValue: 450 } });
    expect(res.status).toBe(201);
  });

  it('refuses an update that breaks a rule and leaves the convention as it was', async () => {
    const created = await post('/api/conventions', { kind: 'partnership', donor: city, terms: { declaredUnitValue: 10 }, startDate: '2015-01-01' });
    const id = created.body.data.documentId;
    const res = await app.http().put(`/api/conventions/${id}`).set(auth()).send({ data: { signedAt: null, endDate: '2014-12-31' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.')).sort()).toEqual(['endDate']);
    const row = (await app.sql.query('SELECT state, end_date FROM conventions WHERE document_id = $1', [id])).rows[0];
    expect(row).toEqual({ state: 'draft', end_date: null });
  });

  it("shows a donor's conventions from the donor", async () => {
    const res = await app.http().get(`/api/donors/${company}?populate[conventions][fields][0]=number`).set(auth());
    expect(res.body.data.conventions.map((c: { number: string }) => c.number)).toEqual(expect.arrayContaining(['CP-2012-001', 'CP-2013-001']));
  });
});

describe('donors', () => {
  it('refuses a SIRET whose key is wrong, naming the field', async () => {
    const res = await post('/api/donors', { name: 'Entreprise fictive', kind: 'company', siret: '73282932000075' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['siret']);
  });

  it('accepts a valid SIRET typed with spaces and stores it without them', async () => {
    const res = await post('/api/donors', { name: 'Entreprise réelle', kind: 'company', siret: '732 829 320 00074' });
    expect(res.status).toBe(201);
    expect(res.body.data.siret).toBe('73282932000074');
  });
});
