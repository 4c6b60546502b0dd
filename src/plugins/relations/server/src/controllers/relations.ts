import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { withConflicts } from '../../../../../shared/server/errors';
import type { MoveInput } from '../services/donors';
import type { PlanInput } from '../services/pickups';
import { getService, staffName, type Actor } from '../utils';
import {
  completeSchema,
  conventionStateSchema,
  documentIdParam,
  donorDocumentSchema,
  emptySchema,
  moveSchema,
  pickupRangeSchema,
  planSchema,
  validate,
} from './validation';
import * as clock from '../../../../../shared/server/clock';
import { signedInStaff } from '../../../../../shared/server/display-name';
import { documentsService } from '../../../../../shared/server/documents';
import { assertInScope, scopeOf } from '../../../../../shared/server/workshops';
import { staffInScope } from '../scope';

const INTERACTION = 'api::interaction.interaction';
const CONVENTION = 'api::convention.convention';
const PICKUP = 'api::pickup.pickup';

const actor = (ctx: Context): Actor => signedInStaff(ctx);

interface MailFailure {
  status: 502 | 503;
  message: string;
  name: string;
}
const isMailFailure = (e: unknown): e is MailFailure => (e as { name?: string })?.name === 'MailDeliveryError';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async board(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'donors').board(await scopeOf(strapi, ctx)) };
  },

  async staff(ctx: Context) {
    // The colleagues a next step can be given to: the staff of my workshops.
    const users = await staffInScope(strapi, await scopeOf(strapi, ctx));
    ctx.body = { data: users.map((u) => ({ id: u.id, name: staffName(u) })) };
  },

  async moveDonor(ctx: Context) {
    const documentId = documentIdParam(ctx.params.documentId, 'donateur');
    const body = await validate<MoveInput>(moveSchema, ctx.request.body);
    const scope = await scopeOf(strapi, ctx);
    await withConflicts(ctx, async () => ({ data: await getService(strapi, 'donors').move(documentId, body, actor(ctx), scope) }));
  },

  async stepDone(ctx: Context) {
    const documentId = documentIdParam(ctx.params.documentId, 'interaction');
    await validate(emptySchema, ctx.request.body);
    await assertInScope(strapi, ctx, INTERACTION, documentId);
    await withConflicts(ctx, async () => ({ data: await getService(strapi, 'steps').markDone(documentId) }));
  },

  async dueSteps(ctx: Context) {
    const today = clock.today();
    ctx.body = { data: { today, entries: await getService(strapi, 'steps').digest(today, await scopeOf(strapi, ctx)) } };
  },

  async conventionState(ctx: Context) {
    const documentId = documentIdParam(ctx.params.documentId, 'convention');
    const body = await validate<{ to: 'draft' | 'sent' | 'signed' | 'expired' | 'terminated'; signedAt?: string }>(conventionStateSchema, ctx.request.body);
    await assertInScope(strapi, ctx, CONVENTION, documentId);
    try {
      await withConflicts(ctx, async () => ({ data: await getService(strapi, 'conventions').move(documentId, body, actor(ctx)) }));
    } catch (error) {
      if (!isMailFailure(error)) throw error;
      ctx.status = error.status;
      ctx.body = { data: null, error: { status: error.status, name: 'MailDeliveryError', message: `${error.message} La convention reste « Brouillon ».`, details: {} } };
    }
  },

  async conventionSummary(ctx: Context) {
    const documentId = documentIdParam(ctx.params.documentId, 'convention');
    await assertInScope(strapi, ctx, CONVENTION, documentId);
    ctx.body = { data: await getService(strapi, 'conventions').summary(documentId) };
  },

  async renewConvention(ctx: Context) {
    const documentId = documentIdParam(ctx.params.documentId, 'convention');
    await validate(emptySchema, ctx.request.body);
    await assertInScope(strapi, ctx, CONVENTION, documentId);
    await withConflicts(ctx, async () => {
      ctx.status = 201;
      return { data: await getService(strapi, 'conventions').renew(documentId) };
    });
  },

  async expiring(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'conventions').expiring(await scopeOf(strapi, ctx)) };
  },

  async pickups(ctx: Context) {
    const range = await validate<{ from?: string; to?: string; state?: string }>(pickupRangeSchema, ctx.query);
    ctx.body = { data: await getService(strapi, 'pickups').list(range, await scopeOf(strapi, ctx)) };
  },

  async pickupConventions(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'pickups').signedConventions(await scopeOf(strapi, ctx)) };
  },

  async planPickup(ctx: Context) {
    const body = await validate<PlanInput>(planSchema, ctx.request.body);
    // Another workshop's convention is « introuvable » (404), as its record would be; nothing is created.
    await assertInScope(strapi, ctx, CONVENTION, body.convention);
    const pickup = await getService(strapi, 'pickups').plan(body);
    ctx.status = 201;
    ctx.body = { data: pickup };
  },

  async completePickup(ctx: Context) {
    const documentId = documentIdParam(ctx.params.documentId, 'collecte');
    const body = await validate<{ collectedAt?: string; count?: number }>(completeSchema, ctx.request.body);
    await assertInScope(strapi, ctx, PICKUP, documentId);
    await withConflicts(ctx, async () => ({ data: await getService(strapi, 'pickups').complete(documentId, body) }));
  },

  async cancelPickup(ctx: Context) {
    const documentId = documentIdParam(ctx.params.documentId, 'collecte');
    await validate(emptySchema, ctx.request.body);
    await assertInScope(strapi, ctx, PICKUP, documentId);
    await withConflicts(ctx, async () => ({ data: await getService(strapi, 'pickups').cancel(documentId) }));
  },

  /** Issues a label certificate or a thank-you letter (for `year`, else the last complete year) through the documents plugin. */
  async donorDocument(ctx: Context) {
    const documentId = documentIdParam(ctx.params.documentId, 'donateur');
    const body = await validate<{ kind: 'label-certificate' | 'thank-you-letter'; year?: number }>(donorDocumentSchema, ctx.request.body);
    const documents = documentsService(strapi);
    if (!documents) throw new errors.ApplicationError("Le module Documents n'est pas activé.");
    const impact = getService(strapi, 'impact');
    const year = body.year ?? impact.letterYear();
    const doc = await impact.withYear(year, () => documents.generate({ kind: body.kind, documentId }, actor(ctx)));
    ctx.status = 201;
    ctx.body = { data: { ...doc, year: body.kind === 'thank-you-letter' ? year : null } };
  },
});
