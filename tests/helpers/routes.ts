import type { Core } from '@strapi/strapi';

/** One HTTP route the running app answers, as Strapi registered it. */
export interface RegisteredRoute {
  method: string;
  /** The full path, prefixes included (`/api/prescriptions/:id`, `/documents/preview`). */
  path: string;
  type: 'admin' | 'content-api';
  /** `admin` for Strapi's admin routes, the plugin's name for a plugin's, none for `src/api`. */
  plugin?: string;
  /** `controller.action` (or the core `api::x.y.action`); `<function>` for an inline handler. */
  handler: string;
  /** The action it runs, fully qualified (`api::machine.machine.find`, `plugin::portal.prescriber.list`). */
  action: string;
  /** Policy names, in order. */
  policies: string[];
  /** False when the route is open without any login (`config.auth: false`). */
  auth: boolean;
  /** The route object Strapi composed the endpoint from (config, info, scope), for deeper checks. */
  raw: RawRoute;
}

/** The shape of a route definition once Strapi registered it (it mutates them in place). */
export interface RawRoute {
  method: string;
  path: string;
  handler: unknown;
  config?: { auth?: false | { scope?: string[]; strategies?: unknown[] }; policies?: unknown[]; prefix?: string; [key: string]: unknown };
  info?: { type?: string; pluginName?: string; apiName?: string };
}

interface Router {
  type?: string;
  prefix?: string;
  routes?: RawRoute[];
}

interface Layer {
  path: string;
  methods: string[];
}

const policyName = (policy: unknown): string => {
  if (typeof policy === 'string') return policy;
  if (typeof policy === 'function') return policy.name || '<function>';
  if (policy && typeof policy === 'object' && 'name' in policy) return String((policy as { name: unknown }).name);
  return '<unknown>';
};

const handlerName = (handler: unknown): string => (typeof handler === 'string' ? handler : Array.isArray(handler) ? '<functions>' : '<function>');

/** Strapi's route sources, as register-routes.js walks them: admin, every plugin, every api. */
function routers(strapi: Core.Strapi): Array<{ router: Router; plugin?: string; namespace: string; defaultPrefix: string }> {
  const out: Array<{ router: Router; plugin?: string; namespace: string; defaultPrefix: string }> = [];
  const admin = (strapi as unknown as { admin: { routes: Record<string, Router> } }).admin.routes;
  for (const router of Object.values(admin)) out.push({ router, plugin: 'admin', namespace: 'admin::', defaultPrefix: '/admin' });
  for (const [name, plugin] of Object.entries(strapi.plugins as Record<string, { routes: RawRoute[] | Record<string, Router> }>)) {
    const list = Array.isArray(plugin.routes) ? [{ type: 'admin', prefix: `/${name}`, routes: plugin.routes }] : Object.values(plugin.routes);
    for (const router of list) out.push({ router, plugin: name, namespace: `plugin::${name}`, defaultPrefix: `/${name}` });
  }
  for (const [name, api] of Object.entries(strapi.apis as Record<string, { routes: Record<string, Router> }>)) {
    for (const router of Object.values(api.routes)) out.push({ router: { ...router, type: 'content-api' }, namespace: `api::${name}`, defaultPrefix: '' });
  }
  return out;
}

/** The fully qualified action of a route: its scope when it has one, else its namespaced handler. */
function actionOf(route: RawRoute, namespace: string): string {
  const scope = route.config?.auth === false ? undefined : route.config?.auth?.scope?.[0];
  if (scope) return scope;
  if (typeof route.handler !== 'string') return 'function';
  const prefix = namespace.endsWith('::') ? namespace : `${namespace}.`;
  return `${route.handler.startsWith(prefix) ? '' : prefix}${route.handler}`;
}

/** The layers mounted on Strapi's koa routers: what really answers, whoever registered it. */
function mountedLayers(strapi: Core.Strapi): Array<{ method: string; path: string }> {
  const server = strapi.server as unknown as { api(name: string): { listRoutes(): Layer[] }; listRoutes(): Layer[] };
  const layers = [...server.api('admin').listRoutes(), ...server.api('content-api').listRoutes()];
  return layers.flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((method) => ({ method, path: layer.path })));
}

/**
 * Every admin and content-API route the app answers, enumerated from Strapi's routers. A route
 * mounted on the koa routers but missing from the definitions (added some other way) is listed
 * too, with handler `<unregistered>`, so that a matrix built on this list cannot miss it.
 */
export function registeredRoutes(strapi: Core.Strapi): RegisteredRoute[] {
  const apiPrefix = String(strapi.config.get('api.rest.prefix', '/api'));
  const routes: RegisteredRoute[] = [];
  for (const { router, plugin, namespace, defaultPrefix } of routers(strapi)) {
    const type = router.type === 'content-api' ? 'content-api' : 'admin';
    const base = type === 'content-api' ? apiPrefix : '';
    const prefix = router.prefix ?? defaultPrefix;
    for (const route of router.routes ?? []) {
      const own = route.config && 'prefix' in route.config;
      const mount = `${base}${own ? '' : prefix}`;
      routes.push({
        method: route.method.toUpperCase(),
        // koa-router mounts a prefixed router's `/` at the prefix itself.
        path: route.path === '/' && mount ? mount : `${mount}${route.path}`,
        type,
        ...(plugin ? { plugin } : {}),
        handler: handlerName(route.handler),
        action: actionOf(route, namespace),
        policies: (route.config?.policies ?? []).map(policyName),
        auth: route.config?.auth !== false,
        raw: route,
      });
    }
  }
  const unmatched = [...routes];
  for (const layer of mountedLayers(strapi)) {
    const i = unmatched.findIndex((r) => r.path === layer.path && (r.method === layer.method || r.method === 'ALL'));
    if (i >= 0) unmatched.splice(i, 1);
    else if (!routes.some((r) => r.path === layer.path && (r.method === layer.method || r.method === 'ALL'))) {
      routes.push({ method: layer.method, path: layer.path, type: layer.path.startsWith(`${apiPrefix}/`) ? 'content-api' : 'admin', handler: '<unregistered>', action: '<unregistered>', policies: [], auth: true, raw: { method: layer.method, path: layer.path, handler: null } });
    }
  }
  return routes;
}
