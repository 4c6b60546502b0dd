import type { Core } from '@strapi/strapi';
import { errors, validateYupSchema, yup } from '@strapi/utils';
import type { Context } from 'koa';
import { getService } from '../utils';
import { ConflictError, withConflicts } from '../../../../../shared/server/errors';
import { isInScope, scopeOf } from '../../../../../shared/server/workshops';
import { MESSAGES } from '../messages';

const createSchema = yup
  .object({
    structure: yup.string().oneOf(['prescriber', 'donor']).required(),
    documentId: yup.string().required().max(40),
    email: yup.string().email('adresse e-mail invalide').required().max(254),
  })
  .noUnknown();
const validateCreate = validateYupSchema(createSchema, { strict: true });

const listSchema = yup
  .object({
    structure: yup.string().oneOf(['prescriber', 'donor']).required(),
    documentId: yup.string().required().max(40),
  })
  .noUnknown();
const validateList = validateYupSchema(listSchema, { strict: true });

interface AdminUser {
  email?: string;
}

/**
 * A prescriber belongs to one workshop: another workshop's is « Structure introuvable » (404), as
 * one that does not exist, for its accounts' list and for a new account (nothing created, no
 * e-mail). A donor is shared by the network: any workshop reads its accounts; opening one (an
 * invitation e-mail to the donor) is approaching it, so — as moving it on the relationship board
 * — only the workshop that follows it (« suivi par ») may, or any when none follows it (a French
 * 409 names the workshop otherwise). Opening an account does not make a workshop follow the donor.
 */
async function assertStructureInScope(strapi: Core.Strapi, ctx: Context, kind: 'prescriber' | 'donor', documentId: string, write: boolean): Promise<void> {
  const scope = await scopeOf(strapi, ctx);
  if (kind === 'prescriber') {
    if (!(await isInScope(strapi, 'api::prescriber.prescriber', documentId, scope))) throw new errors.NotFoundError(MESSAGES.unknownStructure);
    return;
  }
  if (!write || scope.all) return;
  const donor = (await strapi.db.query('api::donor.donor').findOne({ where: { documentId }, select: ['id'], populate: { followedBy: { select: ['id', 'name'] } } })) as {
    followedBy?: { id: number; name: string } | null;
  } | null;
  const followedBy = donor?.followedBy;
  if (followedBy && !scope.ids.includes(followedBy.id)) {
    throw new ConflictError(`Ce donateur est suivi par l'atelier « ${followedBy.name} » : c'est lui qui ouvre ses comptes du portail.`, {
      code: 'FOLLOWED_BY_OTHER_WORKSHOP',
      followedBy: followedBy.name,
    });
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /portal/accounts?structure=&documentId=: the accounts of one prescriber or donor. */
  async list(ctx: Context) {
    const query = (await validateList(ctx.query)) as { structure: 'prescriber' | 'donor'; documentId: string };
    await assertStructureInScope(strapi, ctx, query.structure, query.documentId, false);
    ctx.body = { data: await getService(strapi, 'accounts').list(query.structure, query.documentId) };
  },

  /** POST /portal/accounts: staff open an account for a prescriber or a donor and invite it. */
  async create(ctx: Context) {
    const raw = (ctx.request as unknown as { body: unknown }).body;
    // Addresses pasted from a letter or a spreadsheet often carry spaces.
    const input = raw && typeof raw === 'object' && typeof (raw as { email?: unknown }).email === 'string' ? { ...raw, email: (raw as { email: string }).email.trim() } : raw;
    const body = (await validateCreate(input)) as yup.InferType<typeof createSchema>;
    const admin = ctx.state.user as AdminUser | undefined;
    await withConflicts(ctx, async () => {
      await assertStructureInScope(strapi, ctx, body.structure as 'prescriber' | 'donor', body.documentId, true);
      const account = await getService(strapi, 'accounts').create(
        { kind: body.structure as 'prescriber' | 'donor', structureDocumentId: body.documentId, email: body.email },
        admin?.email ?? 'staff'
      );
      ctx.status = 201;
      return { data: account };
    });
  },
});
