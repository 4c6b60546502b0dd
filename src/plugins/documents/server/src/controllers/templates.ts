import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { validateDocumentIdParam } from './validation';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /documents/templates: every template, with whether staff edited it. */
  async list(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'templates').list() };
  },

  /** POST /documents/templates/:documentId/reset: back to the shipped default text. */
  async reset(ctx: Context) {
    const { documentId } = await validateDocumentIdParam({ documentId: ctx.params.documentId });
    ctx.body = { data: await getService(strapi, 'templates').reset(documentId) };
  },
});
