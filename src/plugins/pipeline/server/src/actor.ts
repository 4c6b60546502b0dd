import type { Context } from 'koa';
import { staffName } from '../../../../shared/server/display-name';

/** Who does something: a staff member, a workshop tool's API token, or the app itself. */
export interface Actor {
  type: 'admin' | 'api-token' | 'user' | 'system';
  id: string | null;
  name: string;
  roleCodes: string[];
  superAdmin: boolean;
  /** On a shared bench account: the volunteer who identified at the station (badge or PIN), named on every event. */
  operator?: StationOperator;
}

/** The volunteer at the bench (docs/volunteers.md, « Qui est au poste »). */
export interface StationOperator {
  volunteer: string;
  name: string;
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

/** The actor behind a request: the API token used, else the logged-in admin, else a portal account. */
export function actorFromContext(ctx: Context): Actor {
  const state = ctx.state as { user?: AdminUser; auth?: { strategy?: { name?: string }; credentials?: ApiTokenCredentials }; stationOperator?: StationOperator | null };
  if (state.auth?.strategy?.name === 'content-api-token' && state.auth.credentials) {
    const token = state.auth.credentials;
    return { type: 'api-token', id: String(token.id), name: `Jeton API « ${token.name} »`, roleCodes: [], superAdmin: false };
  }
  const user = state.user;
  if (user) {
    const roleCodes = (user.roles ?? []).map((r) => r.code);
    const actor: Actor = { type: 'admin', id: String(user.id), name: staffName(user), roleCodes, superAdmin: roleCodes.includes('strapi-super-admin') };
    // Loaded by the pipeline's `station-operator` policy (server-side, keyed by the account).
    return state.stationOperator ? { ...actor, operator: state.stationOperator } : actor;
  }
  // Any other caller (a portal account): identified, never privileged.
  const credentials = state.auth?.credentials as { id?: number; username?: string } | undefined;
  return { type: 'user', id: credentials?.id ? String(credentials.id) : null, name: credentials?.username ?? 'Compte portail', roleCodes: [], superAdmin: false };
}

/**
 * Who did it, for a record's `operator` column (erasure records, checklists): the volunteer at the
 * bench and the account, « Marie Kerlann (poste : compte Atelier) », as the timeline shows; the
 * account alone when nobody identified. At most 120 characters (the columns' length).
 */
export function operatorLabel(actor: Actor): string {
  const label = actor.operator ? `${actor.operator.name} (poste : compte ${actor.name})` : actor.name;
  return label.length > 120 ? `${label.slice(0, 119)}…` : label;
}
