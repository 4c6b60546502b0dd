import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { binary } from '../documents/helpers/admin';
import { portalAccount } from '../helpers/portal';
import { bearer, buildSecurityWorld, HOUSEHOLD_NAME, issue, staffTokens, type SecurityWorld } from './fixtures';

// Finding 5: the read log recorded a household's own edit view and list, and missed the other
// ways its data is read: the relation endpoints of a prescription's household (the edit view's
// relation field and its picker), document previews and downloads, the portal and the REST API.
let app: TestApp;
let world: SecurityWorld;
let tokens: { coordination: string; atelier: string };
let prescriber: string;
let apiToken: string;
let form: { documentId: string; number: string };

const PRESCRIPTION = 'api::prescription.prescription';

interface LogRow {
  action: string;
  actor_name: string;
  path: string | null;
}

const logOf = async (householdId: string): Promise<LogRow[]> =>
  (await app.sql.query(
    `SELECT action, actor_name, details->>'path' AS path FROM sv_privacy_access_log WHERE household_document_ids @> $1::jsonb ORDER BY id`,
    [JSON.stringify([householdId])]
  )).rows as LogRow[];

/** Runs one read and returns the log lines it added for the world's household. */
async function linesAddedBy(read: () => Promise<{ status: number }>): Promise<LogRow[]> {
  const before = (await logOf(world.household.documentId)).length;
  const res = await read();
  expect(res.status).toBe(200);
  return (await logOf(world.household.documentId)).slice(before);
}

beforeAll(async () => {
  app = await startApp('base');
  world = await buildSecurityWorld(app);
  tokens = await staffTokens(app, 'read-log');
  prescriber = await portalAccount(app, 'prescriber', world.prescriber.documentId, 'prescripteur-journal@example.test');
  apiToken = await createFullAccessToken(app.strapi, 'journal');
  form = await issue(app, tokens.coordination, 'prescription-form', world.prescription.documentId);
});

afterAll(async () => {
  await app?.stop();
});

describe('every read of household data is logged, whichever route serves it', () => {
  it('logs the household relation of a prescription’s edit view', async () => {
    const url = `/content-manager/relations/${PRESCRIPTION}/${world.prescription.documentId}/household`;
    const lines = await linesAddedBy(async () => {
      const res = await app.http().get(url).set(bearer(tokens.coordination));
      expect(JSON.stringify(res.body)).toContain(HOUSEHOLD_NAME);
      return res;
    });
    expect(lines).toEqual([expect.objectContaining({ actor_name: 'Test seconde-vie-coordination', path: url })]);
  });

  it('logs the households a relation picker lists', async () => {
    const url = `/content-manager/relations/${PRESCRIPTION}/household`;
    const lines = await linesAddedBy(async () => {
      const res = await app.http().get(`${url}?pageSize=10&_q=${encodeURIComponent('Kerbrat')}`).set(bearer(tokens.coordination));
      expect(JSON.stringify(res.body)).toContain(HOUSEHOLD_NAME);
      return res;
    });
    expect(lines).toEqual([expect.objectContaining({ action: 'list', path: url })]);
  });

  it('logs the preview of a prescription form', async () => {
    const lines = await linesAddedBy(() => app.http().post('/documents/preview').set(bearer(tokens.coordination)).send({ kind: 'prescription-form', documentId: world.prescription.documentId, format: 'html' }));
    expect(lines).toEqual([expect.objectContaining({ path: '/documents/preview' })]);
  });

  it('logs the download of an issued prescription form', async () => {
    const url = `/documents/generated/${form.documentId}/download`;
    const lines = await linesAddedBy(() => app.http().get(url).set(bearer(tokens.coordination)).buffer(true).parse(binary));
    expect(lines).toEqual([expect.objectContaining({ path: url })]);
  });

  it('logs a prescriber reading its prescriptions in the portal pages and downloading the form', async () => {
    const list = await linesAddedBy(() => app.http().get('/api/portail/prescriptions').set(bearer(prescriber)));
    expect(list).toEqual([expect.objectContaining({ path: '/api/portail/prescriptions', actor_name: expect.stringContaining('prescripteur-journal@example.test') })]);
    const url = `/api/portail/prescriptions/${world.prescription.documentId}/form`;
    expect(await linesAddedBy(() => app.http().get(url).set(bearer(prescriber)).buffer(true).parse(binary))).toEqual([expect.objectContaining({ path: url })]);
  });

  it('logs a prescriber reading its households and prescriptions over the REST API', async () => {
    expect(await linesAddedBy(() => app.http().get('/api/households').set(bearer(prescriber)))).toEqual([expect.objectContaining({ path: '/api/households' })]);
    expect(await linesAddedBy(() => app.http().get('/api/prescriptions?populate=household').set(bearer(prescriber)))).toEqual([expect.objectContaining({ path: '/api/prescriptions' })]);
  });

  it('logs a staff API token reading households', async () => {
    const lines = await linesAddedBy(() => app.http().get(`/api/households/${world.household.documentId}`).set(bearer(apiToken)));
    expect(lines).toEqual([expect.objectContaining({ actor_name: expect.stringContaining('journal') })]);
  });
});

describe('coordinators see the log', () => {
  it('shows a coordinator who read the household, when, and through which route', async () => {
    const res = await app.http().get(`/privacy/households/${world.household.documentId}/access-log`).set(bearer(tokens.coordination));
    expect(res.status).toBe(200);
    const paths = (res.body.data as Array<{ details?: { path?: string } }>).map((e) => e.details?.path);
    expect(paths).toEqual(expect.arrayContaining(['/documents/preview', `/documents/generated/${form.documentId}/download`, '/api/portail/prescriptions']));
  });

  it('refuses the log to a volunteer', async () => {
    expect((await app.http().get(`/privacy/households/${world.household.documentId}/access-log`).set(bearer(tokens.atelier))).status).toBe(403);
  });
});
