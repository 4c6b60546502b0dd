import type { Core } from '@strapi/strapi';

/** One route the app registered, as the router serves it. */
export interface RegisteredRoute {
  method: string;
  /** The full path, with Koa's `:params` (e.g. `/api/portail/prescriptions/:documentId/form`). */
  path: string;
  type: 'admin' | 'content-api';
  /** The plugin that declares it (`admin` for the admin's own routes); absent for `src/api` routes. */
  plugin?: string;
  /** The action it runs, fully qualified (`api::machine.machine.find`, `plugin::portail.prescriber.list`). */
  handler: string;
  policies: string[];
  /** False for routes declared `auth: false` (public). */
  auth: boolean;
}

interface DeclaredRoute {
  method: string;
  path: string;
  handler: unknown;
  config?: { auth?: false | { scope?: string[] }; policies?: unknown[]; prefix?: string };
}

interface DeclaredRouter {
  type?: string;
  prefix?: string;
  routes?: DeclaredRoute[];
}

type Routers = Record<string, DeclaredRouter> | DeclaredRoute[];

const policyName = (policy: unknown): string =>
  typeof policy === 'string' ? policy : typeof policy === 'function' ? policy.name || 'function' : String((policy as { name?: unknown })?.name ?? 'unknown');

/**
 * Every route the app registered (admin, every `src/api` type, every plugin), read from the
 * routers Strapi instantiated at load, with the full path the HTTP router matches: the
 * content API's `/api` prefix, then the router's prefix unless the route sets its own.
 */
export function registeredRoutes(strapi: Core.Strapi): RegisteredRoute[] {
  const apiPrefix = String(strapi.config.get('api.rest.prefix', '/api'));
  const out: RegisteredRoute[] = [];

  const add = (routers: Routers | undefined, namespace: string, defaults: { type: 'admin' | 'content-api'; prefix: string }, plugin?: string) => {
    if (!routers) return;
    const list: DeclaredRouter[] = Array.isArray(routers) ? [{ type: 'admin', prefix: defaults.prefix, routes: routers }] : Object.values(routers);
    for (const router of list) {
      const type = (router.type ?? defaults.type) === 'content-api' ? 'content-api' : 'admin';
      const routerPrefix = router.prefix ?? defaults.prefix;
      for (const route of router.routes ?? []) {
        const ownPrefix = route.config !== undefined && Object.prototype.hasOwnProperty.call(route.config, 'prefix');
        const scope = route.config?.auth === false ? undefined : route.config?.auth?.scope?.[0];
        const prefix = namespace.endsWith('::') ? namespace : `${namespace}.`;
        const handler =
          scope ?? (typeof route.handler === 'string' ? `${route.handler.startsWith(prefix) ? '' : prefix}${route.handler}` : 'function');
        out.push({
          method: route.method.toUpperCase(),
          path: `${type === 'content-api' ? apiPrefix : ''}${ownPrefix ? '' : routerPrefix}${route.path}`.replace(/\/{2,}/g, '/'),
          type,
          ...(plugin ? { plugin } : {}),
          handler,
          policies: (route.config?.policies ?? []).map(policyName),
          auth: route.config?.auth !== false,
        });
      }
    }
  };

  add(strapi.admin.routes as unknown as Routers, 'admin::', { type: 'admin', prefix: '/admin' }, 'admin');
  for (const apiName of Object.keys(strapi.apis)) {
    add(strapi.api(apiName).routes as unknown as Routers, `api::${apiName}`, { type: 'content-api', prefix: '' });
  }
  for (const [pluginName, plugin] of Object.entries(strapi.plugins)) {
    add(plugin.routes as unknown as Routers, `plugin::${pluginName}`, { type: 'admin', prefix: `/${pluginName}` }, pluginName);
  }
  return out;
}
