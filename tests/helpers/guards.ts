import type { Core } from '@strapi/strapi';
import { errors, policy } from '@strapi/utils';
import type { RawRoute } from './routes';

/**
 * Whether a caller gets past a route's guards — authentication, the route's auth scope and its
 * policies — as Strapi's compose-endpoint.js chains them, without running the controller. Uses
 * Strapi's own auth service and policy registry on a minimal request, so a role's real
 * permissions (admin RBAC, users-permissions) decide. Controllers may refuse further (ownership,
 * record type): that part is the security tests' business.
 */
export async function passesGuards(strapi: Core.Strapi, route: RawRoute, authorization: string | null, params: Record<string, string>): Promise<boolean> {
  const config = route.config ?? {};
  const state: Record<string, unknown> = { route: { ...route, config } };
  const header: Record<string, string> = authorization ? { authorization } : {};
  let refused = false;
  const ctx = {
    state,
    params,
    query: {},
    headers: header,
    request: { header, headers: header, query: {}, body: {} },
    get: (name: string) => header[name.toLowerCase()] ?? '',
    unauthorized: () => {
      refused = true;
    },
    forbidden: () => {
      refused = true;
    },
  };
  const auth = strapi.get('auth') as {
    authenticate(ctx: unknown, next: () => Promise<void>): Promise<unknown>;
    verify(auth: unknown, config: unknown): Promise<void>;
  };
  let reached = false;
  await auth.authenticate(ctx, async () => {
    reached = true;
  });
  if (!reached || refused) return false;
  try {
    await auth.verify(state.auth, config.auth);
  } catch (error) {
    if (error instanceof errors.UnauthorizedError || error instanceof errors.ForbiddenError) return false;
    throw error;
  }
  const resolved = (strapi.get('policies') as { resolve(config: unknown[], info: unknown): Array<{ handler: (ctx: unknown, config: unknown, opts: unknown) => unknown; config: unknown }> }).resolve(
    config.policies ?? [],
    route.info
  );
  const policyContext = policy.createPolicyContext('koa', ctx);
  for (const { handler, config: policyConfig } of resolved) {
    try {
      const result = await handler(policyContext, policyConfig, { strapi });
      if (result !== true && result !== undefined) return false;
    } catch (error) {
      if (error instanceof errors.PolicyError || error instanceof errors.ForbiddenError || error instanceof errors.UnauthorizedError) return false;
      throw error;
    }
  }
  return true;
}

/** Plausible values for a route's parameters (a model the matrix is read on, unknown ids). */
export function sampleParams(path: string, model: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of path.matchAll(/:([A-Za-z_]+)(\([^)]*\))?/g)) {
    const name = match[1];
    params[name] = PARAM_SAMPLES[name] ?? (name === 'model' || name === 'uid' ? model : 'zzzzzzzzzzzzzzzzzzzzzzzz');
  }
  return params;
}

const PARAM_SAMPLES: Record<string, string> = {
  targetField: 'prescriptions',
  workflow: 'prescriptions',
  key: 'prescriptions',
  labelCode: 'SV-999999',
  number: 'ATT-2012-999999',
  id: '999999',
};

/** The path with its parameters filled in, for an HTTP call. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z_]+)(\([^)]*\))?/g, (_m, name: string) => encodeURIComponent(params[name] ?? 'x'));
}
