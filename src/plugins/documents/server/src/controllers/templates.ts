import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { assertNetworkSettingsWriter, scopeOf } from '../../../../../shared/server/workshops';
import { validateDocumentIdParam, validateRecordsQuery, validateTemplateUpdate } from './validation';
import type { TemplateKind } from '../domain/kinds';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * GET /documents/templates: every template, with whether staff edited it. Templates are the
   * network's shared practice: one set for every workshop, each printing its own identity.
   */
  async list(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'templates').list() };
  },

  /** PUT /documents/templates/:documentId: checked like any template write; a change is a new version. */
  async update(ctx: Context) {
    // Templates are the network's shared wording (docs/network.md); the Document Service checks it again.
    await assertNetworkSettingsWriter(strapi, await scopeOf(strapi, ctx));
    const { documentId } = await validateDocumentIdParam({ documentId: ctx.params.documentId });
    const data = await validateTemplateUpdate(ctx.request.body ?? {});
    await getService(strapi, 'templates').findOne(documentId);
    await strapi.documents('plugin::documents.template').update({ documentId, data });
    ctx.body = { data: await getService(strapi, 'templates').findOne(documentId) };
  },

  /** GET /documents/records?kind=: records a template of this kind can be previewed with. */
  async records(ctx: Context) {
    const { kind } = await validateRecordsQuery(ctx.query);
    getService(strapi, 'access').assertCanUseKind(ctx, kind as TemplateKind);
    // Only the records of the caller's workshops (every workshop's for the network, super-admins and tokens).
    ctx.body = { data: await getService(strapi, 'templates').sampleRecords(kind as TemplateKind, await scopeOf(strapi, ctx)) };
  },

  /** POST /documents/templates/:documentId/reset: back to the shipped default text. */
  async reset(ctx: Context) {
    await assertNetworkSettingsWriter(strapi, await scopeOf(strapi, ctx));
    const { documentId } = await validateDocumentIdParam({ documentId: ctx.params.documentId });
    ctx.body = { data: await getService(strapi, 'templates').reset(documentId) };
  },
});
