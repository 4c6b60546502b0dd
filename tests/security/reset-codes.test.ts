import crypto from 'node:crypto';
import { startApp, type TestApp } from '../helpers/app';
import { login, portalAccount } from '../helpers/portal';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';
import { buildWorld, type PortalWorld } from '../portal/fixtures';

// Finding 9: a password-reset code never reaches a log, expires after a documented delay
// (PORTAL_RESET_TTL_MINUTES, 60 by default) and works once.
let app: TestApp;
let smtp: SmtpCapture;
let world: PortalWorld;

const EMAIL = 'referente@beta.test';
const NEW_PASSWORD = 'Nouveau-Secret-2026';

async function requestCode(email = EMAIL): Promise<{ link: string; code: string }> {
  const before = smtp.messages.length;
  await app.http().post('/api/auth/forgot-password').send({ email }).expect(200);
  const mail = await smtp.waitFor((m) => smtp.messages.indexOf(m) >= before && m.to.includes(email));
  const link = /https?:\/\/\S+\/portail\/reinitialisation\S*/.exec(String(mail.parsed.text))?.[0] ?? '';
  const code = decodeURIComponent(/code=([^&\s]+)/.exec(link)?.[1] ?? '');
  return { link, code };
}

const reset = (code: string, password = NEW_PASSWORD) =>
  app.http().post('/api/auth/reset-password').send({ code, password, passwordConfirmation: password });

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_PORT = String(smtp.port);
  app = await startApp('base');
  world = await buildWorld(app);
  await portalAccount(app, 'prescriber', world.prescriberB.documentId, EMAIL);
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

beforeEach(async () => {
  await app.sql.query('DELETE FROM sv_auth_attempts');
});

describe('a password-reset code', () => {
  it('travels in the link’s fragment, which browsers never send to the server', async () => {
    const { link, code } = await requestCode();
    expect(code.length).toBeGreaterThanOrEqual(40);
    expect(new URL(link).search).toBe('');
    expect(new URL(link).hash).toBe(`#code=${encodeURIComponent(code)}`);
  });

  it('is kept only as a hash, never in clear', async () => {
    const { code } = await requestCode();
    const { rows: users } = await app.sql.query('SELECT reset_password_token FROM up_users WHERE email = $1', [EMAIL]);
    expect(users[0].reset_password_token).toBeNull();
    const { rows } = await app.sql.query("SELECT token_hash FROM sv_portal_invitations WHERE purpose = 'reset' ORDER BY id DESC LIMIT 1");
    expect(rows[0].token_hash).toBe(crypto.createHash('sha256').update(code).digest('hex'));
  });

  it('is masked in the request log even if someone puts it in a query string', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(app.strapi.log, 'http').mockImplementation(((message: string) => {
      lines.push(message);
      return app.strapi.log;
    }) as never);
    try {
      await app.http().get('/portail/reinitialisation?code=CODE-TRES-SECRET-123&x=1').expect(200);
      await app.http().get('/portail/invitation?jeton=JETON-TRES-SECRET').expect(200);
    } finally {
      spy.mockRestore();
    }
    expect(lines.join('\n')).toContain('/portail/reinitialisation?code=[masqué]&x=1');
    expect(lines.join('\n')).not.toMatch(/TRES-SECRET/);
  });

  it('works once: a second use is refused in French and the password stays the one chosen', async () => {
    const { code } = await requestCode();
    expect((await reset(code)).status).toBe(200);
    await login(app, EMAIL, NEW_PASSWORD);
    const again = await reset(code, 'Encore-Un-Autre-2026');
    expect(again.status).toBe(400);
    expect(again.body.error.message).toBe("Ce lien de nouveau mot de passe n'est pas valide, a déjà servi ou a expiré : refaites la demande.");
    await login(app, EMAIL, NEW_PASSWORD);
  });

  it('expires after PORTAL_RESET_TTL_MINUTES (60 minutes by default)', async () => {
    const asked = Date.now();
    const { code } = await requestCode();
    const hash = crypto.createHash('sha256').update(code).digest('hex');
    const { rows } = await app.sql.query('SELECT expires_at FROM sv_portal_invitations WHERE token_hash = $1', [hash]);
    const minutes = (new Date(rows[0].expires_at).getTime() - asked) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    expect(minutes).toBeLessThan(61);
    await app.sql.query("UPDATE sv_portal_invitations SET expires_at = now() - interval '1 second' WHERE token_hash = $1", [hash]);
    expect((await reset(code)).status).toBe(400);
  });

  it('is asked for with the same answer whether the address has an account or not', async () => {
    const known = await app.http().post('/api/auth/forgot-password').send({ email: EMAIL });
    const unknown = await app.http().post('/api/auth/forgot-password').send({ email: 'personne@nulle-part.test' });
    expect([known.status, known.body]).toEqual([unknown.status, unknown.body]);
  });
});
