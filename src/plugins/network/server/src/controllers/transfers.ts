import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { signedInStaff } from '../../../../../shared/server/display-name';
import { withConflicts } from '../../../../../shared/server/errors';
import { scopeOf } from '../../../../../shared/server/workshops';
import { isStep } from '../domain/steps';
import type { Staff } from '../services/transfers';

const DOCUMENT_ID = /^[a-z0-9]{1,40}$/;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('network').service('transfers');
  const staff = async (ctx: Context): Promise<Staff> => ({ ...signedInStaff(ctx), scope: await scopeOf(strapi, ctx) });
  const documentId = (ctx: Context): string => {
    const id = String(ctx.params.documentId ?? '');
    if (!DOCUMENT_ID.test(id)) throw new errors.NotFoundError("Ce transfert n'existe pas ou ne concerne pas votre atelier.");
    return id;
  };
  const body = (ctx: Context): Record<string, unknown> => {
    const b = (ctx.request as { body?: unknown }).body;
    if (b == null) return {};
    if (typeof b !== 'object' || Array.isArray(b)) throw new errors.ValidationError('Le corps de la requête doit être un objet JSON.');
    return b as Record<string, unknown>;
  };
  return {
    async list(ctx: Context) {
      ctx.body = { data: await service().list(await staff(ctx)) };
    },
    async transferable(ctx: Context) {
      ctx.body = { data: await service().transferable(await staff(ctx), ctx.query.workshop) };
    },
    async workshops(ctx: Context) {
      ctx.body = { data: await service().workshops(await staff(ctx)) };
    },
    async get(ctx: Context) {
      ctx.body = { data: await service().get(documentId(ctx), await staff(ctx)) };
    },
    async propose(ctx: Context) {
      const input = body(ctx);
      const who = await staff(ctx);
      await withConflicts(ctx, async () => {
        ctx.status = 201;
        return { data: await service().propose(input, who) };
      });
    },
    async request(ctx: Context) {
      const input = body(ctx);
      const who = await staff(ctx);
      await withConflicts(ctx, async () => {
        ctx.status = 201;
        return { data: await service().request(input, who) };
      });
    },
    async answer(ctx: Context) {
      const id = documentId(ctx);
      const input = body(ctx);
      const who = await staff(ctx);
      await withConflicts(ctx, async () => ({ data: await service().propose(input, who, id) }));
    },
    async step(ctx: Context) {
      const id = documentId(ctx);
      const step = String(ctx.params.step ?? '');
      if (!isStep(step)) throw new errors.NotFoundError(`Étape inconnue : « ${step} » (accept, refuse, ship, receive, cancel).`);
      const who = await staff(ctx);
      await withConflicts(ctx, async () => ({ data: await service().step(id, step, who) }));
    },
  };
};
