import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { adoptHousehold } from './bootstrap/households';
import { PORTAL_ROLE_TYPES } from './bootstrap/roles';
import { accountProblem } from './domain/account';

const USER = 'plugin::users-permissions.user';

interface DocumentContext {
  uid: string;
  action: string;
}

type Next = () => Promise<unknown>;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // A household takes the structure of the prescription that refers it, when it has none yet.
  const households = async (ctx: DocumentContext, next: Next) => {
    if (ctx.uid !== 'api::prescription.prescription' || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const result = (await next()) as { documentId?: string } | null;
    if (result?.documentId) await adoptHousehold(strapi, result.documentId);
    return result;
  };

  // Staff editing an account in the panel cannot give it two structures, or one that does not match its role.
  const accounts = async (ctx: DocumentContext, next: Next) => {
    if (ctx.uid !== USER || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    return strapi.db.transaction(async () => {
      const result = (await next()) as { documentId?: string } | null;
      if (!result?.documentId) return result;
      const user = (await strapi.db.query(USER).findOne({
        where: { documentId: result.documentId },
        populate: { role: { select: ['type'] }, prescriber: { select: ['id'] }, donor: { select: ['id'] } },
      })) as { role?: { type?: string } | null; prescriber?: unknown; donor?: unknown } | null;
      const problem = user ? accountProblem({ roleType: user.role?.type, prescriber: user.prescriber, donor: user.donor }, PORTAL_ROLE_TYPES) : null;
      if (problem) throw new errors.ValidationError(problem, { errors: [{ path: ['role'], message: problem, name: 'ValidationError', value: null }] });
      return result;
    });
  };

  for (const middleware of [households, accounts]) {
    strapi.documents.use(middleware as unknown as Parameters<typeof strapi.documents.use>[0]);
  }
};
