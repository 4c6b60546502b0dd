import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { portalAccount } from '../helpers/portal';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';
import { buildWorld, type PortalWorld } from '../portal/fixtures';

// Finding 10, the smaller doors: account enumeration, offers in a known donor's name, CORS,
// malformed filters and dates, weak production secrets.
const PARTNER = 'https://partenaire.example';

let app: TestApp;
let smtp: SmtpCapture;
let world: PortalWorld;
let token: string;
let base: string;

const api = (method: 'get' | 'post', url: string) => app.http()[method](url).set('Authorization', `Bearer ${token}`);
const count = async (table: string) => (await app.sql.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_PORT = String(smtp.port);
  process.env.CORS_ORIGINS = PARTNER;
  app = await startApp('base');
  base = await app.listen();
  world = await buildWorld(app);
  await portalAccount(app, 'donor', world.donorX.documentId, 'dsi@xeres.test');
  token = await createFullAccessToken(app.strapi, 'security');
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
  delete process.env.CORS_ORIGINS;
});

beforeEach(async () => {
  await app.sql.query('DELETE FROM sv_auth_attempts');
  await app.sql.query('DELETE FROM sv_site_offer_attempts');
});

describe('send-email-confirmation', () => {
  it('answers the same for an address with an account and one without, and sends nothing', async () => {
    const before = smtp.messages.length;
    const known = await app.http().post('/api/auth/send-email-confirmation').send({ email: 'dsi@xeres.test' });
    const unknown = await app.http().post('/api/auth/send-email-confirmation').send({ email: 'personne@nulle-part.test' });
    expect(known.status).toBe(unknown.status);
    expect(known.body).toEqual(unknown.body);
    expect(known.status).toBeGreaterThanOrEqual(400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages.length).toBe(before);
  });

  it('is throttled per IP like the other authentication routes', async () => {
    for (let i = 0; i < 20; i += 1) await app.http().post('/api/auth/send-email-confirmation').send({ email: `essai-${i}@exemple.test` });
    const over = await app.http().post('/api/auth/send-email-confirmation').send({ email: 'encore@exemple.test' });
    expect(over.status).toBe(429);
    expect(over.body.error.message).toBe('Trop de tentatives. Réessayez dans quelques minutes.');
  });
});

describe('an anonymous offer in the name of a known donor', () => {
  it('is not attached to that donor’s record, nor its e-mail added to its contacts', async () => {
    const donorId = world.donorX.id;
    const interactionsOf = async () => (await app.sql.query('SELECT count(*)::int AS n FROM interactions_donor_lnk WHERE donor_id = $1', [donorId])).rows[0].n as number;
    const contactsOf = async () => JSON.stringify((await app.strapi.documents('api::donor.donor').findOne({ documentId: world.donorX.documentId, populate: ['contacts'] }))?.contacts ?? []);
    const [interactions, contacts] = [await interactionsOf(), await contactsOf()];
    const res = await app.http().post('/donner').type('form').set('Origin', new URL(base).origin).send({
      organisation: 'donateur xeres-industries', contactName: 'Faux DSI', email: 'faux-dsi@evil.test', quantity: '5', equipment: 'laptop', location: 'Brest',
    });
    expect(res.status).toBe(200);
    expect(await interactionsOf()).toBe(interactions);
    expect(await contactsOf()).toBe(contacts);
    expect(await contactsOf()).not.toContain('faux-dsi@evil.test');
    // The offer is kept apart, for staff to check who wrote.
    const { rows } = await app.sql.query("SELECT name, relationship FROM donors WHERE name LIKE 'donateur xeres-industries — proposition du site à vérifier%'");
    expect(rows).toHaveLength(1);
    expect(rows[0].relationship).toBe('prospect');
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    app.http().options('/api/auth/local').set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'content-type');

  it('does not let another site’s pages read answers with the visitor’s credentials', async () => {
    const evil = await preflight('https://evil.example');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await app.http().get('/api/portail/me').set('Origin', 'https://evil.example');
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows the app’s own origin and the origins listed in CORS_ORIGINS', async () => {
    const partner = await preflight(PARTNER);
    expect(partner.headers['access-control-allow-origin']).toBe(PARTNER);
    expect(partner.headers['access-control-allow-credentials']).toBe('true');
    const own = await preflight(new URL(base).origin);
    expect(own.headers['access-control-allow-origin']).toBe(new URL(base).origin);
  });
});

describe('malformed filters and dates', () => {
  it('answer 400 in French, naming the parameter, for an id that is not a number or too big', async () => {
    for (const url of ['/api/machines?filters[id][$eq]=abc', '/api/machines?filters[id][$eq]=99999999999999999999', '/api/donations?filters[announcedCount][$gt]=1e400']) {
      const res = await api('get', url);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(res.body.error.message).toMatch(/attend un nombre/);
    }
  });

  it('answer 400 in French to a date of year 0000, and write nothing', async () => {
    const before = await count('donations');
    const res = await api('post', '/api/donations').send({ data: { donor: world.donorX.documentId, announcedCount: 3, collectedAt: '0000-01-01' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/collectedAt.*date qui existe/);
    expect(await count('donations')).toBe(before);
    const filtered = await api('get', '/api/donations?filters[collectedAt][$gte]=0000-01-01');
    expect(filtered.status).toBe(400);
  });
});

describe('production secrets', () => {
  const root = path.resolve(__dirname, '..', '..');
  const STRONG = 'q7Vd2kP9xLm4Rt8wZb1Nc6Hf';
  const boot = (overrides: Record<string, string>) =>
    spawnSync(
      process.execPath,
      ['-e', `require('@strapi/strapi').createStrapi({ appDir: ${JSON.stringify(root)}, distDir: ${JSON.stringify(path.join(root, 'dist'))} }).load().then(() => { console.log('DEMARRE'); process.exit(0); }, (e) => { console.error(e && e.message); process.exit(1); });`],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: 'postgres://personne:rien@127.0.0.1:1/aucune',
          DATABASE_CONNECTION_TIMEOUT: '1000',
          APP_KEYS: `${STRONG}a,${STRONG}b`,
          API_TOKEN_SALT: `${STRONG}c`,
          ADMIN_JWT_SECRET: `${STRONG}d`,
          TRANSFER_TOKEN_SALT: `${STRONG}e`,
          JWT_SECRET: `${STRONG}f`,
          ENCRYPTION_KEY: `${STRONG}g`,
          ...overrides,
        },
      },
    );

  it('refuses to start with a weak secret, naming it, in French, and goes past strong ones', () => {
    const weak = boot({ JWT_SECRET: 'x' });
    expect(weak.status).not.toBe(0);
    expect(weak.stderr).toContain("La variable d'environnement JWT_SECRET est trop faible pour la production");
    const placeholder = boot({ APP_KEYS: 'toBeModified1,toBeModified2' });
    expect(placeholder.stderr).toContain("La variable d'environnement APP_KEYS est trop faible pour la production");
    // Strong secrets: the start goes on, and fails only later, on the unreachable database.
    const strong = boot({});
    expect(strong.stderr).not.toContain('trop faible');
    expect(strong.stdout).not.toContain('DEMARRE');
  });
});
