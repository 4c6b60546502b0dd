/**
 * The settings the whole network shares (docs/network.md, « Shared settings »): the workflows,
 * the document templates and identity, the volunteers' hourly rate and the public site change for
 * every workshop at once, so only the main (default) workshop's staff and super-admins change them.
 * Another workshop's coordinator reads them, and each of their write paths (plugin routes and the
 * content manager) answers a French 403 and changes nothing, checked in SQL.
 */
import { startApp, type TestApp } from '../helpers/app';
import { adminToken, staffToken } from '../helpers/admin';
import { createWorkshop, defaultWorkshop, memberToken } from '../helpers/network';

let app: TestApp;
let morlaix: string;
let brest: string;
let unattached: string;
const CM = '/content-manager';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  app = await startApp('base');
  const main = await defaultWorkshop(app);
  const other = await createWorkshop(app, { name: 'Atelier de Morlaix', commune: 'Morlaix', code: 'MO' });
  morlaix = (await memberToken(app, 'seconde-vie-coordination', 'coordination@morlaix.test', [other.id])).token;
  brest = (await memberToken(app, 'seconde-vie-coordination', 'coordination@brest.test', [main.id])).token;
  // An account no workshop lists works for the main workshop.
  unattached = await staffToken(app, 'seconde-vie-coordination', 'coordination@sans-atelier.test');
});

afterAll(async () => app?.stop());

/** Everything the shared settings hold, from SQL. */
async function snapshot(): Promise<unknown> {
  const q = async (sql: string) => (await app.sql.query(sql)).rows;
  return {
    stages: await q('SELECT s.key, s.label, s.position FROM sv_pipeline_stages s ORDER BY s.id'),
    workflows: await q('SELECT key, name FROM sv_pipeline_workflows ORDER BY key'),
    templates: await q('SELECT document_id, name, version, html FROM documents_templates ORDER BY id'),
    documentsSettings: await q('SELECT * FROM documents_settings ORDER BY id'),
    pages: await q('SELECT id, slug, title, body FROM site_pages ORDER BY id'),
    siteSettings: await q('SELECT * FROM site_settings ORDER BY id'),
    store: await q("SELECT key, value FROM strapi_core_store_settings WHERE key LIKE 'plugin_reporting%' ORDER BY key"),
  };
}

describe('the network’s shared settings', () => {
  it('are read by every workshop’s coordinators', async () => {
    for (const [path, token] of [['/pipeline/workflows', morlaix], ['/documents/templates', morlaix], ['/reporting/settings', morlaix]] as const) {
      expect({ path, status: (await app.http().get(path).set(bearer(token))).status }).toEqual({ path, status: 200 });
    }
  });

  it('are changed by no other workshop, on any path, and a refusal changes nothing', async () => {
    const before = await snapshot();
    const m = bearer(morlaix);
    const workflow = (await app.http().get('/pipeline/workflows').set(m)).body.data.find((w: { key: string }) => w.key === 'machines');
    const template = (await app.http().get('/documents/templates').set(m)).body.data[0] as { documentId: string; html: string };
    const page = (await app.sql.query('SELECT document_id FROM site_pages ORDER BY id LIMIT 1')).rows[0] as { document_id: string } | undefined;
    expect(workflow).toBeDefined();
    expect(template).toBeDefined();
    expect(page).toBeDefined();

    const attempts: Array<[string, () => Promise<{ status: number; body: { error?: { message?: string } } }>]> = [
      ['workflow', () => app.http().put('/pipeline/workflows/machines').set(m).send({ name: 'Renommé par Morlaix', stages: workflow.stages, transitions: workflow.transitions })],
      ['hourly rate', () => app.http().put('/reporting/settings').set(m).send({ volunteerHourlyRate: 25 })],
      ['template', () => app.http().put(`/documents/templates/${template.documentId}`).set(m).send({ html: `${template.html}<p>Morlaix</p>` })],
      ['template reset', () => app.http().post(`/documents/templates/${template.documentId}/reset`).set(m)],
      // Coordination holds no content-manager right on these two, and writes the site's only with the condition
      // « Atelier principal du réseau » (Strapi's own 403 first, its screens read-only); the Document Service rule stands behind.
      ['template (content manager)', () => app.http().put(`${CM}/collection-types/plugin::documents.template/${template.documentId}`).set(m).send({ name: 'Renommé' })],
      ['documents identity', () => app.http().put(`${CM}/single-types/plugin::documents.settings`).set(m).send({ name: 'Atelier de Morlaix' })],
      ['site page', () => app.http().put(`${CM}/collection-types/plugin::site.page/${page!.document_id}`).set(m).send({ title: 'Morlaix' })],
      ['new site page', () => app.http().post(`${CM}/collection-types/plugin::site.page`).set(m).send({ slug: 'morlaix', title: 'Morlaix', metaDescription: 'Morlaix', body: 'Morlaix', published: true })],
      ['site page deletion', () => app.http().delete(`${CM}/collection-types/plugin::site.page/${page!.document_id}`).set(m)],
      ['site settings', () => app.http().put(`${CM}/single-types/plugin::site.settings`).set(m).send({})],
    ];
    const leaks: string[] = [];
    for (const [what, attempt] of attempts) {
      const res = await attempt();
      const message = res.body?.error?.message ?? '';
      if (res.status !== 403 || !(/commun à tous les ateliers du réseau/.test(message) || (what.startsWith('template (') || what === 'documents identity' || what.includes('site')))) leaks.push(`${what} : ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
    }
    expect(leaks).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('are changed by the main workshop’s staff, and by an account of no workshop', async () => {
    for (const [token, rate] of [[brest, 12.5], [unattached, 11.88]] as const) {
      const res = await app.http().put('/reporting/settings').set(bearer(token)).send({ volunteerHourlyRate: rate });
      expect(res.status).toBe(200);
      expect((await app.http().get('/reporting/settings').set(bearer(morlaix))).body.data.volunteerHourlyRate).toBe(rate);
    }
    const page = (await app.sql.query('SELECT document_id, title FROM site_pages ORDER BY id LIMIT 1')).rows[0] as { document_id: string; title: string };
    const renamed = await app.http().put(`${CM}/collection-types/plugin::site.page/${page.document_id}`).set(bearer(brest)).send({ title: `${page.title} (modifié)` });
    expect(renamed.status).toBe(200);
    expect((await app.sql.query('SELECT title FROM site_pages WHERE document_id = $1', [page.document_id])).rows[0].title).toBe(`${page.title} (modifié)`);
  });

  it('tell each staff member whether they may change them, for the settings screens (GET /network/shared-settings)', async () => {
    const reseau = await staffToken(app, 'seconde-vie-reseau', 'reseau@reseau.test');
    const ask = async (token: string) => {
      const res = await app.http().get('/network/shared-settings').set(bearer(token));
      return { status: res.status, body: res.body };
    };
    const main = { name: (await app.sql.query('SELECT name FROM workshops WHERE is_default')).rows[0].name as string };
    const answers = {
      morlaix: await ask(morlaix),
      brest: await ask(brest),
      unattached: await ask(unattached),
      superAdmin: await ask(await adminToken(app)),
      // The whole-network scope; the role holds no settings right of its own anyway.
      reseau: await ask(reseau),
    };
    const expected = (editable: boolean) => ({ status: 200, body: { data: { editable, mainWorkshop: main } } });
    expect(answers).toEqual({ morlaix: expected(false), brest: expected(true), unattached: expected(true), superAdmin: expected(true), reseau: expected(true) });
    // Staff only.
    expect((await app.http().get('/network/shared-settings')).status).toBe(401);
  });
});
