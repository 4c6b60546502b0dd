import { startApp, type TestApp } from '../helpers/app';
import { portalAccount } from '../helpers/portal';
import { bearer, buildSecurityWorld, DONATION_NOTE, MACHINE_NOTE, type SecurityWorld } from './fixtures';

// Finding 4: responses to a donor hide the staff's `notes`, but the query could still filter and
// sort on them: `filters[notes][$startsWith]=…` on its own donations told, one character at a time,
// whether the hidden text began so. A portal account now filters, sorts and populates only on the
// fields it may read; anything else is a 400, whatever the value tested.
let app: TestApp;
let world: SecurityWorld;
let donor: string;
let prescriber: string;

beforeAll(async () => {
  app = await startApp('base');
  world = await buildSecurityWorld(app);
  donor = await portalAccount(app, 'donor', world.donor.documentId, 'donateur-filtres@example.test');
  prescriber = await portalAccount(app, 'prescriber', world.prescriber.documentId, 'prescripteur-filtres@example.test');
});

afterAll(async () => {
  await app?.stop();
});

const get = (token: string, url: string) => app.http().get(url).set(bearer(token));

/** The same query with a true and a false guess about hidden text: both refused, with the same answer. */
async function noOracle(token: string, urlFor: (guess: string) => string, truth: string) {
  const right = await get(token, urlFor(truth.slice(0, 6)));
  const wrong = await get(token, urlFor('Zzzzzz'));
  expect(right.status).toBe(400);
  expect(wrong.status).toBe(400);
  expect(right.body).toEqual(wrong.body);
  expect(JSON.stringify(right.body)).not.toContain(truth.slice(0, 6));
}

describe('a donor cannot probe the staff notes of its own records', () => {
  it('cannot filter its donations on notes', async () => {
    await noOracle(donor, (g) => `/api/donations?filters[notes][$startsWith]=${encodeURIComponent(g)}`, DONATION_NOTE);
  });

  it('cannot filter its units on notes', async () => {
    await noOracle(donor, (g) => `/api/machines?filters[notes][$startsWith]=${encodeURIComponent(g)}`, MACHINE_NOTE);
  });

  it('cannot reach the notes through a relation it may follow', async () => {
    await noOracle(donor, (g) => `/api/machines?filters[donation][notes][$startsWith]=${encodeURIComponent(g)}`, DONATION_NOTE);
    await noOracle(donor, (g) => `/api/donations?filters[machines][notes][$startsWith]=${encodeURIComponent(g)}`, MACHINE_NOTE);
    await noOracle(donor, (g) => `/api/donations?populate[machines][filters][notes][$startsWith]=${encodeURIComponent(g)}`, MACHINE_NOTE);
  });

  it('cannot hide the notes inside $or / $not', async () => {
    await noOracle(donor, (g) => `/api/donations?filters[$or][0][notes][$startsWith]=${encodeURIComponent(g)}&filters[$or][1][id][$eq]=0`, DONATION_NOTE);
    await noOracle(donor, (g) => `/api/donations?filters[$not][notes][$startsWith]=${encodeURIComponent(g)}`, DONATION_NOTE);
  });

  it('cannot sort its donations or units by notes', async () => {
    expect((await get(donor, '/api/donations?sort=notes:asc')).status).toBe(400);
    expect((await get(donor, '/api/machines?sort[0]=notes')).status).toBe(400);
    expect((await get(donor, '/api/donations?populate[machines][sort]=notes')).status).toBe(400);
  });

  it('cannot ask for the notes as a field', async () => {
    expect((await get(donor, '/api/donations?fields[0]=notes')).status).toBe(400);
    expect((await get(donor, '/api/donations?populate[machines][fields][0]=notes')).status).toBe(400);
  });

  it('still filters and sorts on what it reads', async () => {
    const res = await get(donor, `/api/donations?filters[collectionSite][$eq]=${encodeURIComponent('Site 1')}&sort=reference:asc`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((d: { documentId: string }) => d.documentId)).toEqual([world.donation.documentId]);
    expect(JSON.stringify(res.body)).not.toContain(DONATION_NOTE);
  });
});

describe('a prescriber cannot probe the staff-only side of its prescriptions', () => {
  it('cannot filter its prescriptions on the workshop or the reserved machines', async () => {
    expect((await get(prescriber, '/api/prescriptions?filters[workshop][name][$startsWith]=A')).status).toBe(400);
    expect((await get(prescriber, '/api/prescriptions?filters[machines][serialNumber][$startsWith]=S')).status).toBe(400);
  });

  it('still filters its prescriptions on their household', async () => {
    const res = await get(prescriber, `/api/prescriptions?filters[household][commune][$eq]=${encodeURIComponent('Plougastel-Daoulas')}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((d: { documentId: string }) => d.documentId)).toEqual([world.prescription.documentId]);
  });
});
