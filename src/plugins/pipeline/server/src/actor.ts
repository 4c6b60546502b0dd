import type { Context } from 'koa';

/** Who does something: a staff member, a workshop tool's API token, or the app itself. */
export interface Actor {
  type: 'admin' | 'api-token' | 'system';
  id: string | null;
  name: string;
  roleCodes: string[];
  superAdmin: boolean;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, name: 'Seconde Vie', roleCodes: [], superAdmin: true };

interface AdminUser {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  email?: string;
  roles?: Array<{ code: string }>;
}

interface ApiTokenCredentials {
  id: number;
  name: string;
}

/** The actor behind a request: the logged-in admin, else the API token used. */
export function actorFromContext(ctx: Context): Actor {
  const state = ctx.state as { user?: AdminUser; auth?: { strategy?: { name?: string }; credentials?: ApiTokenCredentials } };
  if (state.auth?.strategy?.name === 'api-token' && state.auth.credentials) {
    const token = state.auth.credentials;
    return { type: 'api-token', id: String(token.id), name: `Jeton API « ${token.name} »`, roleCodes: [], superAdmin: false };
  }
  const user = state.user;
  if (user) {
    const roleCodes = (user.roles ?? []).map((r) => r.code);
    const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || `admin #${user.id}`;
    return { type: 'admin', id: String(user.id), name, roleCodes, superAdmin: roleCodes.includes('strapi-super-admin') };
  }
  return SYSTEM_ACTOR;
}
