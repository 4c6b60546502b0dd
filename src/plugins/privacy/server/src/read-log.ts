import type { Core } from '@strapi/strapi';
import { HOUSEHOLD } from './services/privacy';

interface MiddlewareContext {
  uid: string;
  action: string;
  params: Record<string, unknown>;
}

interface RequestState {
  user?: { id: number; firstname?: string | null; lastname?: string | null; email?: string };
  auth?: { strategy?: { name?: string } };
}

const READS = new Set(['findOne', 'findFirst', 'findMany']);

/**
 * Logs every household a staff member reads through the admin (edit view, list): who, when,
 * which. The app's own reads (jobs, seed, exports) have no admin user and are not logged.
 */
export function readLogMiddleware(strapi: Core.Strapi) {
  return async (ctx: MiddlewareContext, next: () => Promise<unknown>) => {
    const result = await next();
    if (ctx.uid !== HOUSEHOLD || !READS.has(ctx.action)) return result;
    const state = strapi.requestContext.get()?.state as RequestState | undefined;
    if (!state?.user || state.auth?.strategy?.name !== 'admin') return result;
    const rows = (Array.isArray(result) ? result : result ? [result] : []) as Array<{ documentId?: string }>;
    const ids = rows.map((r) => r.documentId).filter((id): id is string => typeof id === 'string');
    if (ids.length === 0) return result;
    const user = state.user;
    const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || `admin #${user.id}`;
    await strapi
      .plugin('privacy')
      .service('privacy')
      .log(ctx.action === 'findMany' ? 'list' : 'read', ids, { id: String(user.id), name }, { path: strapi.requestContext.get()?.path ?? null });
    return result;
  };
}
