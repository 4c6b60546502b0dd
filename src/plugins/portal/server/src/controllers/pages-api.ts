import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { filingSchema, followUpSchema, validate } from '../services/pages';
import { getService } from '../utils';

/** The portal pages' API (routes/pages.ts): the signed-in structure's own rows only. */
const service = (strapi: Core.Strapi) => getService(strapi, 'pages');
const auth = (ctx: Context) => (ctx.state as { auth?: { strategy?: { name?: string }; credentials?: { id?: number } } }).auth;

function id(ctx: Context): string {
  const value = String(ctx.params.documentId ?? '');
  if (!/^[a-z0-9]{10,40}$/.test(value)) throw new errors.NotFoundError('Introuvable.');
  return value;
}

function pdf(ctx: Context, name: string, body: Buffer) {
  ctx.type = 'application/pdf';
  ctx.set('Content-Disposition', `attachment; filename="${name}.pdf"`);
  ctx.set('Cache-Control', 'private, no-store');
  ctx.body = body;
}

export default {
  account: ({ strapi }: { strapi: Core.Strapi }) => ({
    async me(ctx: Context) {
      ctx.body = { data: await service(strapi).me(await service(strapi).actor(auth(ctx))) };
    },
  }),

  prescriber: ({ strapi }: { strapi: Core.Strapi }) => ({
    async list(ctx: Context) {
      ctx.body = { data: await service(strapi).prescriptions(await service(strapi).actor(auth(ctx), 'prescriber')) };
    },
    async file(ctx: Context) {
      const actor = await service(strapi).actor(auth(ctx), 'prescriber');
      const input = await validate(filingSchema, (ctx.request.body as { data?: unknown } | undefined)?.data ?? ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await service(strapi).file(actor, input) };
    },
    async followUp(ctx: Context) {
      const actor = await service(strapi).actor(auth(ctx), 'prescriber');
      const { note } = await validate(followUpSchema, ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await service(strapi).addFollowUp(actor, id(ctx), note) };
    },
    async form(ctx: Context) {
      const actor = await service(strapi).actor(auth(ctx), 'prescriber');
      const documentId = id(ctx);
      const prescription = await service(strapi).ownPrescription(actor, documentId);
      pdf(ctx, `fiche-${prescription.number}`, await service(strapi).formPdf(actor, documentId));
    },
    async blankForm(ctx: Context) {
      const actor = await service(strapi).actor(auth(ctx), 'prescriber');
      pdf(ctx, 'fiche-de-prescription-vierge', await service(strapi).formPdf(actor, null));
    },
    async receipt(ctx: Context) {
      const actor = await service(strapi).actor(auth(ctx), 'prescriber');
      const { number, pdf: body } = await service(strapi).receiptPdf(actor, id(ctx));
      pdf(ctx, number, body);
    },
  }),

  donor: ({ strapi }: { strapi: Core.Strapi }) => ({
    async donations(ctx: Context) {
      ctx.body = { data: await service(strapi).donations(await service(strapi).actor(auth(ctx), 'donor')) };
    },
    async documents(ctx: Context) {
      ctx.body = { data: await service(strapi).donorDocuments(await service(strapi).actor(auth(ctx), 'donor')) };
    },
    async file(ctx: Context) {
      const actor = await service(strapi).actor(auth(ctx), 'donor');
      const { number, pdf: body } = await service(strapi).donorDocumentFile(actor, id(ctx));
      pdf(ctx, number, body);
    },
  }),
};
