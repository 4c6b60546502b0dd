import crypto from 'node:crypto';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken, staffToken } from '../helpers/admin';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';
import { ensurePortalRoles } from '../../src/plugins/portal/server/src/bootstrap/roles';

let app: TestApp;
let smtp: SmtpCapture;
let admin: string;
let prescriber: { id: number; documentId: string };
let donor: { id: number; documentId: string };

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_PORT = String(smtp.port);
  app = await startApp('base');
  admin = await adminToken(app);
  prescriber = (await app.strapi.documents('api::prescriber.prescriber').create({ data: { name: 'CCAS de Plougastel', kind: 'ccas', commune: 'Plougastel-Daoulas' } })) as typeof prescriber;
  donor = (await app.strapi.documents('api::donor.donor').create({ data: { name: 'CAF du Finistère (test)', kind: 'public_administration', relationship: 'partner', publicListingConsent: false } })) as typeof donor;
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

const invite = (body: Record<string, unknown>, token = admin) => app.http().post('/portal/accounts').set('Authorization', `Bearer ${token}`).send(body);

/** The token from the link in the invitation e-mail (it travels in the fragment). */
function tokenFrom(text: string): string {
  const match = /#jeton=([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`pas de lien d'invitation dans : ${text}`);
  return decodeURIComponent(match[1]);
}

describe('portal roles and registration', () => {
  it('creates the roles Prescripteur and Donateur with exactly their permissions, nothing from other types', async () => {
    const { rows } = await app.sql.query(
      `SELECT r.type, p.action FROM up_permissions p
         JOIN up_permissions_role_lnk l ON l.permission_id = p.id
         JOIN up_roles r ON r.id = l.role_id
        WHERE r.type IN ('prescripteur', 'donateur') ORDER BY r.type, p.action`
    );
    const byRole = (type: string) => rows.filter((r) => r.type === type).map((r) => r.action);
    expect(byRole('prescripteur').filter((a: string) => a.startsWith('api::'))).toEqual([
      'api::household.household.create', 'api::household.household.delete', 'api::household.household.find', 'api::household.household.findOne', 'api::household.household.update',
      'api::prescription.prescription.create', 'api::prescription.prescription.delete', 'api::prescription.prescription.find', 'api::prescription.prescription.findOne', 'api::prescription.prescription.update',
    ]);
    expect(byRole('donateur').filter((a: string) => a.startsWith('api::'))).toEqual([
      'api::donation.donation.delete', 'api::donation.donation.find', 'api::donation.donation.findOne', 'api::machine.machine.delete', 'api::machine.machine.find', 'api::machine.machine.findOne',
    ]);
    // Besides their own account, only the portal pages' routes (/api/portail/…, plugin portal), which scope by structure themselves.
    for (const type of ['prescripteur', 'donateur']) {
      expect(byRole(type).filter((a: string) => !/^(api::|plugin::users-permissions\.|plugin::portal\.(account|prescriber|donor)\.)/.test(a))).toEqual([]);
    }
    expect(byRole('donateur').filter((a: string) => a.startsWith('plugin::portal.prescriber.'))).toEqual([]);
    expect(byRole('prescripteur').filter((a: string) => a.startsWith('plugin::portal.donor.'))).toEqual([]);
  });

  it('puts back the exact permissions at the next start, without duplicating roles', async () => {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'donateur' } });
    await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action: 'api::household.household.find', role: role.id } });
    await ensurePortalRoles(app.strapi);
    await ensurePortalRoles(app.strapi);
    const { rows } = await app.sql.query(`SELECT count(*)::int AS n FROM up_roles WHERE type IN ('prescripteur', 'donateur')`);
    expect(rows[0].n).toBe(2);
    const household = await app.strapi.db.query('plugin::users-permissions.permission').findMany({ where: { action: 'api::household.household.find', role: { id: role.id } } });
    expect(household).toEqual([]);
  });

  it('refuses public self-registration', async () => {
    const res = await app.http().post('/api/auth/local/register').send({ username: 'intrus', email: 'intrus@example.test', password: 'Mot-de-passe-2012' });
    expect([400, 403]).toContain(res.status);
    expect((await app.sql.query(`SELECT count(*)::int AS n FROM up_users WHERE email = 'intrus@example.test'`)).rows[0].n).toBe(0);
  });
});

