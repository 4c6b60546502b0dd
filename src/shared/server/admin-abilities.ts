import type { Core } from '@strapi/strapi';

/**
 * Strapi's admin authentication computes the signed-in user's permissions anew on every request
 * (two queries and the CASL ability: 30 to 60 ms of CPU on these machines, more than most of our
 * routes' own work). This keeps each user's ability and reuses it while the permissions version
 * is unchanged: a counter PostgreSQL bumps on any change to roles, permissions or a user's roles
 * (database/migrations/2026.12.02T14.00.00.admin-permissions-version.js), whichever path and
 * whichever instance made it. One indexed read per request replaces the recomputation.
 *
 * What an ability depends on: the permissions of the user's roles (the version), the user's id
 * and roles (the key; Strapi's conditions « is creator » and « same role as creator » read only
 * those), and the registered actions and conditions, fixed once the app has started. The user's
 * row itself (active, blocked) is still read by Strapi on every request.
 */

interface AdminUser {
  id: number | string;
  roles?: Array<{ id: number | string }>;
}

interface PermissionEngine {
  generateUserAbility(user: AdminUser): Promise<unknown>;
}

const VERSION_TABLE = 'sv_admin_permissions_version';
const ORIGINAL = Symbol.for('seconde-vie.generateUserAbility');
/** Users kept at most; the oldest used is dropped first. */
const MAX_USERS = 500;

/** The cache key: the user and its roles, or null when the roles were not loaded (no caching). */
export function abilityKey(user: AdminUser): string | null {
  if (!Array.isArray(user.roles)) return null;
  const roles = user.roles.map((role) => String(role.id)).sort();
  return `${user.id}:${roles.join(',')}`;
}

/** A small least-recently-used map. */
export class Recent<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

/** Installs the cache on Strapi's permission engine (bootstrap, after the migrations). */
export function cacheAdminAbilities(strapi: Core.Strapi): void {
  const engine = (strapi.service('admin::permission') as unknown as { engine: PermissionEngine & { [ORIGINAL]?: PermissionEngine['generateUserAbility'] } }).engine;
  // Strapi's engine is one object per process: an app started again in the same process (tests)
  // wraps Strapi's own function again, not the previous app's wrapper and its closed database.
  engine[ORIGINAL] ??= engine.generateUserAbility;
  const generate = engine[ORIGINAL].bind(engine);
  const kept = new Recent<{ version: string; ability: Promise<unknown> }>(MAX_USERS);

  const version = async (): Promise<string | null> => {
    const row = (await strapi.db.connection(VERSION_TABLE).where({ id: 1 }).first('value')) as { value: string | number } | undefined;
    return row ? String(row.value) : null;
  };

  engine.generateUserAbility = async (user: AdminUser) => {
    const key = abilityKey(user);
    // Read before the ability is computed: a change committed in between makes the next request recompute.
    const current = key === null ? null : await version();
    if (key === null || current === null) return generate(user);
    const hit = kept.get(key);
    if (hit && hit.version === current) return hit.ability;
    const ability = generate(user);
    kept.set(key, { version: current, ability });
    ability.catch(() => {
      if (kept.get(key)?.ability === ability) kept.delete(key);
    });
    return ability;
  };
}
