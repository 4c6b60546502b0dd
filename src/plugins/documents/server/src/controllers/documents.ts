import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { assertDocumentInScope, assertRecordInScope, recordInScope } from '../scope';
import { scopeOf } from '../../../../../shared/server/workshops';
import { KINDS } from '../domain/kinds';
import { authorOf } from './author';
import type { TemplateKind } from '../domain/kinds';
import type { RenderRequest } from '../services/documents';
import { validateDocumentIdParam, validateGenerate, validateListQuery, validatePreview } from './validation';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /documents/preview: HTML (default), PDF, or JSON `{ data: { html } }`; not numbered, not stored. */
  async preview(ctx: Context) {
    const { format, ...request } = await validatePreview(ctx.request.body ?? {});
    // A blank prescription form shows nothing of anyone: the generate permission is enough.
    // Another workshop's record is one that does not exist (404), before any other check.
    if (request.documentId) await assertRecordInScope(strapi, ctx, KINDS[request.kind as TemplateKind].targetUid, request.documentId);
    if (request.documentId) await getService(strapi, 'access').assertCanRead(ctx, request.kind as TemplateKind, request.documentId);
    const service = getService(strapi, 'documents');
    if (format === 'pdf') {
      ctx.type = 'application/pdf';
      ctx.body = await service.previewPdf(request as RenderRequest);
      return;
    }
    if (format === 'json') {
      ctx.body = { data: { html: await service.previewHtml(request as RenderRequest) } };
      return;
    }
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Content-Security-Policy', "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; sandbox");
    ctx.body = await service.previewHtml(request as RenderRequest);
  },

  /** POST /documents/generate: issues a numbered, stored document. */
  async generate(ctx: Context) {
    const request = await validateGenerate(ctx.request.body ?? {});
    // Another workshop's record: 404, no number taken, nothing written.
    await assertRecordInScope(strapi, ctx, KINDS[request.kind as TemplateKind].targetUid, request.documentId);
    await getService(strapi, 'access').assertCanRead(ctx, request.kind as TemplateKind, request.documentId);
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'documents').generate(request as RenderRequest, authorOf(ctx)) };
  },

  /** GET /documents/generated?targetUid=&targetDocumentId= */
  async list(ctx: Context) {
    const query = await validateListQuery(ctx.query);
    // Another workshop's record lists nothing, as a record that does not exist.
    if (!(await recordInScope(strapi, query.targetUid, query.targetDocumentId, await scopeOf(strapi, ctx)))) {
      ctx.body = { data: [] };
      return;
    }
    const readable = await getService(strapi, 'access').readableKinds(ctx, query.targetUid, query.targetDocumentId);
    const docs = await getService(strapi, 'documents').forRecord(query.targetUid, query.targetDocumentId);
    ctx.body = { data: docs.filter((doc) => readable.has(doc.kind)) };
  },

  /** GET /documents/generated/:documentId/download */
  async download(ctx: Context) {
    const { documentId } = await validateDocumentIdParam({ documentId: ctx.params.documentId });
    const service = getService(strapi, 'documents');
    const doc = await service.findOne(documentId);
    await assertDocumentInScope(strapi, ctx, doc);
    await getService(strapi, 'access').assertCanRead(ctx, doc.kind, doc.targetDocumentId);
    const pdf = await service.fileContent(doc);
    ctx.type = 'application/pdf';
    ctx.attachment(`${doc.number}.pdf`);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = pdf;
  },
});
