import type { Core } from '@strapi/strapi';
import { getService } from '../utils';

/**
 * Loads the volunteer identified at the bench on this admin account (docs/volunteers.md, « Qui est
 * au poste ») into the request's state, where `actorFromContext` reads it: every event the request
 * records names them, and qualified actions check their skills. Never refuses.
 */
export default async (policyContext: { state: { user?: { id?: number }; stationOperator?: unknown } }, _config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const id = policyContext.state.user?.id;
  if (id) policyContext.state.stationOperator = await getService(strapi, 'operators').current(String(id));
  return true;
};
