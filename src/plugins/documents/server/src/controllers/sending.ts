import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { MailDeliveryError } from '../services/mailer';
import { getService } from '../utils';
import { assertDocumentInScope, assertRecordInScope, recordInScope } from '../scope';
import { scopeOf } from '../../../../../shared/server/workshops';
import { errors } from '@strapi/utils';
import { MESSAGES } from '../domain/messages';
import { authorOf } from './author';
import { checkRecipients, validateBatchId, validateBatchStart, validateDocumentIdParam, validateSend } from './validation';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Another workshop's batch (its donation's workshop) is one that does not exist: read before the batch is looked at. */
  async function assertBatchInScope(ctx: Context, id: string): Promise<void> {
    const donation = await getService(strapi, 'batches').donationOf(id);
    if (!(await recordInScope(strapi, 'api::donation.donation', donation, await scopeOf(strapi, ctx)))) throw new errors.NotFoundError(MESSAGES.batchNotFound);
  }

  return {
    /**
     * POST /documents/generated/:documentId/send `{ to, message? }` (also /api/documents/… with a
     * token): 201 with the sending; 502/503 with a French message when the SMTP server refuses or
     * cannot be reached (the attempt is recorded as failed).
     */
    async send(ctx: Context) {
      const { documentId } = await validateDocumentIdParam({ documentId: ctx.params.documentId });
      const body = await validateSend(ctx.request.body ?? {});
      const to = checkRecipients(body.to);
      const doc = await getService(strapi, 'documents').findOne(documentId);
      // Another workshop's document is one that does not exist (404), before any other check.
      await assertDocumentInScope(strapi, ctx, doc);
      await getService(strapi, 'access').assertCanRead(ctx, doc.kind, doc.targetDocumentId);
      try {
        ctx.status = 201;
        ctx.body = { data: await getService(strapi, 'mailer').send(documentId, { to, message: body.message ?? null }, authorOf(ctx)) };
      } catch (error) {
        if (!(error instanceof MailDeliveryError)) throw error;
        ctx.status = error.status;
        ctx.body = { data: null, error: { status: error.status, name: 'MailDeliveryError', message: error.message, details: { sending: error.sending } } };
      }
    },

    /** GET /documents/generated/:documentId/recipients: addresses known for the document's record. */
    async recipients(ctx: Context) {
      const { documentId } = await validateDocumentIdParam({ documentId: ctx.params.documentId });
      const doc = await getService(strapi, 'documents').findOne(documentId);
      // Another workshop's document is one that does not exist (404), before any other check.
      await assertDocumentInScope(strapi, ctx, doc);
      await getService(strapi, 'access').assertCanRead(ctx, doc.kind, doc.targetDocumentId);
      ctx.body = { data: await getService(strapi, 'recipients').forRecord(doc.targetUid, doc.targetDocumentId) };
    },

    /** GET /documents/generated/:documentId/sendings */
    async sendings(ctx: Context) {
      const { documentId } = await validateDocumentIdParam({ documentId: ctx.params.documentId });
      const doc = await getService(strapi, 'documents').findOne(documentId);
      // Another workshop's document is one that does not exist (404), before any other check.
      await assertDocumentInScope(strapi, ctx, doc);
      await getService(strapi, 'access').assertCanRead(ctx, doc.kind, doc.targetDocumentId);
      ctx.body = { data: await getService(strapi, 'mailer').forDocument(documentId) };
    },

    /** POST /documents/batches `{ donation }`: 202 with the job (id, total, done…). */
    async startBatch(ctx: Context) {
      const { donation } = await validateBatchStart(ctx.request.body ?? {});
      // Another workshop's donation: 404, no batch, no certificate.
      await assertRecordInScope(strapi, ctx, 'api::donation.donation', donation);
      await getService(strapi, 'access').assertCanRead(ctx, 'donation-erasure-certificate', donation);
      ctx.status = 202;
      ctx.body = { data: await getService(strapi, 'batches').start(donation, authorOf(ctx)) };
    },

    /** GET /documents/batches/:id: progress. */
    async batch(ctx: Context) {
      const { id } = await validateBatchId({ id: ctx.params.id });
      await assertBatchInScope(ctx, id);
      const job = await getService(strapi, 'batches').get(id);
      await getService(strapi, 'access').assertCanRead(ctx, 'donation-erasure-certificate', job.donationDocumentId);
      ctx.body = { data: job };
    },

    /** GET /documents/batches/:id/download: the batch's certificates in a ZIP. */
    async batchArchive(ctx: Context) {
      const { id } = await validateBatchId({ id: ctx.params.id });
      await assertBatchInScope(ctx, id);
      await getService(strapi, 'access').assertCanRead(ctx, 'donation-erasure-certificate', (await getService(strapi, 'batches').get(id)).donationDocumentId);
      const { name, zip } = await getService(strapi, 'batches').archive(id);
      ctx.type = 'application/zip';
      ctx.attachment(name);
      ctx.body = zip;
    },
  };
};
