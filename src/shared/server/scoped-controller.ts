/**
 * The REST controllers of the four business types a portal account reaches
 * (src/api/{prescription,household,donation,machine}): Strapi's core controller, each action
 * handed to the portal plugin's `scope` service, which narrows it to the caller's structure for a
 * portal account and runs the core action for a staff API token. The app's controllers depend on
 * this contract, not on the portal plugin's files; see docs/architecture.md.
 */
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import type { DONATION, HOUSEHOLD, MACHINE, PRESCRIPTION } from '../ownership';
import { pluginService } from '../plugin-service';

export type ScopedUid = typeof PRESCRIPTION | typeof HOUSEHOLD | typeof DONATION | typeof MACHINE;
export type ScopedAction = 'find' | 'findOne' | 'create' | 'update' | 'delete';

/** The core controller's actions and helpers the portal's scoping relies on. */
export interface CoreController {
  find(ctx: Context): Promise<unknown>;
  findOne(ctx: Context): Promise<unknown>;
  create(ctx: Context): Promise<unknown>;
  update(ctx: Context): Promise<unknown>;
  delete(ctx: Context): Promise<unknown>;
  validateQuery(ctx: Context): Promise<void>;
  sanitizeQuery(ctx: Context): Promise<Record<string, unknown>>;
  sanitizeInput(data: unknown, ctx: Context): Promise<Record<string, unknown>>;
  sanitizeOutput(data: unknown, ctx: Context): Promise<unknown>;
  transformResponse(data: unknown, meta?: unknown): unknown;
}

/** What `strapi.plugin('portal').service('scope')` provides (src/plugins/portal/server/src/services/scope.ts). */
export interface PortalScopeService {
  /** Runs `action` on `uid` for the request's caller: narrowed for a portal account, the core action for staff. */
  handle(uid: ScopedUid, action: ScopedAction, ctx: Context, core: CoreController): Promise<unknown>;
}

/**
 * The core controller of a business type, with every action narrowed to the caller's structure
 * when the caller is a portal account. Without the portal plugin the API answers 500 rather than
 * serve unscoped rows.
 */
export function scopedController(uid: ScopedUid) {
  return factories.createCoreController(uid, ({ strapi }) => {
    const core = factories.createCoreController(uid)({ strapi }) as unknown as CoreController;
    const scope = (): PortalScopeService => {
      const service = pluginService<PortalScopeService>(strapi, 'portal', 'scope');
      if (!service) throw new Error(`${uid}: the portal plugin is not enabled, so its records cannot be scoped`);
      return service;
    };
    const action = (name: ScopedAction) => (ctx: Context) => scope().handle(uid, name, ctx, core);
    return {
      find: action('find'),
      findOne: action('findOne'),
      create: action('create'),
      update: action('update'),
      delete: action('delete'),
    };
  });
}
