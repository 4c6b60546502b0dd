import { startApp, type TestApp } from '../helpers/app';
import { PORTAL_PASSWORD, portalAccount } from '../helpers/portal';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';

let app: TestApp;
let smtp: SmtpCapture;
let prescriber: { documentId: string };

beforeAll(async () => {
  delete process.env.TRUSTED_PROXIES;
  delete process.env.TRUST_PROXY;
  smtp = await startSmtpCapture();
  process.env.SMTP_PORT = String(smtp.port);
  app = await startApp('base');
  prescriber = (await app.strapi.documents('api::prescriber.prescriber').create({ data: { name: 'CDAS de Morlaix', kind: 'cdas', commune: 'Morlaix' } })) as typeof prescriber;
  await portalAccount(app, 'prescriber', prescriber.documentId, 'referente@cdas-morlaix.test');
  await portalAccount(app, 'prescriber', prescriber.documentId, 'collegue@cdas-morlaix.test');
});

beforeEach(async () => {
  await app.sql.query('DELETE FROM sv_auth_attempts');
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

const login = (identifier: string, password: string, forwardedFor?: string) => {
  const req = app.http().post('/api/auth/local');
  return (forwardedFor ? req.set('X-Forwarded-For', forwardedFor) : req).send({ identifier, password });
};

function expectThrottled(res: { status: number; headers: Record<string, string>; body: { error?: { message?: string } } }) {
  expect(res.status).toBe(429);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
  expect(res.body.error?.message).toBe('Trop de tentatives. Réessayez dans quelques minutes.');
}

describe('login attempts are throttled per account', () => {
  it('locks an account after 5 wrong passwords, even for the right one, whatever the case and spaces', async () => {
    const variants = ['referente@cdas-morlaix.test', 'REFERENTE@cdas-morlaix.test', ' referente@CDAS-morlaix.test ', 'Referente@Cdas-Morlaix.Test', 'referente @cdas-morlaix.test'];
    for (const identifier of variants) expect((await login(identifier, 'mauvais-mot-de-passe')).status).toBe(400);
    expectThrottled(await login('referente@cdas-morlaix.test', 'mauvais-mot-de-passe'));
    expectThrottled(await login('referente@cdas-morlaix.test', PORTAL_PASSWORD));
    // The colleague on the same network is not locked out.
    expect((await login('collegue@cdas-morlaix.test', PORTAL_PASSWORD)).status).toBe(200);
  });

  it('counts failures, not successful logins', async () => {
    for (let i = 0; i < 8; i += 1) expect((await login('referente@cdas-morlaix.test', PORTAL_PASSWORD)).status).toBe(200);
    expect((await app.sql.query('SELECT count(*)::int AS n FROM sv_auth_attempts')).rows[0].n).toBe(0);
  });

  it('keeps the attempts in PostgreSQL with the identifier hashed, so a restart or a second instance sees them', async () => {
    await login('referente@cdas-morlaix.test', 'mauvais');
    const { rows } = await app.sql.query('SELECT bucket FROM sv_auth_attempts ORDER BY bucket');
    expect(rows.map((r) => r.bucket.slice(0, 3))).toEqual(['id:', 'ip:']);
    expect(JSON.stringify(rows)).not.toContain('referente');
  });
});

describe('attempts are throttled per IP', () => {
  it('a rotating e-mail field is caught by the per-IP limit after 20 failures', async () => {
    for (let i = 0; i < 20; i += 1) expect((await login(`inconnu-${i}@example.test`, 'x')).status).toBe(400);
    expectThrottled(await login('encore-un-autre@example.test', 'x'));
    expectThrottled(await login('collegue@cdas-morlaix.test', PORTAL_PASSWORD));
  });

  it('a forged X-Forwarded-For does not escape the per-IP limit when no proxy is trusted', async () => {
    for (let i = 0; i < 20; i += 1) {
      expect((await login(`forge-${i}@example.test`, 'x', `203.0.113.${i + 1}`)).status).toBe(400);
    }
    expectThrottled(await login('forge-final@example.test', 'x', '198.51.100.77'));
  });

  it('password-reset requests are limited per address and per IP', async () => {
    const forgot = (email: string) => app.http().post('/api/auth/forgot-password').send({ email });
    for (let i = 0; i < 5; i += 1) expect((await forgot(i % 2 ? 'Referente@CDAS-morlaix.test' : 'referente@cdas-morlaix.test')).status).toBe(200);
    expectThrottled(await forgot('referente@cdas-morlaix.test'));
    const reset = (code: string) => app.http().post('/api/auth/reset-password').send({ code, password: 'Nouveau-2012-x', passwordConfirmation: 'Nouveau-2012-x' });
    // 5 reset requests already counted for this IP: 15 wrong codes reach its 20.
    for (let i = 0; i < 15; i += 1) expect((await reset(`code-${i}`)).status).toBe(400);
    expectThrottled(await reset('code-final'));
  });

  it('a signed-in session cannot guess its current password faster than the per-IP limit', async () => {
    const jwt = (await login('collegue@cdas-morlaix.test', PORTAL_PASSWORD)).body.jwt as string;
    const change = () =>
      app.http().post('/api/auth/change-password').set('Authorization', `Bearer ${jwt}`)
        .send({ currentPassword: 'devinette', password: 'Nouveau-2012-x', passwordConfirmation: 'Nouveau-2012-x' });
    for (let i = 0; i < 20; i += 1) expect((await change()).status).toBe(400);
    expectThrottled(await change());
  });

  it('invitation tokens cannot be guessed faster than the per-IP limit', async () => {
    for (let i = 0; i < 20; i += 1) {
      expect((await app.http().post('/api/portal/invitations/accept').send({ token: `devine-${i}`, password: 'Mot-de-passe-long' })).status).toBe(400);
    }
    expectThrottled(await app.http().post('/api/portal/invitations/accept').send({ token: 'devine-final', password: 'Mot-de-passe-long' }));
  });
});
