import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ACTIONS } from './domain/permissions';
import { checkTemplate, TemplateError } from '../../../../shared/server/templating';
import { UID } from './utils';

interface DocumentContext {
  uid: string;
  action: string;
  params: { data?: Record<string, unknown>; documentId?: string };
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS as unknown as object[]);
  strapi.documents.use(templateWrites(strapi) as unknown as Parameters<typeof strapi.documents.use>[0]);
};

/**
 * Templates edited in the admin: refused with a French message when they use raw HTML,
 * partials or unknown helpers; a changed text is a new version.
 */
function templateWrites(strapi: Core.Strapi) {
  return async (ctx: DocumentContext, next: () => Promise<unknown>): Promise<unknown> => {
    if (ctx.uid !== UID.template || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const data = ctx.params.data ?? {};
    if (typeof data.html === 'string') {
      try {
        checkTemplate(data.html);
      } catch (error) {
        if (error instanceof TemplateError) {
          throw new errors.ValidationError(error.message, { errors: [{ path: ['html'], message: error.message, name: 'ValidationError', value: null }] });
        }
        throw error;
      }
    }
    delete data.defaultKey;
    delete data.defaultHash;
    delete data.defaultVersion;
    if (ctx.action === 'create') {
      data.version = 1;
      return next();
    }
    const current = ctx.params.documentId
      ? await strapi.db.query(UID.template).findOne({ where: { documentId: ctx.params.documentId } })
      : null;
    if (current) {
      const changed = (typeof data.html === 'string' && data.html !== current.html) || (typeof data.css === 'string' && data.css !== current.css);
      data.version = changed ? current.version + 1 : current.version;
    }
    return next();
  };
}