describe('staff open an account and the invited person sets a password', () => {
  it('sends an invitation e-mail, the link sets the password once, and the account logs in', async () => {
    const res = await invite({ structure: 'prescriber', documentId: prescriber.documentId, email: '  Assistante.Sociale@CCAS-Plougastel.test ' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ email: 'assistante.sociale@ccas-plougastel.test', structure: 'CCAS de Plougastel', invitationSent: true });

    const mail = await smtp.waitFor((m) => m.to.includes('assistante.sociale@ccas-plougastel.test'));
    expect(mail.parsed.subject).toBe('Votre accès au portail Seconde Vie');
    expect(mail.parsed.text).toContain('CCAS de Plougastel');
    const token = tokenFrom(mail.parsed.text ?? '');

    // Only the hash is stored.
    const stored = (await app.sql.query('SELECT token_hash FROM sv_portal_invitations')).rows.map((r) => r.token_hash);
    expect(stored).toContain(crypto.createHash('sha256').update(token).digest('hex'));
    expect(stored).not.toContain(token);

    expect((await app.http().post('/api/auth/local').send({ identifier: 'assistante.sociale@ccas-plougastel.test', password: 'Nouveau-Mot-2012' })).status).toBe(400);
    const accepted = await app.http().post('/api/portal/invitations/accept').send({ token, password: 'Nouveau-Mot-2012' });
    expect(accepted.status).toBe(200);

    const login = await app.http().post('/api/auth/local').send({ identifier: 'assistante.sociale@ccas-plougastel.test', password: 'Nouveau-Mot-2012' });
    expect(login.status).toBe(200);
    expect(login.body.jwt).toEqual(expect.any(String));
    const me = await app.http().get('/api/users/me').set('Authorization', `Bearer ${login.body.jwt}`);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('assistante.sociale@ccas-plougastel.test');
    expect(me.body.prescriber).toBeUndefined();

    const again = await app.http().post('/api/portal/invitations/accept').send({ token, password: 'Autre-Mot-2012-bis' });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/n'est pas valide ou a expiré/);
  });

  it('links the account to exactly its structure, matching its role', async () => {
    const res = await invite({ structure: 'donor', documentId: donor.documentId, email: 'dsi@caf.test' });
    expect(res.status).toBe(201);
    const user = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: 'dsi@caf.test' }, populate: ['role', 'donor', 'prescriber'] });
    expect(user.role.type).toBe('donateur');
    expect(user.donor.id).toBe(donor.id);
    expect(user.prescriber).toBeNull();
    expect(user.password ?? null).toBeNull();
  });

  it('staff cannot give an account a second structure, or one that does not match its role', async () => {
    const user = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: 'dsi@caf.test' } });
    const users = app.strapi.documents('plugin::users-permissions.user');
    await expect(users.update({ documentId: user.documentId, data: { prescriber: prescriber.documentId } as never })).rejects.toThrow(/un seul donateur/);
    await expect(users.update({ documentId: user.documentId, data: { donor: null } as never })).rejects.toThrow(/un seul donateur/);
    const after = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: user.id }, populate: ['donor', 'prescriber'] });
    expect([after.donor?.id, after.prescriber]).toEqual([donor.id, null]);
  });

  it('an expired invitation no longer sets a password', async () => {
    await invite({ structure: 'donor', documentId: donor.documentId, email: 'retard@caf.test' });
    const mail = await smtp.waitFor((m) => m.to.includes('retard@caf.test'));
    const token = tokenFrom(mail.parsed.text ?? '');
    await app.sql.query(`UPDATE sv_portal_invitations SET expires_at = now() - interval '1 minute'`);
    const res = await app.http().post('/api/portal/invitations/accept').send({ token, password: 'Trop-Tard-2012' });
    expect(res.status).toBe(400);
  });

  it('refuses a second account for the same address, an unknown structure and a short password', async () => {
    expect((await invite({ structure: 'donor', documentId: donor.documentId, email: 'DSI@caf.test' })).status).toBe(400);
    expect((await invite({ structure: 'donor', documentId: 'aaaaaaaaaaaaaaaaaaaaaaaa', email: 'x@caf.test' })).status).toBe(404);
    expect((await invite({ structure: 'workshop', documentId: donor.documentId, email: 'y@caf.test' })).status).toBe(400);
    expect((await app.http().post('/api/portal/invitations/accept').send({ token: 'x', password: 'court' })).status).toBe(400);
  });

  it('lists a structure’s accounts with their state for its edit view', async () => {
    const res = await app.http().get('/portal/accounts').query({ structure: 'donor', documentId: donor.documentId }).set('Authorization', `Bearer ${admin}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((a: { email: string; status: string }) => [a.email, a.status])).toEqual([
      ['dsi@caf.test', 'invited'],
      ['retard@caf.test', 'invited'],
    ]);
    const prescribers = await app.http().get('/portal/accounts').query({ structure: 'prescriber', documentId: prescriber.documentId }).set('Authorization', `Bearer ${admin}`);
    expect(prescribers.body.data).toEqual([expect.objectContaining({ email: 'assistante.sociale@ccas-plougastel.test', status: 'active' })]);
    expect(JSON.stringify(prescribers.body)).not.toMatch(/password|\$2[aby]\$/);
  });

  it('only staff allowed to open accounts can: volunteers and the public cannot', async () => {
    const volunteer = await staffToken(app, 'seconde-vie-atelier', 'benevole@seconde-vie.test');
    expect((await invite({ structure: 'donor', documentId: donor.documentId, email: 'z@caf.test' }, volunteer)).status).toBe(403);
    expect((await app.http().get('/portal/accounts').query({ structure: 'donor', documentId: donor.documentId }).set('Authorization', `Bearer ${volunteer}`)).status).toBe(403);
    expect((await app.http().post('/portal/accounts').send({ structure: 'donor', documentId: donor.documentId, email: 'z@caf.test' })).status).toBe(401);
  });
});
