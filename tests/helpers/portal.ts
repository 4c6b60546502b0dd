import type { TestApp } from './app';

export const PORTAL_PASSWORD = 'Portail-Seconde-Vie-2012';

/**
 * Opens a portal account the way staff do (the accounts service behind POST /portal/accounts),
 * spends a fresh invitation over HTTP to set its password, and logs in: returns the JWT.
 */
export async function portalAccount(app: TestApp, kind: 'prescriber' | 'donor', structureDocumentId: string, email: string): Promise<string> {
  const accounts = app.strapi.plugin('portal').service('accounts');
  const account = (await accounts.create({ kind, structureDocumentId, email }, 'tests')) as { id: number };
  const { token } = (await accounts.issueInvitation(account.id, 'tests')) as { token: string };
  const accepted = await app.http().post('/api/portal/invitations/accept').send({ token, password: PORTAL_PASSWORD });
  if (accepted.status !== 200) throw new Error(`invitation ${email}: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return login(app, email);
}

/** Logs in through /api/auth/local and returns the JWT. */
export async function login(app: TestApp, identifier: string, password = PORTAL_PASSWORD): Promise<string> {
  const res = await app.http().post('/api/auth/local').send({ identifier, password });
  if (res.status !== 200) throw new Error(`login ${identifier}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.jwt as string;
}

/** An account with users-permissions' default role « Authenticated » and no structure. */
export async function accountWithoutStructure(app: TestApp, email: string): Promise<string> {
  const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  await app.strapi.plugin('users-permissions').service('user').add({
    username: email, email, provider: 'local', confirmed: true, blocked: false, role: role.id, password: PORTAL_PASSWORD,
  });
  return login(app, email);
}
